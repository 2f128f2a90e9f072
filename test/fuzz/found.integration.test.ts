/**
 * What the API fuzz (api-fuzz.integration.test.ts) found, replayed as fixed
 * requests: each was a 500 (or a success answered as an error) before its fix.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as apiKeysRoute from "@/app/api/v1/workspaces/[ws]/api-keys/route";
import * as auditExportRoute from "@/app/api/v1/workspaces/[ws]/audit-events/export/route";
import * as auditRoute from "@/app/api/v1/workspaces/[ws]/audit-events/route";
import * as gatesRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/route";
import * as exportRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/export/route";
import * as csvRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/imports/csv/route";
import * as jsonImportRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/imports/json/route";
import * as itemRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/items/[key]/route";
import * as itemsRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/items/route";
import * as projectRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/route";
import * as workspaceRoute from "@/app/api/v1/workspaces/[ws]/route";
import { as, createTestProject, createWorkspace, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";
import { varied } from "./zod-arbitrary";

let ws: TestWorkspace;
let project: { slug: string };
beforeAll(async () => {
  ws = await createWorkspace("fuzz-found");
  project = await createTestProject(ws);
});

const owner = () => as.user(ws.owner);
const P = () => ({ ws: ws.slug, project: project.slug });
const invalid = (res: { status: number; body: { error?: { code: string; details?: { path: string }[] } } }, path: string) => {
  expect(res.status).toBe(422);
  expect(res.body.error?.code).toBe("validation_failed");
  expect(res.body.error?.details?.[0]?.path).toBe(path);
};

describe("requests the fuzz turned into 500s", () => {
  it("a NUL in a path segment is 404, before any query", async () => {
    const res = await callRoute(workspaceRoute.DELETE, { method: "DELETE", as: owner(), params: { ws: "a\u0000b" } });
    expect(res.status).toBe(404);
    expect((await callRoute(projectRoute.GET, { as: owner(), params: { ws: ws.slug, project: "\u0000" } })).status).toBe(404);
  });

  it("a NUL in a body or a query is 422 naming the field", async () => {
    invalid(await callRoute(itemsRoute.POST, { method: "POST", as: owner(), params: P(), rawBody: '{"title":"é","externalId":"\\u0000é"}' }), "externalId");
    invalid(await callRoute(auditExportRoute.GET, { as: owner(), params: { ws: ws.slug }, url: "/x?targetType=A&targetId=%00" }), "targetId");
    invalid(await callRoute(itemsRoute.GET, { as: owner(), params: P(), url: "/x?owner=x,%00" }), "owner.1");
  });

  it("a lone surrogate, which jsonb refuses (audit metadata, gate rules), is 422 naming the field", async () => {
    invalid(await callRoute(apiKeysRoute.POST, { method: "POST", as: owner(), params: { ws: ws.slug }, rawBody: '{"name":"\\ud800é","role":"read"}' }), "name");
    const gate = { name: "!", criteria: [{ title: "!", type: "rule", rule: { type: "no_open_items", filter: { label: ["\ud800", "é"] } } }] };
    invalid(await callRoute(gatesRoute.POST, { method: "POST", as: owner(), params: P(), body: gate }), "criteria.0.rule.filter.label.0");
  });

  it("a register file with \\u0000 escapes inside its JSON is 422 naming the field", async () => {
    const exported = await callRoute(exportRoute.GET, { as: owner(), params: P(), url: "/x?format=json" });
    expect(exported.status).toBe(200);
    const source = JSON.stringify(exported.body).replace('"description":""', '"description":"a\\u0000b"');
    expect(source).toContain("\\u0000");
    const res = await callRoute(jsonImportRoute.POST, { method: "POST", as: owner(), params: P(), body: { source } });
    invalid(res, "project.description");
  });

  it("year 0, which PostgreSQL has not, is 422 in dates and instants", async () => {
    invalid(await callRoute(itemsRoute.POST, { method: "POST", as: owner(), params: P(), body: { title: "Due", dueDate: "0000-01-01" } }), "dueDate");
    invalid(await callRoute(gatesRoute.POST, { method: "POST", as: owner(), params: P(), body: { name: "Gate", targetDate: "0000-01-01" } }), "targetDate");
    invalid(await callRoute(auditExportRoute.GET, { as: owner(), params: { ws: ws.slug }, url: "/x?targetType=a&to=0000-02-29T20%3A00%3A00Z" }), "to");
    invalid(await callRoute(auditRoute.GET, { as: owner(), params: { ws: ws.slug }, url: "/x?from=0000-01-01T00%3A00%3A00Z" }), "from");
  });

  it("an API key expiring after 9999 is refused, instead of being created and answered with a 422", async () => {
    const before = await ws.ctx.db.apiKey.count();
    invalid(await callRoute(apiKeysRoute.POST, { method: "POST", as: owner(), params: { ws: ws.slug }, body: { name: "Far", role: "read", expiresAt: "9999-12-31T23:59:59-23:59" } }), "expiresAt");
    expect(await ws.ctx.db.apiKey.count()).toBe(before);
  });

  it("an item position near the largest double, which the database driver rounds past it, is 422", async () => {
    invalid(await callRoute(itemsRoute.POST, { method: "POST", as: owner(), params: P(), rawBody: '{"title":"a","position":-1.7976931348623155e+308}' }), "position");
    const item = await callRoute(itemsRoute.POST, { method: "POST", as: owner(), params: P(), body: { title: "Far right", position: 1e15 } });
    expect(item.status).toBe(201);
    invalid(await callRoute(itemRoute.PATCH, { method: "PATCH", as: owner(), params: { ...P(), key: item.body.key }, rawBody: `{"position":1.7976931348623155e+308,"version":${item.body.version}}` }), "position");
  });

  it("a CSV external id longer than a database index entry is a row error, not a 500", async () => {
    const res = await callRoute(csvRoute.POST, { method: "POST", as: owner(), params: P(), body: { source: `Title,External id\nHello,${varied(3_000, 1)}\n`, apply: true } });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain("the external id is 3004 characters long; at most 500");
  });
});
