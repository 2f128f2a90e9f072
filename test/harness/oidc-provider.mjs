/**
 * A customer's OpenID Connect provider for tests (oauth2-mock-server): who
 * signs in is the `login_hint` Readyroom sends ("Continue with SSO" passes the
 * work email), so each sign-in is a different person without any shared
 * state. `override(email, claims)` makes the provider assert something else
 * for that person (another address, `email_verified: false`).
 */
import { OAuth2Server } from "oauth2-mock-server";

export async function startOidcProvider({ port = 0 } = {}) {
  const server = new OAuth2Server();
  await server.issuer.keys.generate("RS256");
  /** authorization code → login_hint */
  const hints = new Map();
  /** login_hint → claims that replace the defaults */
  const overrides = new Map();
  const claimsFor = (hint) => ({ sub: `sub|${hint}`, email: hint, email_verified: true, name: hint.split("@")[0], ...overrides.get(hint) });

  server.service.on("beforeAuthorizeRedirect", ({ url }, req) => {
    const code = url.searchParams.get("code");
    if (code) hints.set(code, String(req.query.login_hint ?? ""));
  });
  server.service.on("beforeTokenSigning", (token, req) => {
    const hint = hints.get(req.body?.code);
    // The mock does not URL-decode the Basic credentials (RFC 6749 §2.3.1), so "rr-a" would come back as "rr%2Da".
    if (typeof token.payload.aud === "string") token.payload.aud = decodeURIComponent(token.payload.aud);
    if (hint !== undefined) Object.assign(token.payload, claimsFor(hint));
  });

  await server.start(port, "127.0.0.1");
  const issuer = `http://127.0.0.1:${server.address().port}`;
  server.issuer.url = issuer;
  return {
    issuer,
    port: server.address().port,
    override(email, claims) {
      overrides.set(email, claims);
    },
    stop: () => server.stop(),
  };
}
