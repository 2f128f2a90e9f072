import "server-only";
import { cookies } from "next/headers";
import { secureCookies, sessionCookieName } from "@/lib/auth/cookies";
import { seal, unseal } from "@/lib/auth/encryption";
import { sessionPolicy } from "@/lib/auth/session-policy";
import { limitSignIn, SIGN_IN_RATE_LIMITED } from "@/lib/auth/sign-in-limit";
import { createSession } from "@/lib/db/global/identity";
import { completeSsoLogin, DeprovisionedError, findSsoRouteForEmail, samlRequestStore, type SsoLoginConnection } from "@/lib/db/global/sso";
import { AppError } from "@/lib/errors";
import { safeCallbackPath } from "@/lib/http/redirects";
import type { RequestInfo } from "@/lib/http/route";
import { appOrigin } from "@/lib/http/urls";
import { logger } from "@/lib/logger";
import { email as emailSchema } from "@/lib/validation/common";
import { startOidcLogin, type OidcClientSettings } from "./oidc";
import { startSamlLogin } from "./saml";

/**
 * "Continue with SSO" (docs/decisions/0019-enterprise-sso-plan.md): the work
 * email picks the workspace that verified its domain and that workspace's
 * identity provider; the provider's answer ends in `completeSsoLogin` and a
 * database session like any other sign-in. What a sign-in in progress must
 * remember (the provider's state, nonce and PKCE verifier, where to go after)
 * travels sealed in a short-lived cookie, so any server can finish it.
 */

/** The sign-in page's messages for these (`/signin?error=…`). */
export const SSO_ERROR = {
  invalidEmail: "SsoInvalidEmail",
  notConfigured: "SsoNotConfigured",
  unavailable: "SsoUnavailable",
  expired: "SsoExpired",
  failed: "SsoFailed",
  wrongDomain: "SsoWrongDomain",
  denied: "AccessDenied",
} as const;

const STATE_TTL_SECONDS = 10 * 60;

export interface SsoState {
  /** The connection. */
  c: string;
  /** OIDC: state, nonce and PKCE verifier. */
  s?: string;
  n?: string;
  v?: string;
  /** Where to go once signed in. */
  cb: string;
  /** Expiry, ms since the epoch. */
  exp: number;
}

export function ssoStateCookieName(): string {
  return secureCookies() ? "__Host-readyroom.sso-state" : "readyroom.sso-state";
}

export function sealSsoState(state: Omit<SsoState, "exp">, now = Date.now()): string {
  return seal("sso-state", JSON.stringify({ ...state, exp: now + STATE_TTL_SECONDS * 1000 }));
}

/** The state of the sign-in in progress, or null when missing, altered or expired. */
export function openSsoState(value: string | undefined, now = Date.now()): SsoState | null {
  if (!value) return null;
  try {
    const state = JSON.parse(unseal("sso-state", value)) as SsoState;
    return typeof state.c === "string" && typeof state.exp === "number" && state.exp > now ? state : null;
  } catch {
    return null;
  }
}

export function oidcRedirectUri(origin: string): string {
  return `${origin}/api/auth/sso/oidc/callback`;
}

export function redirectTo(req: Request, path: string): Response {
  return new Response(null, { status: 303, headers: { location: new URL(path, appOrigin(req)).toString() } });
}

function signInError(req: Request, code: string, email?: string): Response {
  const query = new URLSearchParams({ error: code, ...(email ? { email } : {}) });
  return redirectTo(req, `/signin?${query}`);
}

export function oidcSettings(connection: SsoLoginConnection): OidcClientSettings {
  return { issuer: connection.oidcIssuer ?? "", clientId: connection.oidcClientId ?? "", clientSecret: unseal("sso-client-secret", connection.oidcClientSecret ?? "") };
}

/** POST /api/auth/sso: from the work email to the workspace's identity provider. */
export async function startSsoSignIn(req: Request, request: RequestInfo): Promise<Response> {
  const origin = req.headers.get("origin");
  if (origin && origin !== appOrigin(req)) throw new AppError("forbidden", "Cross-site sign-in is refused.");
  try {
    await limitSignIn(req.headers);
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") return signInError(req, SIGN_IN_RATE_LIMITED);
    throw error;
  }
  const form = await req.formData().catch(() => null);
  const typed = String(form?.get("email") ?? "");
  const parsed = emailSchema.safeParse(typed);
  if (!parsed.success) return signInError(req, SSO_ERROR.invalidEmail, typed.slice(0, 254));
  const email = parsed.data;
  const route = await findSsoRouteForEmail(email);
  if (!route) return signInError(req, SSO_ERROR.notConfigured, email);
  const callback = safeCallbackPath(String(form?.get("callbackUrl") ?? "/"));
  const { connection } = route;
  try {
    if (connection.protocol === "saml") {
      const url = await startSamlLogin(connection, appOrigin(req), { relayState: callback, store: samlRequestStore(connection) });
      return new Response(null, { status: 303, headers: { location: url } });
    }
    const start = await startOidcLogin(oidcSettings(connection), { redirectUri: oidcRedirectUri(appOrigin(req)), loginHint: email });
    await setStateCookie(sealSsoState({ c: connection.id, s: start.state, n: start.nonce, v: start.codeVerifier, cb: callback }));
    return new Response(null, { status: 303, headers: { location: start.url.toString() } });
  } catch (error) {
    logger.warn({ requestId: request.id, workspaceId: connection.workspaceId, connectionId: connection.id, err: error }, "identity provider unavailable");
    return signInError(req, SSO_ERROR.unavailable, email);
  }
}

async function setStateCookie(value: string) {
  (await cookies()).set(ssoStateCookieName(), value, { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies(), maxAge: STATE_TTL_SECONDS });
}

/** Reads and forgets the sign-in in progress: its state is good for one answer. */
export async function takeSsoState(): Promise<SsoState | null> {
  const jar = await cookies();
  const state = openSsoState(jar.get(ssoStateCookieName())?.value);
  jar.delete({ name: ssoStateCookieName(), path: "/", secure: secureCookies(), httpOnly: true, sameSite: "lax" });
  return state;
}

/**
 * What the provider asserted, checked and turned into a session: the address
 * must be in a domain the connection speaks for, and not marked unverified.
 */
export async function finishSsoSignIn(
  req: Request,
  request: RequestInfo,
  input: { connection: SsoLoginConnection; subject: string; email: string | null; emailVerified: boolean | null; name: string | null; callback: string },
): Promise<Response> {
  const { connection } = input;
  const email = input.email?.trim().toLowerCase() ?? "";
  const log = { requestId: request.id, workspaceId: connection.workspaceId, connectionId: connection.id };
  if (!emailSchema.safeParse(email).success) {
    logger.warn(log, "identity provider sent no usable email address");
    return signInError(req, SSO_ERROR.failed);
  }
  if (input.emailVerified === false) return signInError(req, SSO_ERROR.denied);
  const domain = email.split("@")[1]!;
  if (!connection.domains.includes(domain)) {
    logger.warn({ ...log, domain }, "identity provider asserted an address outside the connection's domains");
    return signInError(req, SSO_ERROR.wrongDomain, email);
  }
  let userId: string;
  try {
    ({ userId } = await completeSsoLogin({ connection, subject: input.subject, email, name: input.name, request }));
  } catch (error) {
    if (!(error instanceof DeprovisionedError)) throw error;
    logger.warn(log, "deprovisioned person tried to sign in");
    return signInError(req, SSO_ERROR.denied);
  }
  const session = await createSession(userId, sessionPolicy().absoluteMs / 1000);
  (await cookies()).set(sessionCookieName(), session.sessionToken, { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies(), expires: session.expires });
  return redirectTo(req, input.callback === "/" ? `/${connection.workspace.slug}` : input.callback);
}
