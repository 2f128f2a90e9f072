/**
 * Session cookie settings shared by Auth.js and the demo sign-in route, so both
 * write the cookie that `auth()` reads.
 */
export function secureCookies(): boolean {
  const url = process.env.AUTH_URL ?? process.env.NEXTAUTH_URL;
  return url ? url.startsWith("https://") : false;
}

export function sessionCookieName(): string {
  return secureCookies() ? "__Secure-readyroom.session" : "readyroom.session";
}

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
