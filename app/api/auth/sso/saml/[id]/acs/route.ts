import { findSsoConnectionForLogin, samlRequestStore } from "@/lib/db/global/sso";
import { safeCallbackPath } from "@/lib/http/redirects";
import { withErrors } from "@/lib/http/route";
import { appOrigin } from "@/lib/http/urls";
import { logger } from "@/lib/logger";
import { finishSsoSignIn, redirectTo, SSO_ERROR } from "@/lib/sso/login";
import { finishSamlLogin } from "@/lib/sso/saml";

/** The assertion consumer service of one SAML connection: the IdP posts the signed response here (HTTP-POST binding). */
export const POST = withErrors<{ id: string }>(async ({ req, params, request }) => {
  const connection = await findSsoConnectionForLogin(params.id);
  if (!connection || connection.protocol !== "saml") return redirectTo(req, `/signin?error=${SSO_ERROR.notConfigured}`);
  const form = await req.formData().catch(() => null);
  const samlResponse = form?.get("SAMLResponse");
  const log = { requestId: request.id, workspaceId: connection.workspaceId, connectionId: connection.id };
  if (typeof samlResponse !== "string" || !samlResponse) {
    logger.warn(log, "SAML post without a SAMLResponse");
    return redirectTo(req, `/signin?error=${SSO_ERROR.failed}`);
  }
  let identity;
  try {
    identity = await finishSamlLogin(connection, appOrigin(req), { samlResponse, store: samlRequestStore(connection) });
  } catch (error) {
    logger.warn({ ...log, err: error }, "SAML response refused");
    return redirectTo(req, `/signin?error=${SSO_ERROR.failed}`);
  }
  const relayState = form?.get("RelayState");
  return finishSsoSignIn(req, request, { connection, ...identity, emailVerified: null, callback: safeCallbackPath(typeof relayState === "string" ? relayState : "/") });
});
