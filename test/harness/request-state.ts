/**
 * What `next/headers` and `auth()` return inside a test: the harness sets it
 * before each route call (test/harness/call-route.ts).
 */
export interface TestSession {
  user: { id: string; email: string; name?: string | null };
  expires: string;
}

export const requestState: { headers: Headers; session: TestSession | null } = {
  headers: new Headers(),
  session: null,
};
