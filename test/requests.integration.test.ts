import { beforeAll, describe, expect, it } from "vitest";
import * as memberRoute from "@/app/api/v1/workspaces/[ws]/members/[userId]/route";
import * as projectsRoute from "@/app/api/v1/workspaces/[ws]/projects/route";
import * as meRoute from "@/app/api/v1/me/route";
import { MAX_JSON_BODY_BYTES } from "@/lib/http/body";
import { as, createTestApiKey, createWorkspace, unique, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";

/**
 * The request rules of production hardening (docs/decisions/0016): CSRF on
 * cookie-authenticated changes, body size limits, and no unknown keys — each
 * refused with its code and nothing written.
 */
let ws: TestWorkspace;
let key: string;

beforeAll(async () => {
  ws = await createWorkspace("requests");
  key = (await createTestApiKey(ws, "admin")).key;
});

const projectSlugs = async () => (await ws.ctx.db.project.findMany({ select: { slug: true } })).map((p) => p.slug);
let prefixes = 0;
/** A key prefix no other project of the workspace has: QAA, QAB, QAC… */
const nextPrefix = () => `Q${String.fromCharCode(65 + Math.floor(prefixes / 26), 65 + (prefixes++ % 26))}`;
const create = (slug: string, who: Parameters<typeof callRoute>[1]["as"], headers: Record<string, string>) =>
  callRoute(projectsRoute.POST, { method: "POST", as: who, params: { ws: ws.slug }, headers, body: { slug, name: "Web", keyPrefix: nextPrefix() } });

describe("cross-site requests with the session cookie", () => {
  it("are refused with 403 cross_site_request when the browser says cross-site or same-site, and nothing is created", async () => {
    const attempts: Record<string, string>[] = [{ "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }, { origin: "https://evil.example" }, { origin: "null" }];
    for (const headers of attempts) {
      const slug = unique("csrf");
      const refused = await create(slug, as.user(ws.owner), headers);
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      expect(refused.body.error.code).toBe("cross_site_request");
      expect(await projectSlugs()).not.toContain(slug);
    }
    // Deleting a member is a change too.
    const removal = await callRoute(memberRoute.DELETE, { method: "DELETE", as: as.user(ws.owner), params: { ws: ws.slug, userId: ws.members.viewer.id }, headers: { "sec-fetch-site": "cross-site" } });
    expect(removal.status).toBe(403);
    expect(await ws.ctx.db.membership.count({ where: { userId: ws.members.viewer.id } })).toBe(1);
  });

  it("pass from Readyroom's own pages, and from clients that are not browsers", async () => {
    const allowed: Record<string, string>[] = [{ "sec-fetch-site": "same-origin" }, { origin: "http://localhost:3000" }, {}];
    for (const headers of allowed) {
      const slug = unique("own");
      expect((await create(slug, as.user(ws.owner), headers)).status, JSON.stringify(headers)).toBe(201);
      expect(await projectSlugs()).toContain(slug);
    }
  });

  it("do not concern reads, nor API keys, which no other site can make a browser send", async () => {
    expect((await callRoute(meRoute.GET, { as: as.user(ws.owner), headers: { "sec-fetch-site": "cross-site" } })).status).toBe(200);
    const slug = unique("key");
    expect((await create(slug, as.apiKey(key), { "sec-fetch-site": "cross-site", origin: "https://ci.example" })).status).toBe(201);
  });
});

describe("request bodies", () => {
  it("over the size limit are 413 payload_too_large, and nothing is created", async () => {
    const slug = unique("big");
    const big = await callRoute(projectsRoute.POST, {
      method: "POST",
      as: as.apiKey(key),
      params: { ws: ws.slug },
      rawBody: JSON.stringify({ slug, name: "Big", keyPrefix: "BIG", description: "x".repeat(MAX_JSON_BODY_BYTES) }),
    });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe("payload_too_large");
    expect(await projectSlugs()).not.toContain(slug);
  });

  it("with keys the schema does not name are 422, the key named, and nothing is created", async () => {
    const slug = unique("mass");
    const other = await createWorkspace("requests-other");
    for (const extra of [{ workspaceId: other.id }, { role: "owner" }, { id: "chosen-id" }]) {
      const refused = await callRoute(projectsRoute.POST, { method: "POST", as: as.apiKey(key), params: { ws: ws.slug }, body: { slug, name: "Mass", keyPrefix: "MAS", ...extra } });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe("validation_failed");
      expect(JSON.stringify(refused.body.error.details)).toContain(Object.keys(extra)[0]);
    }
    expect(await projectSlugs()).not.toContain(slug);
    expect(await other.ctx.db.project.count()).toBe(0);
  });
});
