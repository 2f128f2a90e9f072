/**
 * Session cookie settings shared by Auth.js and the demo sign-in route, so both
 * write the cookie that `auth()` reads.
 */
export function secureCookies(): boolean {
  const url = process.env.AUTH_URL ?? process.env.NEXTAUTH_URL;
  return url ? url.startsWith("https://") : false;
}

/**
 * `__Host-` over https: the browser keeps it only when Secure, with Path=/ and
 * no Domain, so no subdomain can set or overwrite it.
 */
export function sessionCookieName(): string {
  return secureCookies() ? "__Host-readyroom.session" : "readyroom.session";
}
