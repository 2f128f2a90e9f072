import { afterAll, vi } from "vitest";

// Each test file gets its own in-memory embedded PostgreSQL unless DATABASE_URL points at a server.
if (!process.env.DATABASE_URL) process.env.READYROOM_DATA_DIR = "memory";
process.env.READYROOM_LOG ??= "silent";
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret";

vi.mock("next/headers", async () => {
  const { requestState } = await import("./harness/request-state");
  return {
    headers: async () => requestState.headers,
    cookies: async () => ({
      get: (name: string) => (requestState.cookies.has(name) ? { name, value: requestState.cookies.get(name)! } : undefined),
      set: (name: string, value: string) => void requestState.cookies.set(name, value),
      delete: (target: string | { name: string }) => void requestState.cookies.delete(typeof target === "string" ? target : target.name),
    }),
  };
});

vi.mock("@/lib/auth/config", async () => {
  const { requestState } = await import("./harness/request-state");
  return {
    auth: async () => requestState.session,
    handlers: { GET: async () => new Response(null, { status: 404 }), POST: async () => new Response(null, { status: 404 }) },
    signIn: async () => undefined,
    signOut: async () => undefined,
  };
});

afterAll(async () => {
  const { closeDatabase } = await import("@/lib/db/client");
  await closeDatabase();
});
