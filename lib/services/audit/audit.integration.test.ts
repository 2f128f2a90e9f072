import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import * as exportRoute from "@/app/api/v1/workspaces/[ws]/audit-events/export/route";
import * as listRoute from "@/app/api/v1/workspaces/[ws]/audit-events/route";
import { ensureUser } from "@/lib/db/global/identity";
import { AUDIT_CSV_HEADER } from "@/lib/domain/audit/audit-csv";
import { auditEventFilterQuery, listAuditEventsQuery } from "@/lib/validation/audit";
import { as, createTestApiKey, createWorkspace, unique, type TestUser, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";
import { exportAuditEvents } from "./export-audit-events";
import { listAuditEvents } from "./list-audit-events";
import { listAuditFilterOptions } from "./list-audit-filter-options";

interface Event {
  id: string;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  createdAt: Date;
}

let ws: TestWorkspace;
let other: TestWorkspace;
let key: { key: string; id: string };
let formulaUser: TestUser;
const FORMULA_NAME = '=HYPERLINK("https://evil.example","x")';

/** Events at fixed times in 2025, in both workspaces, with the same actions, objects and times. */
async function seed(target: TestWorkspace, apiKeyId: string) {
  const at = (day: number, hour = 12) => new Date(Date.UTC(2025, 0, day, hour));
  const rows = [
    { actorUserId: target.owner.id, action: "item.created", targetType: "item", targetId: "item-1", createdAt: at(1) },
    { actorUserId: target.owner.id, action: "item.updated", targetType: "item", targetId: "item-1", createdAt: at(2) },
    { actorUserId: target.members.admin.id, action: "item.updated", targetType: "item", targetId: "item-2", createdAt: at(3) },
    { actorApiKeyId: apiKeyId, action: "item.updated", targetType: "item", targetId: "item-2", createdAt: at(4) },
    { actorApiKeyId: apiKeyId, action: "webhook.created", targetType: "webhook", targetId: "hook-1", createdAt: at(5) },
    { action: "webhook.disabled", targetType: "webhook", targetId: "hook-1", createdAt: at(6) },
    { action: "itemx.updated", targetType: "itemx", targetId: "item-1", createdAt: at(7) },
    // Two at the same instant: pages must not lose or repeat either.
    { actorUserId: target.owner.id, action: "project.created", targetType: "project", targetId: "proj-1", createdAt: at(8) },
    { actorUserId: target.members.admin.id, action: "project.updated", targetType: "project", targetId: "proj-1", createdAt: at(8) },
    { actorUserId: target.owner.id, action: "item.deleted", targetType: "item", targetId: "item-1", createdAt: at(9) },
  ];
  for (const row of rows) {
    await target.ctx.db.auditEvent.create({ data: { workspaceId: target.id, actorUserId: null, actorApiKeyId: null, metadata: { seeded: true }, ip: "203.0.113.9", requestId: unique("req"), ...row } });
  }
}

/** The expected events of `ws` under a filter, newest first, from all of its rows in memory. */
async function expected(test: (e: Event) => boolean): Promise<string[]> {
  const all = await ws.ctx.db.auditEvent.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return all.filter(test).map((e) => e.id);
}

/** Every page under `query`, `limit` at a time, following nextCursor. */
async function allPages(query: Record<string, string>, limit = 2): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await listAuditEvents({ ctx: ws.ctx, input: listAuditEventsQuery.parse({ ...query, limit: String(limit), ...(cursor ? { cursor } : {}) }) });
    ids.push(...page.data.map((e) => e.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not end");
}

const list = (query: Record<string, string>) => listAuditEvents({ ctx: ws.ctx, input: listAuditEventsQuery.parse({ ...query, limit: "200" }) }).then((p) => p.data.map((e) => e.id));
const jan = (day: number) => new Date(Date.UTC(2025, 0, day)).toISOString();

beforeAll(async () => {
  ws = await createWorkspace("audit");
  other = await createWorkspace("audit-other");
  key = await createTestApiKey(ws, "admin");
  const otherKey = await createTestApiKey(other, "admin");
  await seed(ws, key.id);
  await seed(other, otherKey.id);
  // Same actors as `ws` in the other workspace, so a filter alone cannot keep them apart.
  await other.ctx.db.auditEvent.create({ data: { workspaceId: other.id, actorUserId: ws.owner.id, action: "item.updated", targetType: "item", targetId: "item-1", createdAt: new Date(Date.UTC(2025, 0, 2)) } });
  await other.ctx.db.auditEvent.create({ data: { workspaceId: other.id, actorApiKeyId: key.id, action: "item.updated", targetType: "item", targetId: "item-2", createdAt: new Date(Date.UTC(2025, 0, 4)) } });

  const user = await ensureUser(`${unique("formula")}@test.readyroom.dev`, FORMULA_NAME);
  formulaUser = { id: user.id, email: user.email };
  await ws.ctx.db.membership.create({ data: { workspaceId: ws.id, userId: user.id, role: "viewer" } });
  await ws.ctx.db.auditEvent.create({
    data: { workspaceId: ws.id, actorUserId: user.id, action: "comment.added", targetType: "comment", targetId: "+SUM(A1:A9)", metadata: { body: 'Line one, "quoted"\nline two', cmd: "@cmd" }, ip: "-1+1", createdAt: new Date(Date.UTC(2025, 1, 1)) },
  });
});

describe("listAuditEvents filters", () => {
  it("filters by actor: a member, one API key, any API key, the system", async () => {
    const owner = await list({ actor: ws.owner.id });
    expect(owner).toEqual(await expected((e) => e.actorUserId === ws.owner.id));
    expect(owner.length).toBeGreaterThanOrEqual(4);
    expect(await list({ actor: `api-key:${key.id}` })).toEqual(await expected((e) => e.actorApiKeyId === key.id));
    expect((await list({ actor: `api-key:${key.id}` })).length).toBe(2);
    expect(await list({ actor: "api-key" })).toEqual(await expected((e) => e.actorApiKeyId !== null));
    const system = await list({ actor: "system" });
    expect(system).toEqual(await expected((e) => e.actorUserId === null && e.actorApiKeyId === null));
    expect(system.length).toBeGreaterThanOrEqual(2);
    expect(await list({ actor: "cnotamemberatall0000000000" })).toEqual([]);
  });

  it("filters by an exact action, or a prefix ending in a dot that does not reach a longer word", async () => {
    expect(await list({ action: "item.updated" })).toEqual(await expected((e) => e.action === "item.updated"));
    const prefix = await list({ action: "item." });
    expect(prefix).toEqual(await expected((e) => e.action.startsWith("item.")));
    expect(prefix).toHaveLength(5);
    expect(await list({ action: "item" })).toEqual([]);
    expect(await list({ action: "webhook." })).toHaveLength(2);
  });

  it("filters by object type, and type with id", async () => {
    expect(await list({ targetType: "item" })).toEqual(await expected((e) => e.targetType === "item"));
    const one = await list({ targetType: "item", targetId: "item-1" });
    expect(one).toEqual(await expected((e) => e.targetType === "item" && e.targetId === "item-1"));
    expect(one).toHaveLength(3);
  });

  it("bounds time: from inclusive, to exclusive", async () => {
    const from = new Date(Date.UTC(2025, 0, 3, 12)).toISOString();
    const to = new Date(Date.UTC(2025, 0, 6, 12)).toISOString();
    const window = await list({ from, to });
    expect(window).toEqual(await expected((e) => e.createdAt >= new Date(from) && e.createdAt < new Date(to)));
    expect(window).toHaveLength(3); // days 3, 4 and 5; day 6 at exactly `to` is out
    expect(await list({ from: to, to })).toEqual([]);
    expect(await list({ from: "2025-01-03T13:00:00+01:00", to: "2025-01-03T13:00:00+01:00" })).toEqual([]);
    expect(await list({ from: "2025-01-03T13:00:00+01:00", to: "2025-01-03T13:00:01+01:00" })).toHaveLength(1);
  });

  it("combines filters with AND", async () => {
    const ids = await list({ actor: ws.owner.id, action: "item.", targetType: "item", targetId: "item-1", from: jan(2), to: jan(10) });
    expect(ids).toEqual(await expected((e) => e.actorUserId === ws.owner.id && e.action.startsWith("item.") && e.targetId === "item-1" && e.createdAt >= new Date(jan(2)) && e.createdAt < new Date(jan(10))));
    expect(ids).toHaveLength(2);
    expect(await list({ actor: `api-key:${key.id}`, targetType: "webhook" })).toHaveLength(1);
  });

  it("pages through filtered results without losing or repeating an entry, ties included", async () => {
    for (const query of [{}, { action: "item." }, { actor: ws.owner.id }, { from: jan(1), to: jan(9) }, { targetType: "project" }] as Record<string, string>[]) {
      const paged = await allPages(query);
      expect(paged, JSON.stringify(query)).toEqual(await list(query));
      expect(new Set(paged).size).toBe(paged.length);
    }
    expect(await allPages({ from: jan(8), to: jan(9) }, 1)).toHaveLength(2);
  });

  it("never returns another workspace's events, and refuses its ids as a cursor", async () => {
    const mine = new Set((await ws.ctx.db.auditEvent.findMany({ select: { id: true } })).map((e) => e.id));
    for (const query of [{}, { actor: ws.owner.id }, { actor: `api-key:${key.id}` }, { action: "item." }, { targetType: "item", targetId: "item-1" }, { from: jan(1), to: jan(31) }] as Record<string, string>[]) {
      for (const id of await allPages(query, 3)) expect(mine.has(id), JSON.stringify(query)).toBe(true);
    }
    const theirs = await other.ctx.db.auditEvent.findFirstOrThrow({ where: { action: "item.updated" } });
    await expect(listAuditEvents({ ctx: ws.ctx, input: { cursor: theirs.id, limit: 10 } })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(listAuditEvents({ ctx: ws.ctx, input: { cursor: "does-not-exist", limit: 10 } })).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("lists the actions and object types present in the workspace only", async () => {
    await other.ctx.db.auditEvent.create({ data: { workspaceId: other.id, action: "other.only", targetType: "other_only" } });
    const options = await listAuditFilterOptions({ ctx: ws.ctx });
    expect(options.actions).toEqual(expect.arrayContaining(["item.created", "item.updated", "webhook.created", "project.updated", "workspace.created"]));
    expect(options.actions).not.toContain("other.only");
    expect(options.targetTypes).not.toContain("other_only");
    expect(options.actions).toEqual([...options.actions].sort());
    expect(new Set(options.actions).size).toBe(options.actions.length);
  });
});

describe("GET audit-events", () => {
  const get = (query: string, caller = as.user(ws.members.admin)) => callRoute(listRoute.GET, { as: caller, params: { ws: ws.slug }, url: `/api/test${query}` });

  it("filters and pages over HTTP", async () => {
    const r = await get(`?action=item.&limit=2&actor=${ws.owner.id}`);
    expect(r.status).toBe(200);
    expect(r.body.data).toHaveLength(2);
    expect(r.body.data.every((e: { action: string; actorUserId: string }) => e.action.startsWith("item.") && e.actorUserId === ws.owner.id)).toBe(true);
    const next = await get(`?action=item.&limit=2&actor=${ws.owner.id}&cursor=${r.body.nextCursor}`);
    expect(next.status).toBe(200);
    expect(next.body.data.map((e: { id: string }) => e.id)).not.toContain(r.body.data[0].id);
  });

  it.each([
    ["?actor=not%20an%20id", "actor"],
    ["?actor=api-key:", "actor"],
    ["?actor=", "actor"],
    ["?action=item..updated", "action"],
    ["?action=*", "action"],
    ["?targetType=item%20x", "targetType"],
    ["?targetId=item-1", "targetId"],
    ["?from=yesterday", "from"],
    ["?from=2025-01-01", "from"],
    ["?to=2025-01-01T00:00:00", "to"],
    [`?from=${jan(5)}&to=${jan(4)}`, "to"],
    ["?limit=0", "limit"],
    ["?cursor=nope", "cursor"],
  ])("%s is 422 naming %s", async (query, field) => {
    const r = await get(query);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("validation_failed");
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    expect(r.body.error.message).toContain(field);
  });

  it("refuses unknown parameters (422)", async () => {
    const r = await get("?workspaceId=x");
    expect(r.status).toBe(422);
    expect(r.body.error.message).toMatch(/workspaceId/);
  });

  it("is for admins: a member is 403", async () => {
    expect((await get("", as.user(ws.members.member))).status).toBe(403);
  });
});

describe("GET audit-events/export", () => {
  const download = (query: string, caller: Parameters<typeof callRoute>[1]["as"] = as.user(ws.members.admin)) => callRoute(exportRoute.GET, { as: caller, params: { ws: ws.slug }, url: `/api/test${query}` });
  const rowsOf = (body: string) => parse(body, { bom: true }) as string[][];

  it("downloads the filtered events as CSV with its name, type and row headers", async () => {
    const r = await download(`?action=item.&targetType=item`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const today = new Date().toISOString().slice(0, 10);
    expect(r.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="${ws.slug}-audit-${today}\\.csv"`));
    expect(r.headers.get("cache-control")).toBe("private, no-store");
    expect(r.headers.get("x-export-row-limit")).toBe("100000");
    expect(r.headers.get("x-export-truncated")).toBe("false");
    const [header, ...rows] = rowsOf(r.body as string);
    expect(header).toEqual([...AUDIT_CSV_HEADER]);
    expect(rows).toHaveLength(5);
    expect(r.headers.get("x-export-rows")).toBe("5");
    expect(rows.map((row) => row[0])).toEqual([...rows.map((row) => row[0]!)].sort().reverse());
    const byKey = rows.find((row) => row[2] === `api-key:${key.id}`)!;
    expect(byKey.slice(1, 6)).toEqual([expect.stringMatching(/^API key key-[0-9a-f]+ \(rr_/), `api-key:${key.id}`, "item.updated", "item", "item-2"]);
    expect(JSON.parse(byKey[8]!)).toEqual({ seeded: true });
    const byOwner = rows.find((row) => row[2] === ws.owner.id)!;
    expect(byOwner[1]).toBe(ws.owner.email.split("@")[0]);
    expect(byOwner[6]).toBe("203.0.113.9");
  });

  it("writes System for the system and exports nothing of another workspace", async () => {
    const system = rowsOf((await download(`?actor=system&from=${jan(1)}&to=${jan(31)}`)).body).slice(1);
    expect(system.map((row) => [row[1], row[2], row[3]])).toEqual([["System", "", "itemx.updated"], ["System", "", "webhook.disabled"]]);
    const all = (await download("")).body as string;
    const theirs = await other.ctx.db.auditEvent.findMany({ select: { requestId: true } });
    for (const { requestId } of theirs) if (requestId) expect(all).not.toContain(requestId);
  });

  it("escapes quotes, commas and line breaks, and neutralises formulas", async () => {
    const r = await download(`?actor=${formulaUser.id}`);
    expect(r.status).toBe(200);
    const body = r.body as string;
    const [, row] = rowsOf(body);
    expect(row![1]).toBe(`'${FORMULA_NAME}`);
    expect(row![5]).toBe("'+SUM(A1:A9)");
    expect(row![6]).toBe("'-1+1");
    expect(JSON.parse(row![8]!)).toEqual({ body: 'Line one, "quoted"\nline two', cmd: "@cmd" });
    expect(body).toContain(`"'=HYPERLINK(""https://evil.example"",""x"")"`);
    expect(body).not.toMatch(/(^|,)[=+\-@]/m);
  });

  it("caps the rows and says so", async () => {
    const file = await exportAuditEvents({ ctx: ws.ctx, filter: auditEventFilterQuery.parse({ action: "item." }), rowLimit: 3 });
    expect(file).toMatchObject({ rows: 3, truncated: true });
    const bytes = new Uint8Array(await new Response(file.body).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 BOM spreadsheets look for
    const rows = rowsOf(new TextDecoder().decode(bytes));
    expect(rows).toHaveLength(4);
    expect(rows.slice(1).map((row) => row[3])).toEqual(["item.deleted", "item.updated", "item.updated"]);
  });

  it("writes the header alone when nothing matches", async () => {
    const r = await download(`?from=${jan(1)}&to=${jan(1)}`);
    expect(r.status).toBe(200);
    expect(rowsOf(r.body)).toEqual([[...AUDIT_CSV_HEADER]]);
    expect(r.headers.get("x-export-rows")).toBe("0");
  });

  it("validates like the list (422), takes no cursor, and is for admins", async () => {
    for (const query of ["?actor=%3D1", `?from=${jan(5)}&to=${jan(4)}`, "?targetId=x", "?cursor=abc", "?limit=5"]) {
      const r = await download(query);
      expect(r.status, query).toBe(422);
      expect(r.body.error.code).toBe("validation_failed");
    }
    expect((await download("", as.user(ws.members.member))).status).toBe(403);
    expect((await download("", as.apiKey(key.key))).status).toBe(200);
    const read = await createTestApiKey(ws, "read");
    expect((await download("", as.apiKey(read.key))).status).toBe(403);
  });
});
