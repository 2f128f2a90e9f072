/**
 * Cross-site request forgery protection for requests a browser makes with the
 * session cookie (docs/decisions/0016-requests-and-sessions.md). Pure: the
 * algorithm of Go's `http.CrossOriginProtection` and the OWASP "verify the
 * origin with standard headers" defence.
 *
 * - GET, HEAD and OPTIONS change nothing and pass.
 * - `Sec-Fetch-Site` (every current browser sends it): `same-origin` and `none`
 *   (the person typed the address or used a bookmark) pass; `same-site` and
 *   `cross-site` are refused — a sibling subdomain is another application.
 * - Without it, `Origin` must be this deployment's origin.
 * - With neither, the caller is not a browser (a script, curl): no page of
 *   another site can have made the request, so it passes.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function crossOriginRefusal(method: string, headers: Headers, appOrigin: string): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const site = headers.get("sec-fetch-site")?.trim().toLowerCase();
  if (site) {
    return site === "same-origin" || site === "none" ? null : `A ${site} request cannot use this session: send it from Readyroom itself, or call the API with an API key.`;
  }
  const origin = headers.get("origin")?.trim();
  if (origin === undefined || origin === "") return null;
  if (origin === "null" || origin.toLowerCase() !== appOrigin.toLowerCase()) {
    return `A request from ${origin === "null" ? "an opaque origin" : origin} cannot use this session: send it from Readyroom itself, or call the API with an API key.`;
  }
  return null;
}
