import { beforeAll, describe, expect, it } from "vitest";
import * as viewsRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/views/route";
import * as viewRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/views/[id]/route";
import { as, createTestApiKey, createTestProject, createWorkspace, unique, type TestUser, type TestWorkspace } from "@/test/factories";
import { callRoute, type As } from "@/test/harness/call-route";

type Project = { slug: string; id: string };
interface View {
  id: string;
  name: string;
  surface: string;
  query: string;
  shared: boolean;
  mine: boolean;
}

function who(caller: TestUser | As): As {
  return caller && "email" in caller ? as.user(caller) : caller;
}

function postView(ws: TestWorkspace, project: Project, body: unknown, caller: TestUser | As) {
  return callRoute(viewsRoute.POST, { method: "POST", as: who(caller), params: { ws: ws.slug, project: project.slug }, body });
}

async function newView(ws: TestWorkspace, project: Project, caller: TestUser, body: Partial<View> = {}): Promise<View> {
  const r = await postView(ws, project, { name: unique("View"), surface: "register", query: "severity=critical", shared: false, ...body }, caller);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

async function listViews(ws: TestWorkspace, project: Project, caller: TestUser | As, query = ""): Promise<View[]> {
  const r = await callRoute(viewsRoute.GET, { as: who(caller), params: { ws: ws.slug, project: project.slug }, url: `/api/x${query ? `?${query}` : ""}` });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data;
}

function deleteView(ws: TestWorkspace, project: Project, id: string, caller: TestUser | As) {
  return callRoute(viewRoute.DELETE, { method: "DELETE", as: who(caller), params: { ws: ws.slug, project: project.slug, id } });
}

const ids = (views: View[]) => views.map((v) => v.id);

describe("saved views API", () => {
  let ws: TestWorkspace;
  let other: TestWorkspace;

  beforeAll(async () => {
    ws = await createWorkspace("views");
    other = await createWorkspace("views-other");
  });

  it("shows a personal view only to its creator, and a shared view to every member", async () => {
    const project = await createTestProject(ws);
    const { member, admin, viewer } = ws.members;
    const personal = await newView(ws, project, member, { name: "My criticals", query: "severity=critical&sort=-updatedAt" });
    const shared = await newView(ws, project, member, { name: "Team board", surface: "board", query: "status=open", shared: true });
    expect(personal).toMatchObject({ name: "My criticals", surface: "register", query: "severity=critical&sort=-updatedAt", shared: false, mine: true });
    expect(shared).toMatchObject({ shared: true, mine: true });

    const own = await listViews(ws, project, member);
    expect(ids(own).sort()).toEqual([personal.id, shared.id].sort());
    for (const someoneElse of [ws.owner, admin, viewer]) {
      const seen = await listViews(ws, project, someoneElse);
      expect(ids(seen)).toEqual([shared.id]);
      expect(seen[0]).toMatchObject({ name: "Team board", mine: false });
    }

    // Filtered by surface.
    expect(ids(await listViews(ws, project, member, "surface=board"))).toEqual([shared.id]);
    expect(ids(await listViews(ws, project, member, "surface=register"))).toEqual([personal.id]);
    const bad = await callRoute(viewsRoute.GET, { as: as.user(member), params: { ws: ws.slug, project: project.slug }, url: "/api/x?surface=timeline" });
    expect(bad.status).toBe(422);

    // Views belong to their project.
    const otherProject = await createTestProject(ws);
    expect(await listViews(ws, otherProject, member)).toEqual([]);
  });

  it("lets a viewer save a personal view, with an audit event", async () => {
    const project = await createTestProject(ws);
    const view = await newView(ws, project, ws.members.viewer, { name: "Viewer's view" });
    expect(ids(await listViews(ws, project, ws.members.viewer))).toEqual([view.id]);
    expect(await listViews(ws, project, ws.owner)).toEqual([]);
    const events = await ws.ctx.db.auditEvent.findMany({ where: { action: "view.created", targetId: view.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorUserId: ws.members.viewer.id, metadata: { name: "Viewer's view", shared: false } });
  });

  it("refuses a viewer sharing a view with the workspace (403), and writes nothing", async () => {
    const project = await createTestProject(ws);
    const r = await postView(ws, project, { name: "Shared by a viewer", surface: "board", query: "", shared: true }, ws.members.viewer);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("forbidden");
    expect(await listViews(ws, project, ws.owner)).toEqual([]);
  });

  it("refuses invalid views with 422 naming the field", async () => {
    const project = await createTestProject(ws);
    for (const [body, field] of [
      [{ name: "x", surface: "timeline", query: "" }, "surface"],
      [{ surface: "register", query: "" }, "name"],
      [{ name: "x", surface: "register" }, "query"],
      [{ name: "x", surface: "register", query: "", createdById: ws.owner.id }, "(body)"],
    ] as const) {
      const r = await postView(ws, project, body, ws.members.member);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
    expect(await listViews(ws, project, ws.members.member)).toEqual([]);
  });

  it("lets the author delete their own views (204)", async () => {
    const project = await createTestProject(ws);
    const personal = await newView(ws, project, ws.members.member);
    const shared = await newView(ws, project, ws.members.member, { shared: true });
    expect((await deleteView(ws, project, personal.id, ws.members.member)).status).toBe(204);
    expect((await deleteView(ws, project, shared.id, ws.members.member)).status).toBe(204);
    expect(await listViews(ws, project, ws.members.member)).toEqual([]);
    expect(await ws.ctx.db.auditEvent.count({ where: { action: "view.deleted", targetId: { in: [personal.id, shared.id] } } })).toBe(2);
  });

  it("refuses a member deleting someone else's shared view (403) and lets an admin (204)", async () => {
    const project = await createTestProject(ws);
    const shared = await newView(ws, project, ws.owner, { name: "Owner's shared", shared: true });

    const refused = await deleteView(ws, project, shared.id, ws.members.member);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("forbidden");
    expect((await deleteView(ws, project, shared.id, ws.members.viewer)).status).toBe(403);
    expect(ids(await listViews(ws, project, ws.members.member))).toEqual([shared.id]);

    const r = await deleteView(ws, project, shared.id, ws.members.admin);
    expect(r.status).toBe(204);
    expect(await listViews(ws, project, ws.members.viewer)).toEqual([]);
    const events = await ws.ctx.db.auditEvent.findMany({ where: { action: "view.deleted", targetId: shared.id } });
    expect(events).toHaveLength(1);
    expect(events[0]!.actorUserId).toBe(ws.members.admin.id);

    // The workspace owner may too.
    const another = await newView(ws, project, ws.members.member, { shared: true });
    expect((await deleteView(ws, project, another.id, ws.owner)).status).toBe(204);
  });

  it("treats someone else's personal view as not found (404), even for an admin", async () => {
    const project = await createTestProject(ws);
    const personal = await newView(ws, project, ws.members.member, { name: "Private" });
    for (const caller of [ws.members.admin, ws.owner, ws.members.viewer]) {
      const r = await deleteView(ws, project, personal.id, caller);
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe("not_found");
    }
    expect(ids(await listViews(ws, project, ws.members.member))).toEqual([personal.id]);
    expect((await deleteView(ws, project, "no-such-view", ws.owner)).status).toBe(404);
  });

  it("does not let an API key create or delete views (403); it sees only shared views", async () => {
    const project = await createTestProject(ws);
    const shared = await newView(ws, project, ws.members.member, { shared: true });
    const personal = await newView(ws, project, ws.members.member);
    for (const role of ["read", "write", "admin"] as const) {
      const key = as.apiKey((await createTestApiKey(ws, role)).key);
      const created = await postView(ws, project, { name: unique("By key"), surface: "register", query: "" }, key);
      expect(created.status, role).toBe(403);
      expect(created.body.error.code).toBe("forbidden");
      expect(ids(await listViews(ws, project, key))).toEqual([shared.id]);
      expect((await deleteView(ws, project, shared.id, key)).status).toBe(403);
      expect((await deleteView(ws, project, personal.id, key)).status).toBe(404);
    }
    expect(ids(await listViews(ws, project, ws.members.member)).sort()).toEqual([personal.id, shared.id].sort());
    expect(await ws.ctx.db.savedView.count({ where: { projectId: project.id } })).toBe(2);
  });

  it("answers 404 for a view of another project or workspace and deletes nothing there", async () => {
    const project = await createTestProject(ws);
    const elsewhere = await createTestProject(ws);
    const sibling = await newView(ws, elsewhere, ws.owner, { shared: true });
    const foreignProject = await createTestProject(other);
    const foreign = await newView(other, foreignProject, other.owner, { shared: true });
    for (const id of [sibling.id, foreign.id]) {
      const r = await deleteView(ws, project, id, ws.owner);
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe("not_found");
    }
    expect((await callRoute(viewsRoute.GET, { as: as.user(ws.owner), params: { ws: other.slug, project: foreignProject.slug } })).status).toBe(404);
    expect(ids(await listViews(ws, elsewhere, ws.owner))).toEqual([sibling.id]);
    expect(ids(await listViews(other, foreignProject, other.owner))).toEqual([foreign.id]);
  });
});
