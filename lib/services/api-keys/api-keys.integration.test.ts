import { beforeAll, describe, expect, it } from "vitest";
import * as apiKeysRoute from "@/app/api/v1/workspaces/[ws]/api-keys/route";
import * as apiKeyRoute from "@/app/api/v1/workspaces/[ws]/api-keys/[id]/route";
import * as projectsRoute from "@/app/api/v1/workspaces/[ws]/projects/route";
import * as meRoute from "@/app/api/v1/me/route";
import { API_KEY_PATTERN, hashApiKey } from "@/lib/auth/api-key-secret";
import { as, createTestApiKey, createTestProject, createWorkspace, unique, type TestUser, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  ws = await createWorkspace("keys");
  other = await createWorkspace("keys-other");
  await createTestProject(ws);
});

async function createKey(role: "read" | "write" | "admin", caller: TestUser = ws.members.admin, extra: Record<string, unknown> = {}) {
  const r = await callRoute(apiKeysRoute.POST, { method: "POST", as: as.user(caller), params: { ws: ws.slug }, body: { name: unique("key"), role, ...extra } });
  return r;
}

function listProjects(key: string, slug = ws.slug) {
  return callRoute(projectsRoute.GET, { as: as.apiKey(key), params: { ws: slug } });
}

describe("API keys", () => {
  it("creates a key (201) that is shown once, and lists keys without secrets", async () => {
    const r = await createKey("write");
    expect(r.status).toBe(201);
    expect(r.body.key).toMatch(API_KEY_PATTERN);
    expect(r.body.key.startsWith(r.body.prefix)).toBe(true);
    expect(r.body).toMatchObject({ role: "write", revokedAt: null, lastUsedAt: null, expiresAt: null });
    expect(r.body).not.toHaveProperty("hash");

    const list = await callRoute(apiKeysRoute.GET, { as: as.user(ws.owner), params: { ws: ws.slug } });
    expect(list.status).toBe(200);
    const listed = list.body.data.find((k: { id: string }) => k.id === r.body.id);
    expect(listed).toMatchObject({ id: r.body.id, prefix: r.body.prefix, role: "write" });
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(r.body.key);
    expect(text).not.toContain(hashApiKey(r.body.key));
    for (const item of list.body.data) {
      expect(item).not.toHaveProperty("key");
      expect(item).not.toHaveProperty("hash");
    }

    const audit = await ws.ctx.db.auditEvent.findMany({ where: { action: "api_key.created", targetId: r.body.id } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(r.body.key);
  });

  it("stores only the SHA-256 of the key", async () => {
    const r = await createKey("read");
    const row = await ws.ctx.db.apiKey.findFirstOrThrow({ where: { id: r.body.id } });
    expect(row.hash).toBe(hashApiKey(r.body.key));
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.values(row).map(String)).not.toContain(r.body.key);
    expect(JSON.stringify(row)).not.toContain(r.body.key.slice(r.body.prefix.length + 1));
    expect(row.createdById).toBe(ws.members.admin.id);
  });

  it("authenticates GET projects with the Bearer key and records lastUsedAt", async () => {
    const r = await createKey("read");
    expect((await ws.ctx.db.apiKey.findFirstOrThrow({ where: { id: r.body.id } })).lastUsedAt).toBeNull();
    const started = Date.now();
    const res = await listProjects(r.body.key);
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeGreaterThan(0);
    const used = (await ws.ctx.db.apiKey.findFirstOrThrow({ where: { id: r.body.id } })).lastUsedAt;
    expect(used).not.toBeNull();
    expect(used!.getTime()).toBeGreaterThanOrEqual(started - 1000);
  });

  it("gives a read key 403 on POST projects; a write key may create", async () => {
    const read = await createKey("read");
    const body = { slug: unique("by-key"), name: "By key", keyPrefix: "RK1" };
    const r = await callRoute(projectsRoute.POST, { method: "POST", as: as.apiKey(read.body.key), params: { ws: ws.slug }, body });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("forbidden");
    expect(await ws.ctx.db.project.count({ where: { slug: body.slug } })).toBe(0);

    const write = await createKey("write");
    const w = await callRoute(projectsRoute.POST, { method: "POST", as: as.apiKey(write.body.key), params: { ws: ws.slug }, body });
    expect(w.status).toBe(201);
    const audit = await ws.ctx.db.auditEvent.findFirstOrThrow({ where: { action: "project.created", targetId: w.body.id } });
    expect(audit.actorApiKeyId).toBe(write.body.id);
    expect(audit.actorUserId).toBeNull();
  });

  it("refuses a revoked key with 401", async () => {
    const r = await createKey("admin");
    expect((await listProjects(r.body.key)).status).toBe(200);
    const del = await callRoute(apiKeyRoute.DELETE, { method: "DELETE", as: as.user(ws.members.admin), params: { ws: ws.slug, id: r.body.id } });
    expect(del.status).toBe(204);
    expect((await ws.ctx.db.apiKey.findFirstOrThrow({ where: { id: r.body.id } })).revokedAt).not.toBeNull();
    const after = await listProjects(r.body.key);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("unauthorized");
  });

  it("refuses an expired key with 401", async () => {
    const { key, id } = await createTestApiKey(ws, "read");
    expect((await listProjects(key)).status).toBe(200);
    await ws.ctx.db.apiKey.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const r = await listProjects(key);
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe("unauthorized");
  });

  it("accepts a key that expires in the future", async () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const r = await createKey("read", ws.members.admin, { expiresAt: future });
    expect(r.status).toBe(201);
    expect(r.body.expiresAt).toBe(future);
    expect((await listProjects(r.body.key)).status).toBe(200);

    const past = await createKey("read", ws.members.admin, { expiresAt: new Date(Date.now() - 60_000).toISOString() });
    expect(past.status).toBe(422);
    expect(past.body.error.details.map((d: { path: string }) => d.path)).toContain("expiresAt");
  });

  it.each([
    ["garbage", "not-a-key"],
    ["wrong prefix", `xx_abcdefghijkl_${"a".repeat(43)}`],
    ["short secret", "rr_abcdefghijkl_short"],
    ["well-formed but unknown", `rr_abcdefghijkl_${"b".repeat(43)}`],
  ])("refuses a %s Bearer token with 401 unauthorized", async (_label, token) => {
    const r = await listProjects(token);
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe("unauthorized");
  });

  it("refuses a key whose secret was altered", async () => {
    const r = await createKey("read");
    const key: string = r.body.key;
    const altered = `${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`;
    expect((await listProjects(altered)).status).toBe(401);
  });

  it("does not let a key reach another workspace (404)", async () => {
    const r = await createKey("admin");
    const res = await listProjects(r.body.key, other.slug);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });

  it("does not let a key create keys or act as a person", async () => {
    const r = await createKey("admin");
    const make = await callRoute(apiKeysRoute.POST, { method: "POST", as: as.apiKey(r.body.key), params: { ws: ws.slug }, body: { name: "child", role: "admin" } });
    expect(make.status).toBe(403);
    expect(await ws.ctx.db.apiKey.count({ where: { name: "child" } })).toBe(0);
    const me = await callRoute(meRoute.GET, { as: as.apiKey(r.body.key) });
    expect(me.status).toBe(403);
  });

  it("lets only owners and admins manage keys (403 for member and viewer)", async () => {
    for (const caller of [ws.members.member, ws.members.viewer]) {
      expect((await createKey("read", caller)).status).toBe(403);
      expect((await callRoute(apiKeysRoute.GET, { as: as.user(caller), params: { ws: ws.slug } })).status).toBe(403);
    }
    const write = await createKey("write");
    // A write key acts as a member: it cannot list keys either.
    expect((await callRoute(apiKeysRoute.GET, { as: as.apiKey(write.body.key), params: { ws: ws.slug } })).status).toBe(403);
  });

  it("cannot revoke another workspace's key (404)", async () => {
    const theirs = await createTestApiKey(other, "read");
    const r = await callRoute(apiKeyRoute.DELETE, { method: "DELETE", as: as.user(ws.owner), params: { ws: ws.slug, id: theirs.id } });
    expect(r.status).toBe(404);
    expect((await other.ctx.db.apiKey.findFirstOrThrow({ where: { id: theirs.id } })).revokedAt).toBeNull();
    expect((await callRoute(projectsRoute.GET, { as: as.apiKey(theirs.key), params: { ws: other.slug } })).status).toBe(200);
  });
});

describe("rate limits per key and per person", () => {
  it("counts each key in its own window: X-RateLimit-* on every answer, then 429 with Retry-After in seconds", async () => {
    const created = await createKey("read", ws.members.admin, { rateLimitPerMinute: 10 });
    expect(created.body.rateLimitPerMinute).toBe(10);
    const { key: neighbour } = await createTestApiKey(ws, "read");
    for (let i = 1; i <= 10; i++) {
      const r = await listProjects(created.body.key);
      expect(r.status).toBe(200);
      expect(r.headers.get("x-ratelimit-limit")).toBe("10");
      expect(r.headers.get("x-ratelimit-remaining")).toBe(String(10 - i));
      expect(Number(r.headers.get("x-ratelimit-reset"))).toBeGreaterThanOrEqual(0);
    }
    const refused = await listProjects(created.body.key);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: "rate_limited" });
    expect(refused.body.error.message).toContain("10 a minute");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
    // Another key of the same workspace has its own window, with the default limit.
    const other = await listProjects(neighbour);
    expect(other.status).toBe(200);
    expect(other.headers.get("x-ratelimit-limit")).toBe("600");
  });

  it("keeps the headers on error answers and refuses a limit out of range", async () => {
    const { key } = await createTestApiKey(ws, "read");
    const forbidden = await callRoute(projectsRoute.POST, { method: "POST", as: as.apiKey(key), params: { ws: ws.slug }, body: { slug: unique("p"), name: "No" } });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get("x-ratelimit-limit")).toBe("600");
    for (const rateLimitPerMinute of [0, 9, 10_001, 1.5]) {
      const r = await createKey("read", ws.members.admin, { rateLimitPerMinute });
      expect(r.status).toBe(422);
      expect(r.body.error.details[0].path).toBe("rateLimitPerMinute");
    }
  });

  it("limits a signed-in person's API calls per user", async () => {
    const r = await callRoute(meRoute.GET, { as: as.user(ws.members.viewer) });
    expect(r.status).toBe(200);
    expect(r.headers.get("x-ratelimit-limit")).toBe("1200");
    const again = await callRoute(meRoute.GET, { as: as.user(ws.members.viewer) });
    expect(Number(again.headers.get("x-ratelimit-remaining"))).toBe(Number(r.headers.get("x-ratelimit-remaining")) - 1);
  });
});
