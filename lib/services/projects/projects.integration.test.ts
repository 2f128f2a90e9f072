import { beforeAll, describe, expect, it } from "vitest";
import * as projectsRoute from "@/app/api/v1/workspaces/[ws]/projects/route";
import * as projectRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/route";
import { as, createTestProject, createWorkspace, unique, type TestUser, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  ws = await createWorkspace("proj");
  other = await createWorkspace("proj-other");
});

let prefixCounter = 0;
function keyPrefix(): string {
  prefixCounter += 1;
  return `K${Date.now().toString(36).toUpperCase().slice(-5)}${prefixCounter}`.slice(0, 10);
}

function create(body: unknown, caller: TestUser = ws.owner) {
  return callRoute(projectsRoute.POST, { method: "POST", as: as.user(caller), params: { ws: ws.slug }, body });
}

function get(slug: string, caller: TestUser = ws.owner) {
  return callRoute(projectRoute.GET, { as: as.user(caller), params: { ws: ws.slug, project: slug } });
}

function patch(slug: string, body: unknown, caller: TestUser = ws.owner) {
  return callRoute(projectRoute.PATCH, { method: "PATCH", as: as.user(caller), params: { ws: ws.slug, project: slug }, body });
}

function del(slug: string, caller: TestUser = ws.owner) {
  return callRoute(projectRoute.DELETE, { method: "DELETE", as: as.user(caller), params: { ws: ws.slug, project: slug } });
}

describe("projects API", () => {
  it("creates a project (201), normalising slug and key prefix, with an audit event", async () => {
    const slug = unique("web");
    const prefix = keyPrefix();
    const r = await create({ slug: `  ${slug.toUpperCase()} `, name: "Web app", keyPrefix: prefix.toLowerCase() });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ slug, name: "Web app", keyPrefix: prefix, description: "" });
    expect(r.body).not.toHaveProperty("workspaceId");
    const row = await ws.ctx.db.project.findFirstOrThrow({ where: { slug } });
    expect(row.id).toBe(r.body.id);
    expect(row.workspaceId).toBe(ws.id);
    expect(await ws.ctx.db.auditEvent.count({ where: { action: "project.created", targetId: row.id, actorUserId: ws.owner.id } })).toBe(1);

    const list = await callRoute(projectsRoute.GET, { as: as.user(ws.members.viewer), params: { ws: ws.slug } });
    expect(list.status).toBe(200);
    expect(list.body.data.map((p: { slug: string }) => p.slug)).toContain(slug);
  });

  it("refuses a duplicate slug with 409 naming the slug", async () => {
    const existing = await createTestProject(ws);
    const before = await ws.ctx.db.project.count();
    const r = await create({ slug: existing.slug, name: "Again", keyPrefix: keyPrefix() });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("conflict");
    expect(r.body.error.message).toContain(existing.slug);
    expect(r.body.error.details).toEqual({ field: "slug" });
    expect(await ws.ctx.db.project.count()).toBe(before);
  });

  it("refuses a duplicate key prefix with 409", async () => {
    const existing = await createTestProject(ws);
    const r = await create({ slug: unique("other"), name: "Other", keyPrefix: existing.keyPrefix.toLowerCase() });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("conflict");
    expect(r.body.error.message).toContain(existing.keyPrefix);
    expect(r.body.error.details).toEqual({ field: "keyPrefix" });
  });

  it("allows the same slug and key prefix in another workspace", async () => {
    const theirs = await createTestProject(other);
    const r = await create({ slug: theirs.slug, name: "Same slug, other tenant", keyPrefix: theirs.keyPrefix });
    expect(r.status).toBe(201);
    expect((await other.ctx.db.project.findFirstOrThrow({ where: { id: theirs.id } })).name).toBe(theirs.name);
  });

  it.each([
    ["keyPrefix", { keyPrefix: "1ABC" }],
    ["keyPrefix", { keyPrefix: "A" }],
    ["keyPrefix", { keyPrefix: "ABCDEFGHIJK" }],
    ["keyPrefix", { keyPrefix: "AB-C" }],
    ["slug", { slug: "Bad Slug!" }],
    ["slug", { slug: "-leading" }],
    ["slug", { slug: "x" }],
    ["name", { name: "   " }],
  ])("refuses an invalid %s with 422 naming the field (%j)", async (field, override) => {
    const before = await ws.ctx.db.project.count();
    const r = await create({ slug: unique("valid"), name: "Valid", keyPrefix: keyPrefix(), ...override });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("validation_failed");
    expect(r.body.error.message).toContain(field);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    expect(await ws.ctx.db.project.count()).toBe(before);
  });

  it("refuses unknown keys such as workspaceId with 422", async () => {
    const slug = unique("planted");
    const r = await create({ slug, name: "Planted", keyPrefix: keyPrefix(), workspaceId: other.id });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("validation_failed");
    expect(JSON.stringify(r.body.error)).toContain("workspaceId");
    expect(await ws.ctx.db.project.count({ where: { slug } })).toBe(0);
    expect(await other.ctx.db.project.count({ where: { slug } })).toBe(0);
  });

  it("refuses missing fields with 422 listing each", async () => {
    const r = await create({});
    expect(r.status).toBe(422);
    const paths = r.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["slug", "name", "keyPrefix"]));
  });

  it("refuses malformed JSON with 400 invalid_json and a wrong content type with 415", async () => {
    const r = await callRoute(projectsRoute.POST, { method: "POST", as: as.user(ws.owner), params: { ws: ws.slug }, rawBody: '{"slug": "x",' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid_json");
    expect(r.headers.get("x-request-id")).toBe(r.body.error.requestId);

    const form = await callRoute(projectsRoute.POST, { method: "POST", as: as.user(ws.owner), params: { ws: ws.slug }, rawBody: "slug=x", contentType: "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
  });

  it("gets, renames, re-slugs and deletes a project", async () => {
    const slug = unique("life");
    const created = await create({ slug, name: "Lifecycle", keyPrefix: keyPrefix(), description: "first" });
    expect(created.status).toBe(201);

    const got = await get(slug, ws.members.viewer);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: created.body.id, slug, name: "Lifecycle", description: "first" });

    const renamed = await patch(slug, { name: "Renamed" }, ws.members.member);
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ slug, name: "Renamed", description: "first" });

    const newSlug = unique("moved");
    const moved = await patch(slug, { slug: newSlug });
    expect(moved.status).toBe(200);
    expect(moved.body.slug).toBe(newSlug);
    expect((await get(slug)).status).toBe(404);
    expect((await get(newSlug)).body.name).toBe("Renamed");

    const audit = await ws.ctx.db.auditEvent.findMany({ where: { action: "project.updated", targetId: created.body.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((e) => e.metadata)).toEqual([{ name: { from: "Lifecycle", to: "Renamed" } }, { slug: { from: slug, to: newSlug } }]);

    const deleted = await del(newSlug);
    expect(deleted.status).toBe(204);
    const gone = await get(newSlug);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe("not_found");
    expect(await ws.ctx.db.project.count({ where: { id: created.body.id } })).toBe(0);
    expect(await ws.ctx.db.auditEvent.count({ where: { action: "project.deleted", targetId: created.body.id } })).toBe(1);
    expect((await del(newSlug)).status).toBe(404);
  });

  it("refuses to re-slug onto another project's slug (409) and refuses an empty PATCH (422)", async () => {
    const one = await createTestProject(ws);
    const two = await createTestProject(ws);
    const r = await patch(one.slug, { slug: two.slug });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toContain(two.slug);
    expect((await get(one.slug)).status).toBe(200);

    const empty = await patch(one.slug, {});
    expect(empty.status).toBe(422);

    const keyChange = await patch(one.slug, { keyPrefix: "NEW" });
    expect(keyChange.status).toBe(422);
    expect((await get(one.slug)).body.keyPrefix).toBe(one.keyPrefix);
  });

  it("does not let a viewer create, update or delete (403)", async () => {
    const existing = await createTestProject(ws);
    const c = await create({ slug: unique("viewer"), name: "Nope", keyPrefix: keyPrefix() }, ws.members.viewer);
    expect(c.status).toBe(403);
    expect(c.body.error.code).toBe("forbidden");
    expect((await patch(existing.slug, { name: "Nope" }, ws.members.viewer)).status).toBe(403);
    expect((await del(existing.slug, ws.members.viewer)).status).toBe(403);
    const after = await get(existing.slug);
    expect(after.status).toBe(200);
    expect(after.body.name).toBe(existing.name);
  });

  it("lets a member create but not delete (403)", async () => {
    const c = await create({ slug: unique("member"), name: "By a member", keyPrefix: keyPrefix() }, ws.members.member);
    expect(c.status).toBe(201);
    const d = await del(c.body.slug, ws.members.member);
    expect(d.status).toBe(403);
    expect((await get(c.body.slug)).status).toBe(200);
    expect((await del(c.body.slug, ws.members.admin)).status).toBe(204);
  });

  it("does not reach another workspace's project by slug (404) and leaves it unchanged", async () => {
    const theirs = await createTestProject(other);
    expect((await get(theirs.slug)).status).toBe(404);
    expect((await patch(theirs.slug, { name: "Hijacked" })).status).toBe(404);
    expect((await del(theirs.slug)).status).toBe(404);
    expect((await other.ctx.db.project.findFirstOrThrow({ where: { id: theirs.id } })).name).toBe(theirs.name);
  });

  it("answers 401 when signed out", async () => {
    const r = await callRoute(projectsRoute.GET, { as: null, params: { ws: ws.slug } });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe("unauthorized");
  });
});
