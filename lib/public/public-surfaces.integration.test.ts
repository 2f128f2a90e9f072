import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as badgeRoute from "@/app/badge/[slug]/route";
import * as embedRoute from "@/app/embed/[slug]/route";
import * as shieldsRoute from "@/app/api/public/v1/status/[slug]/shields.json/route";
import * as summaryRoute from "@/app/api/public/v1/status/[slug]/summary.json/route";
import * as settingsRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/public-status/route";
import * as statusRoute from "@/app/status/[slug]/route";
import { publicRoute } from "@/lib/public/respond";
import { CLIENT_IP_HEADER, POLICIES } from "@/lib/rate-limit";
import { publicStatusCache } from "@/lib/services/public/public-status-cache";
import { DEFAULT_SHOW } from "@/lib/validation/public-status";
import { as, createTestProject, createWorkspace, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";

type Handler = (req: Request, ctx: { params: Promise<{ slug: string }> }) => Promise<Response>;

/** A different client address per test run: the limits count in Redis across runs when it is configured. */
const runIp = `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.`;
let ipCounter = 1;
const freshIp = () => `${runIp}${ipCounter++ % 250}`;

async function get(handler: Handler, slug: string, { method = "GET", query = "", headers = {}, ip = freshIp() }: { method?: string; query?: string; headers?: Record<string, string>; ip?: string } = {}) {
  const request = new Request(`http://localhost:3000/x${query}`, { method, headers: { [CLIENT_IP_HEADER]: ip, "x-request-id": `req-${crypto.randomUUID()}`, ...headers } });
  const response = await handler(request, { params: Promise.resolve({ slug }) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Strings that must never leave the workspace unless their section is opted in. */
const SECRET = {
  itemTitle: `SECRET-ITEM-TITLE-${randomBytes(4).toString("hex")}`,
  description: `SECRET-DESCRIPTION-${randomBytes(4).toString("hex")}`,
  evidence: `SECRET-EVIDENCE-${randomBytes(4).toString("hex")}`,
  ownerName: `SECRET-OWNER-${randomBytes(4).toString("hex")}`,
  ownerEmail: `secret-${randomBytes(4).toString("hex")}@owner.example`,
  rationale: `SECRET-RATIONALE-${randomBytes(4).toString("hex")}`,
  criterion: `SECRET-CRITERION-${randomBytes(4).toString("hex")}`,
  description2: `SECRET-PROJECT-DESCRIPTION-${randomBytes(4).toString("hex")}`,
};

let ws: TestWorkspace;
let projectSlug: string;
let publicSlug: string;

async function publish(settings: Partial<{ enabled: boolean; slug: string; show: typeof DEFAULT_SHOW; embedOrigins: string[] }> = {}, project = projectSlug) {
  const body = { enabled: true, slug: publicSlug, show: DEFAULT_SHOW, embedOrigins: [], ...settings };
  const r = await callRoute(settingsRoute.PUT, { method: "PUT", as: as.user(ws.members.admin), params: { ws: ws.slug, project }, body });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

beforeAll(async () => {
  ws = await createWorkspace("pub");
  const project = await createTestProject(ws, { name: "Public project" });
  projectSlug = project.slug;
  publicSlug = `pub-${randomBytes(3).toString("hex")}`;
  const db = ws.ctx.db;
  await db.project.updateMany({ where: { id: project.id }, data: { description: SECRET.description2 } });
  const owner = await db.owner.create({ data: { workspaceId: ws.id, name: SECRET.ownerName, email: SECRET.ownerEmail, kind: "team" } });
  const phase = await db.phase.create({ data: { workspaceId: ws.id, projectId: project.id, name: "Phase 1 — Hardening", position: 0 } });
  const item = await db.item.create({
    data: { workspaceId: ws.id, projectId: project.id, number: 1, title: SECRET.itemTitle, description: SECRET.description, blocker: true, severity: "critical", phaseId: phase.id, ownerId: owner.id },
  });
  await db.item.create({ data: { workspaceId: ws.id, projectId: project.id, number: 2, title: "Closed one", status: "done", phaseId: phase.id, closedAt: new Date() } });
  await db.evidence.create({ data: { workspaceId: ws.id, projectId: project.id, itemId: item.id, kind: "note", note: SECRET.evidence } });
  const gate = await db.gate.create({ data: { workspaceId: ws.id, projectId: project.id, name: "v1 release", targetDate: new Date("2027-01-15T00:00:00Z") } });
  await db.criterion.create({ data: { workspaceId: ws.id, gateId: gate.id, position: 0, title: SECRET.criterion, type: "rule", required: true, rule: { type: "no_open_blockers" } } });
  const decision = await db.decision.create({
    data: { workspaceId: ws.id, projectId: project.id, gateId: gate.id, outcome: "no_go", recommendation: "no_go", rationale: SECRET.rationale, confidence: "high", snapshot: {}, snapshotHash: "x", decidedById: ws.owner.id },
  });
  await db.decisionApproval.create({ data: { workspaceId: ws.id, decisionId: decision.id, userId: ws.owner.id } });
  await publish();
});

const SURFACES: [string, Handler, string][] = [
  ["status page", statusRoute.GET, ""],
  ["embed", embedRoute.GET, ""],
  ["summary.json", summaryRoute.GET, ""],
  ["shields.json", shieldsRoute.GET, ""],
];
const slugFor = (handler: Handler, slug: string) => (handler === badgeRoute.GET ? `${slug}.svg` : slug);
const ALL: [string, Handler][] = [...SURFACES.map(([n, h]) => [n, h] as [string, Handler]), ["badge", badgeRoute.GET]];

function leaks(text: string, allowed: (keyof typeof SECRET)[] = []): string[] {
  return (Object.keys(SECRET) as (keyof typeof SECRET)[]).filter((k) => !allowed.includes(k) && text.includes(SECRET[k]));
}

describe("public surfaces", () => {
  it("show the published status: the decision, the recommendation and progress by phase", async () => {
    const page = await get(statusRoute.GET, publicSlug);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.text).toContain("Public project");
    expect(page.text).toContain("No-Go");
    expect(page.text).toContain("Phase 1 — Hardening");
    expect(page.text).toContain("1 of 2 done");
    const summary = JSON.parse((await get(summaryRoute.GET, publicSlug)).text);
    expect(summary.status).toEqual({ indicator: "major", description: "No-Go" });
    expect(summary.components).toEqual([expect.objectContaining({ name: "Phase 1 — Hardening", status: "degraded_performance" })]);
    expect(summary.readiness.decision.outcome).toBe("no_go");
    expect(JSON.parse((await get(shieldsRoute.GET, publicSlug)).text)).toMatchObject({ schemaVersion: 1, label: "release", message: "No-Go", color: "red" });
    const badge = await get(badgeRoute.GET, `${publicSlug}.svg`, { query: "?style=flat-square&size=large" });
    expect(badge.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(badge.text).toContain("release: No-Go");
  });

  it("never show what was not opted in, in any body or header — and show an opted-in section", async () => {
    for (const [name, handler] of ALL) {
      for (const method of ["GET", "HEAD"]) {
        const r = await get(handler, slugFor(handler, publicSlug), { method, query: "?sections=decision,recommendation,phases,severityCounts" });
        const headers = [...r.headers.entries()].map(([k, v]) => `${k}: ${v}`).join("\n");
        expect(leaks(r.text + headers), `${name} ${method}`).toEqual([]);
      }
    }
    // With item titles opted in, the blockers' titles appear — and still nothing else does.
    await publish({ show: { ...DEFAULT_SHOW, itemTitles: true, criteria: true, severityCounts: true } });
    const page = await get(statusRoute.GET, publicSlug);
    expect(leaks(page.text, ["itemTitle", "criterion"])).toEqual([]);
    expect(page.text).toContain(SECRET.itemTitle);
    expect(page.text).toContain(SECRET.criterion);
    const summary = await get(summaryRoute.GET, publicSlug);
    expect(leaks(summary.text, ["itemTitle", "criterion"])).toEqual([]);
    expect(JSON.parse(summary.text).readiness.openBySeverity).toEqual({ critical: 1, high: 0, medium: 0, low: 0 });
    await publish();
    expect((await get(statusRoute.GET, publicSlug)).text).not.toContain(SECRET.itemTitle);
  });

  it("are cacheable: Cache-Control, a strong ETag and 304 on If-None-Match", async () => {
    for (const [name, handler] of ALL) {
      const first = await get(handler, slugFor(handler, publicSlug));
      expect(first.headers.get("cache-control"), name).toBe("public, max-age=30, s-maxage=60, stale-while-revalidate=300, stale-if-error=86400");
      const etag = first.headers.get("etag")!;
      expect(etag, name).toMatch(/^"[\w-]+"$/);
      expect(first.headers.get("vary"), name).toBe("Accept-Encoding");
      const again = await get(handler, slugFor(handler, publicSlug), { headers: { "if-none-match": etag } });
      expect(again.status, name).toBe(304);
      expect(again.text, name).toBe("");
      expect(again.headers.get("etag"), name).toBe(etag);
      expect((await get(handler, slugFor(handler, publicSlug), { headers: { "if-none-match": '"stale"' } })).status, name).toBe(200);
    }
  });

  it("may be framed only at /embed and only by the listed origins; CORS only on the JSON", async () => {
    await publish({ embedOrigins: ["https://intranet.example.com", "http://localhost:8080"] });
    const embed = await get(embedRoute.GET, publicSlug);
    expect(embed.headers.get("content-security-policy")).toContain("frame-ancestors https://intranet.example.com http://localhost:8080");
    expect(embed.headers.get("x-frame-options")).toBeNull();
    for (const [name, handler] of ALL.filter(([n]) => n !== "embed")) {
      const r = await get(handler, slugFor(handler, publicSlug));
      expect(r.headers.get("content-security-policy"), name).toContain("frame-ancestors 'none'");
      expect(r.headers.get("access-control-allow-origin"), name).toBe(name.endsWith(".json") ? "*" : null);
    }
    expect(embed.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = summaryRoute.OPTIONS();
    expect(preflight.headers.get("access-control-allow-headers")).toBe("If-None-Match");
    await publish();
    expect((await get(embedRoute.GET, publicSlug)).headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("answer an unknown slug and an unpublished project with the same 404, byte for byte but the request id", async () => {
    const other = await createTestProject(ws);
    const hidden = `hid-${randomBytes(3).toString("hex")}`;
    await ws.ctx.db.project.updateMany({ where: { slug: other.slug }, data: { publicSlug: hidden, publicEnabled: false } });
    for (const [name, handler] of ALL) {
      const unknown = await get(handler, slugFor(handler, `nope-${randomBytes(3).toString("hex")}`), { headers: { "x-request-id": "req-A" } });
      const unpublished = await get(handler, slugFor(handler, hidden), { headers: { "x-request-id": "req-A" } });
      expect(unknown.status, name).toBe(404);
      expect(unpublished.status, name).toBe(404);
      expect(unpublished.text, name).toBe(unknown.text);
      for (const header of ["content-type", "cache-control", "content-security-policy", "etag", "access-control-allow-origin"]) expect(unpublished.headers.get(header), `${name} ${header}`).toBe(unknown.headers.get(header));
    }
    // Not a slug at all: the same answer.
    expect((await get(statusRoute.GET, "-Not_A-Slug-", { headers: { "x-request-id": "req-A" } })).text).toBe((await get(statusRoute.GET, "nope-zzz", { headers: { "x-request-id": "req-A" } })).text);
    expect((await get(badgeRoute.GET, publicSlug)).status).toBe(404);
  });

  it("read no cookie and set none", async () => {
    for (const [name, handler] of ALL) {
      const plain = await get(handler, slugFor(handler, publicSlug), { headers: { "x-request-id": "req-B" } });
      const withCookie = await get(handler, slugFor(handler, publicSlug), { headers: { "x-request-id": "req-B", cookie: "authjs.session-token=abc; __Secure-authjs.session-token=abc" } });
      expect(withCookie.headers.get("set-cookie"), name).toBeNull();
      expect(withCookie.text, name).toBe(plain.text);
    }
  });

  it("limit anonymous callers per client IP: 429 with Retry-After in seconds, and a forged X-Forwarded-For does not help", async () => {
    const ip = freshIp();
    const { limit } = POLICIES.public;
    for (let i = 0; i < limit; i++) expect((await get(shieldsRoute.GET, publicSlug, { ip })).status).toBe(200);
    const refused = await get(shieldsRoute.GET, publicSlug, { ip, headers: { "x-forwarded-for": "198.51.100.77" } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(JSON.parse(refused.text).error.code).toBe("rate_limited");
    expect((await get(badgeRoute.GET, `${publicSlug}.svg`, { ip })).status).toBe(429);
    expect((await get(shieldsRoute.GET, publicSlug)).status).toBe(200);
  });

  it("show a new decision once the window has passed, and a change of settings at once", async () => {
    await publish({ show: { ...DEFAULT_SHOW, decision: false } });
    const page = await get(statusRoute.GET, publicSlug);
    expect(page.text).not.toContain("Decision</span>");
    expect(JSON.parse((await get(summaryRoute.GET, publicSlug)).text).readiness).not.toHaveProperty("decision");
    await publish();
    expect(JSON.parse((await get(shieldsRoute.GET, publicSlug)).text).message).toBe("No-Go");
    const project = await ws.ctx.db.project.findFirstOrThrow({ where: { slug: projectSlug } });
    const gate = await ws.ctx.db.gate.findFirstOrThrow({ where: { projectId: project.id } });
    const decision = await ws.ctx.db.decision.create({
      data: { workspaceId: ws.id, projectId: project.id, gateId: gate.id, outcome: "go", recommendation: "no_go", rationale: "Fixed", confidence: "high", snapshot: {}, snapshotHash: "y", decidedById: ws.owner.id },
    });
    await ws.ctx.db.decisionApproval.create({ data: { workspaceId: ws.id, decisionId: decision.id, userId: ws.owner.id } });
    // Still the cached read inside the window…
    expect(JSON.parse((await get(shieldsRoute.GET, publicSlug)).text).message).toBe("No-Go");
    // …and the new decision on the next read.
    publicStatusCache().forget(publicSlug);
    expect(JSON.parse((await get(shieldsRoute.GET, publicSlug)).text).message).toBe("Go");
  });

  it("render a body once per cached status and address, and again for another address or a newer status", async () => {
    const render = vi.fn(({ req, status }: { req: Request; status: { slug: string } }) => ({ body: `${status.slug} ${new URL(req.url).search}` }));
    const handler = publicRoute<{ slug: string }>("json", (p) => p.slug, render);
    const first = await get(handler, publicSlug, { query: "?a=1" });
    const again = await get(handler, publicSlug, { query: "?a=1", headers: { "if-none-match": first.headers.get("etag")! } });
    expect([first.status, again.status, render.mock.calls.length]).toEqual([200, 304, 1]);
    expect((await get(handler, publicSlug, { query: "?a=2" })).text).toBe(`${publicSlug} ?a=2`);
    expect(render).toHaveBeenCalledTimes(2);
    publicStatusCache().forget(publicSlug);
    await get(handler, publicSlug, { query: "?a=1" });
    expect(render).toHaveBeenCalledTimes(3);
  });
});

describe("publishing settings", () => {
  it("are read by members, changed by admins only, validated, and a taken slug is 409", async () => {
    const read = await callRoute(settingsRoute.GET, { as: as.user(ws.members.viewer), params: { ws: ws.slug, project: projectSlug } });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ enabled: true, slug: publicSlug, show: DEFAULT_SHOW });
    const body = { enabled: true, slug: publicSlug, show: DEFAULT_SHOW, embedOrigins: [] };
    expect((await callRoute(settingsRoute.PUT, { method: "PUT", as: as.user(ws.members.member), params: { ws: ws.slug, project: projectSlug }, body })).status).toBe(403);
    const badOrigin = await callRoute(settingsRoute.PUT, { method: "PUT", as: as.user(ws.members.admin), params: { ws: ws.slug, project: projectSlug }, body: { ...body, embedOrigins: ["http://intranet.example.com/path"] } });
    expect(badOrigin.status).toBe(422);
    expect(badOrigin.body.error.details[0].path).toBe("embedOrigins.0");
    expect((await callRoute(settingsRoute.PUT, { method: "PUT", as: as.user(ws.members.admin), params: { ws: ws.slug, project: projectSlug }, body: { ...body, workspaceId: "x" } })).status).toBe(422);

    const elsewhere = await createWorkspace("pub-other");
    const theirs = await createTestProject(elsewhere);
    const taken = await callRoute(settingsRoute.PUT, { method: "PUT", as: as.user(elsewhere.members.admin), params: { ws: elsewhere.slug, project: theirs.slug }, body });
    expect(taken.status).toBe(409);
    expect(taken.body.error.details).toEqual({ field: "slug" });
    // Another workspace's project is a 404, for reading and for writing.
    expect((await callRoute(settingsRoute.GET, { as: as.user(elsewhere.members.admin), params: { ws: elsewhere.slug, project: projectSlug } })).status).toBe(404);
    expect((await callRoute(settingsRoute.PUT, { method: "PUT", as: as.user(elsewhere.members.admin), params: { ws: ws.slug, project: projectSlug }, body })).status).toBe(404);
  });
});
