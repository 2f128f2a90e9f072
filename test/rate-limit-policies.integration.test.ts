import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as importsRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/imports/route";
import { withSignInLimit } from "@/lib/auth/sign-in-limit";
import { CLIENT_IP_HEADER, POLICIES } from "@/lib/rate-limit";
import { as, createTestApiKey, createTestProject, createWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";

/**
 * The sign-in and import policies (lib/rate-limit.ts), through the handlers
 * that enforce them. Addresses are random per run: with REDIS_URL set the
 * windows live in the shared Redis.
 */
const per = (seconds: number) => (seconds === 60 ? "a minute" : `${seconds / 60} minutes`);
const randomIp = () => `198.51.${randomInt(0, 256)}.${randomInt(1, 255)}`;

describe("sign-in attempts", () => {
  const handled: string[] = [];
  const auth = withSignInLimit(async (req: Request) => (handled.push(new URL(req.url).pathname), new Response("ok")));
  const attempt = (path: string, ip: string, headers: Record<string, string> = {}) =>
    auth(new Request(`http://localhost:3000/api/auth/${path}`, { headers: { [CLIENT_IP_HEADER]: ip, ...headers } }));

  it(`are limited to ${POLICIES.signIn.limit} per address in ${per(POLICIES.signIn.windowSeconds)}: a browser goes back to the sign-in page, a script gets 429`, async () => {
    const ip = randomIp();
    handled.length = 0;
    for (let i = 0; i < POLICIES.signIn.limit; i++) expect((await attempt("callback/oidc", ip)).status).toBe(200);
    const browser = await attempt("callback/oidc", ip, { accept: "text/html,application/xhtml+xml" });
    expect(browser.status).toBe(303);
    expect(browser.headers.get("location")).toBe("/signin?error=RateLimited");
    const script = await attempt("signin/oidc", ip);
    expect(script.status).toBe(429);
    expect(Number(script.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(script.headers.get("retry-after"))).toBeLessThanOrEqual(POLICIES.signIn.windowSeconds);
    expect(((await script.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    expect(handled).toHaveLength(POLICIES.signIn.limit);
  });

  it("count per address, and a forged X-Forwarded-For does not make a new one", async () => {
    const ip = randomIp();
    for (let i = 0; i < POLICIES.signIn.limit; i++) await attempt("callback/oidc", ip);
    expect((await attempt("callback/oidc", ip, { "x-forwarded-for": randomIp() })).status).toBe(429);
    expect((await attempt("callback/oidc", randomIp())).status).toBe(200);
  });

  it("are the only Auth.js requests counted: sessions, CSRF tokens and sign-out pass", async () => {
    const ip = randomIp();
    for (let i = 0; i < POLICIES.signIn.limit + 1; i++) await attempt("callback/oidc", ip);
    for (const path of ["session", "csrf", "providers", "signout"]) expect((await attempt(path, ip)).status, path).toBe(200);
  });
});

describe("imports", () => {
  it(`are limited to ${POLICIES.imports.limit} per workspace in ${per(POLICIES.imports.windowSeconds)}, previews included, and a refused one writes nothing`, async () => {
    const ws = await createWorkspace("import-limit");
    await createTestProject(ws, { slug: "web" });
    const { key } = await createTestApiKey(ws, "write");
    const source = "# Plan\n\n## Phase 1: Setup\n\n- [ ] Write the runbook\n";
    const run = (apply: boolean) => callRoute(importsRoute.POST, { method: "POST", as: as.apiKey(key), params: { ws: ws.slug, project: "web" }, body: { source, apply } });
    for (let i = 0; i < POLICIES.imports.limit; i++) expect((await run(false)).status).toBe(200);
    const refused = await run(true);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limited");
    expect(refused.body.error.message).toMatch(/^Too many imports in this workspace/);
    expect(await ws.ctx.db.item.count()).toBe(0);
    // Another workspace has its own window.
    const other = await createWorkspace("import-limit-other");
    await createTestProject(other, { slug: "web" });
    const otherKey = (await createTestApiKey(other, "write")).key;
    expect((await callRoute(importsRoute.POST, { method: "POST", as: as.apiKey(otherKey), params: { ws: other.slug, project: "web" }, body: { source } })).status).toBe(200);
  });
});
