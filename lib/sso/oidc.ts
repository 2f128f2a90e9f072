import "server-only";
import * as client from "openid-client";
import { defaultOutboundPolicy, OutboundError, requestOutbound, type OutboundPolicy } from "@/lib/webhooks/outbound";

/**
 * OpenID Connect with a workspace's own identity provider
 * (docs/decisions/0019-enterprise-sso-plan.md): openid-client does the
 * protocol (discovery, PKCE, state, nonce, ID token validation); every request
 * it makes goes through the outbound guard, since the issuer is a URL a
 * customer typed.
 */
export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export interface OidcIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean | null;
  name: string | null;
}

const MAX_BODY_BYTES = 512 * 1024;

/** openid-client's fetch, through the outbound guard: no private addresses, no redirects, bounded time and size. */
export function guardedFetch(policy: OutboundPolicy = defaultOutboundPolicy(process.env, "sso")): client.CustomFetch {
  return async (url, options) => {
    const body = options.body == null ? undefined : typeof options.body === "string" ? options.body : options.body instanceof URLSearchParams ? options.body.toString() : Buffer.from(options.body as ArrayBuffer);
    // Typed as a record, but oauth4webapi passes a Headers object.
    const sent = Object.fromEntries(new Headers(options.headers as HeadersInit).entries());
    const res = await requestOutbound({ url, method: options.method, headers: sent, body, maxBytes: MAX_BODY_BYTES, userAgent: "Readyroom-SSO/1" }, policy);
    const headers = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const empty = res.status === 204 || res.status === 304;
    return new Response(empty ? null : new Uint8Array(res.body), { status: res.status, headers });
  };
}

const DISCOVERY_TTL_MS = 5 * 60_000;
const discovered = new Map<string, { at: number; config: client.Configuration }>();

/** The provider's configuration, from its discovery document (kept for five minutes per client). */
export async function oidcConfiguration(settings: OidcClientSettings, options: { fresh?: boolean } = {}): Promise<client.Configuration> {
  const key = JSON.stringify([settings.issuer, settings.clientId, settings.clientSecret]);
  const cached = discovered.get(key);
  if (cached && !options.fresh && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
  const fetch = guardedFetch();
  const config = await client.discovery(new URL(settings.issuer), settings.clientId, undefined, client.ClientSecretBasic(settings.clientSecret), {
    [client.customFetch]: fetch,
    // Plain http only gets this far where the outbound policy allows it (tests).
    ...(settings.issuer.startsWith("http://") ? { execute: [client.allowInsecureRequests] } : {}),
  });
  config[client.customFetch] = fetch;
  if (discovered.size > 500) discovered.clear();
  discovered.set(key, { at: Date.now(), config });
  return config;
}

/** Why discovery failed, in words for the connection form. */
export function describeOidcError(error: unknown): string {
  // openid-client wraps what its fetch threw.
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    if (cause instanceof OutboundError) return cause.message;
  }
  if (error instanceof client.ResponseBodyError) return `the provider answered ${error.status}: ${error.error}`;
  if (error instanceof Error && /unexpected HTTP response status code/i.test(error.message)) return "the discovery document was not found";
  if (error instanceof Error && /"issuer" property does not match/i.test(error.message)) return "the discovery document names a different issuer";
  if (error instanceof Error && /JSON/i.test(error.message)) return "the discovery document is not valid JSON";
  return "the provider's discovery document could not be read";
}

export interface OidcLoginStart {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export async function startOidcLogin(settings: OidcClientSettings, input: { redirectUri: string; loginHint: string }): Promise<OidcLoginStart> {
  const config = await oidcConfiguration(settings);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: input.redirectUri,
    scope: "openid email profile",
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
    login_hint: input.loginHint,
  });
  return { url, state, nonce, codeVerifier };
}

/** Exchanges the code at the callback URL and returns who the provider says signed in. */
export async function finishOidcLogin(settings: OidcClientSettings, callbackUrl: URL, checks: { state: string; nonce: string; codeVerifier: string }): Promise<OidcIdentity> {
  const config = await oidcConfiguration(settings);
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error("The provider returned no ID token.");
  let email = typeof claims.email === "string" ? claims.email : null;
  let emailVerified = typeof claims.email_verified === "boolean" ? claims.email_verified : null;
  let name = typeof claims.name === "string" ? claims.name : null;
  if (!email && tokens.access_token) {
    const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    email = typeof info.email === "string" ? info.email : null;
    emailVerified = typeof info.email_verified === "boolean" ? info.email_verified : emailVerified;
    name ??= typeof info.name === "string" ? info.name : null;
  }
  return { subject: claims.sub, email: email?.toLowerCase() ?? null, emailVerified, name };
}
