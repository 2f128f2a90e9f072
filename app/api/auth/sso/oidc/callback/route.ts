import { findSsoConnectionForLogin } from "@/lib/db/global/sso";
import { withErrors } from "@/lib/http/route";
import { appOrigin } from "@/lib/http/urls";
import { logger } from "@/lib/logger";
import { finishOidcLogin } from "@/lib/sso/oidc";
import { finishSsoSignIn, oidcSettings, redirectTo, SSO_ERROR, takeSsoState } from "@/lib/sso/login";

/** Where a workspace's OpenID Connect provider sends the person back (the redirect URI to register). */
export const GET = withErrors(async ({ req, request }) => {
  const state = await takeSsoState();
  if (!state?.s || !state.n || !state.v) return redirectTo(req, `/signin?error=${SSO_ERROR.expired}`);
  // The provider checks the redirect URI against the one sent at the start: rebuilt on the app's public origin.
  const received = new URL(req.url);
  const url = new URL(`${received.pathname}${received.search}`, appOrigin(req));
  if (url.searchParams.get("error")) return redirectTo(req, `/signin?error=${SSO_ERROR.denied}`);
  const connection = await findSsoConnectionForLogin(state.c);
  if (!connection || connection.protocol !== "oidc") return redirectTo(req, `/signin?error=${SSO_ERROR.notConfigured}`);
  let identity;
  try {
    identity = await finishOidcLogin(oidcSettings(connection), url, { state: state.s, nonce: state.n, codeVerifier: state.v });
  } catch (error) {
    logger.warn({ requestId: request.id, workspaceId: connection.workspaceId, connectionId: connection.id, err: error }, "OpenID Connect sign-in failed");
    return redirectTo(req, `/signin?error=${SSO_ERROR.failed}`);
  }
  return finishSsoSignIn(req, request, { connection, ...identity, callback: state.cb });
});
