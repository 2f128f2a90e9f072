/**
 * What `next/headers` and `auth()` return inside a test: the harness sets it
 * before each route call (test/harness/call-route.ts).
 */
export interface TestSession {
  user: { id: string; email: string; name?: string | null };
  expires: string;
}

/** `cookies` is the browser's jar across route calls: what a handler sets, the next call reads (tests clear it). */
export const requestState: { headers: Headers; session: TestSession | null; cookies: Map<string, string> } = {
  headers: new Headers(),
  session: null,
  cookies: new Map(),
};
