import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as eventsRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/events/route";
import * as activityRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/items/[key]/activity/route";
import * as commentsRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/items/[key]/comments/route";
import * as evidenceRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/items/[key]/evidence/route";
import * as itemRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/items/[key]/route";
import * as bulkRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/items/bulk/route";
import * as itemsRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/items/route";
import * as viewRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/views/[id]/route";
import * as viewsRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/views/route";
import { as, createTestApiKey, createTestProject, createWorkspace, type TestUser, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";
import { expectContract, expectEveryOperationChecked } from "@/test/harness/contract";
import { requestState } from "@/test/harness/request-state";

let ws: TestWorkspace;
let other: TestWorkspace;
let project: { slug: string };
let foreignProject: { slug: string };

beforeAll(async () => {
  ws = await createWorkspace("items-contract");
  other = await createWorkspace("items-contract-other");
  project = await createTestProject(ws);
  foreignProject = await createTestProject(other);
});

afterAll(() => expectEveryOperationChecked("Items"));

/** Opens the SSE route without reading the body to its end (callRoute would wait for a stream that never ends). */
async function openEvents(user: TestUser, projectSlug: string, signal: AbortSignal) {
  requestState.headers = new Headers();
  requestState.session = { user: { id: user.id, email: user.email }, expires: new Date(Date.now() + 3_600_000).toISOString() };
  const req = new Request(`http://localhost:3000/api/v1/workspaces/${ws.slug}/projects/${projectSlug}/events`, { signal });
  return eventsRoute.GET(req, { params: Promise.resolve({ ws: ws.slug, project: projectSlug }) });
}

describe("item, saved view and event operations answer as the OpenAPI document says", () => {
  it("items: create, list, read, update, bulk edit and delete", async () => {
    const member = as.user(ws.members.member);
    const params = { ws: ws.slug, project: project.slug };
    const url = `/api/v1/workspaces/${ws.slug}/projects/${project.slug}/items`;

    const a = await callRoute(itemsRoute.POST, { method: "POST", as: member, params, body: { title: "Login fails", severity: "high", labels: ["auth"], dueDate: "2030-01-31", files: ["app/login.ts"] } });
    expectContract("createItem", a);
    expect(a.status).toBe(201);
    const b = await callRoute(itemsRoute.POST, { method: "POST", as: member, params, body: { title: "Ship it", kind: "task", blockedBy: [a.body.key] } });
    expectContract("createItem", b);
    expectContract("createItem", await callRoute(itemsRoute.POST, { method: "POST", as: member, params, body: { title: "", extra: true } }));
    expectContract("createItem", await callRoute(itemsRoute.POST, { method: "POST", as: member, params, body: { title: "Done already", status: "done", blockedBy: [a.body.key] } }));
    expectContract("createItem", await callRoute(itemsRoute.POST, { method: "POST", as: member, params, rawBody: "{", contentType: "application/json" }));
    const viewerCreate = await callRoute(itemsRoute.POST, { method: "POST", as: as.user(ws.members.viewer), params, body: { title: "No" } });
    expect(viewerCreate.status).toBe(403);
    expectContract("createItem", viewerCreate);

    const page = await callRoute(itemsRoute.GET, { as: member, params, url: `${url}?limit=1&status=open,in_progress&sort=-key` });
    expectContract("listItems", page);
    expect(page.body.nextCursor).not.toBeNull();
    expectContract("listItems", await callRoute(itemsRoute.GET, { as: as.user(ws.members.viewer), params, url: `${url}?cursor=${page.body.nextCursor}&limit=1` }));
    expectContract("listItems", await callRoute(itemsRoute.GET, { as: member, params, url: `${url}?sort=nope` }));

    const key = { ...params, key: a.body.key };
    expectContract("getItem", await callRoute(itemRoute.GET, { as: member, params: key }));
    const foreign = await callRoute(itemRoute.GET, { as: member, params: { ws: ws.slug, project: foreignProject.slug, key: a.body.key } });
    expect(foreign.status).toBe(404);
    expectContract("getItem", foreign);
    expectContract("getItem", await callRoute(itemRoute.GET, { as: as.user(other.owner), params: key }));

    const updated = await callRoute(itemRoute.PATCH, { method: "PATCH", as: member, params: key, body: { version: a.body.version, title: "Login fails on Safari", status: "in_progress" } });
    expectContract("updateItem", updated);
    expect(updated.status).toBe(200);
    const stale = await callRoute(itemRoute.PATCH, { method: "PATCH", as: member, params: key, body: { version: a.body.version, title: "Stale" } });
    expect(stale.body.error.code).toBe("version_conflict");
    expectContract("updateItem", stale);
    const cycle = await callRoute(itemRoute.PATCH, { method: "PATCH", as: member, params: key, body: { version: updated.body.version, blockedBy: [b.body.key] } });
    expect(cycle.body.error.code).toBe("dependency_cycle");
    expectContract("updateItem", cycle);
    const blocked = await callRoute(itemRoute.PATCH, { method: "PATCH", as: member, params: { ...params, key: b.body.key }, body: { version: b.body.version, status: "done" } });
    expect(blocked.body.error.code).toBe("blocked_by_open_items");
    expectContract("updateItem", blocked);
    expectContract("updateItem", await callRoute(itemRoute.PATCH, { method: "PATCH", as: member, params: key, body: { version: updated.body.version } }));

    const bulk = await callRoute(bulkRoute.POST, { method: "POST", as: member, params, body: { keys: [a.body.key, b.body.key], set: { severity: "low", addLabels: ["triaged"] } } });
    expectContract("bulkEditItems", bulk);
    expect(bulk.body).toEqual({ updated: 2 });
    const refused = await callRoute(bulkRoute.POST, { method: "POST", as: member, params, body: { keys: [b.body.key], set: { status: "done" } } });
    expect(refused.status).toBe(409);
    expectContract("bulkEditItems", refused);
    expectContract("bulkEditItems", await callRoute(bulkRoute.POST, { method: "POST", as: member, params, body: { keys: [], set: {} } }));

    expectContract("deleteItem", await callRoute(itemRoute.DELETE, { method: "DELETE", as: as.user(ws.members.viewer), params: { ...params, key: b.body.key } }));
    expectContract("deleteItem", await callRoute(itemRoute.DELETE, { method: "DELETE", as: member, params: { ...params, key: b.body.key } }));
    expectContract("deleteItem", await callRoute(itemRoute.DELETE, { method: "DELETE", as: member, params: { ...params, key: b.body.key } }));
  });

  it("comments, evidence and activity", async () => {
    const member = as.user(ws.members.member);
    const params = { ws: ws.slug, project: project.slug };
    const item = await callRoute(itemsRoute.POST, { method: "POST", as: member, params, body: { title: "Evidence wanted" } });
    const key = { ...params, key: item.body.key };

    expectContract("addComment", await callRoute(commentsRoute.POST, { method: "POST", as: member, params: key, body: { body: "Seen on staging." } }));
    expectContract("addComment", await callRoute(commentsRoute.POST, { method: "POST", as: member, params: key, body: { body: "  " } }));
    expectContract("listComments", await callRoute(commentsRoute.GET, { as: as.user(ws.members.viewer), params: key }));
    expectContract("listComments", await callRoute(commentsRoute.GET, { as: member, params: { ...params, key: "NOPE-1" } }));

    const apiKey = await createTestApiKey(ws, "write");
    expectContract("addEvidence", await callRoute(evidenceRoute.POST, { method: "POST", as: member, params: key, body: { kind: "link", url: "https://ci.example.com/run/1", note: "Green" } }));
    expectContract("addEvidence", await callRoute(evidenceRoute.POST, { method: "POST", as: as.apiKey(apiKey.key), params: key, body: { kind: "command", command: "npm test", output: "ok" } }));
    expectContract("addEvidence", await callRoute(evidenceRoute.POST, { method: "POST", as: member, params: key, body: { kind: "video" } }));
    expectContract("listEvidence", await callRoute(evidenceRoute.GET, { as: member, params: key }));

    await callRoute(itemRoute.PATCH, { method: "PATCH", as: member, params: key, body: { version: item.body.version, labels: ["a", "b"], dueDate: "2031-02-03", blocker: true } });
    const activity = await callRoute(activityRoute.GET, { as: member, params: key });
    expectContract("listItemActivity", activity);
    expect(activity.body.data.length).toBeGreaterThan(3);
    expectContract("listItemActivity", await callRoute(activityRoute.GET, { as: as.user(other.owner), params: key }));
  });

  it("saved views", async () => {
    const viewer = as.user(ws.members.viewer);
    const member = as.user(ws.members.member);
    const params = { ws: ws.slug, project: project.slug };
    const url = `/api/v1/workspaces/${ws.slug}/projects/${project.slug}/views`;

    const personal = await callRoute(viewsRoute.POST, { method: "POST", as: viewer, params, body: { name: "My criticals", surface: "register", query: "severity=critical" } });
    expectContract("createSavedView", personal);
    expect(personal.status).toBe(201);
    const sharedByViewer = await callRoute(viewsRoute.POST, { method: "POST", as: viewer, params, body: { name: "Shared", surface: "board", query: "", shared: true } });
    expect(sharedByViewer.status).toBe(403);
    expectContract("createSavedView", sharedByViewer);
    const apiKey = await createTestApiKey(ws, "write");
    expectContract("createSavedView", await callRoute(viewsRoute.POST, { method: "POST", as: as.apiKey(apiKey.key), params, body: { name: "Key view", surface: "board", query: "" } }));
    const shared = await callRoute(viewsRoute.POST, { method: "POST", as: member, params, body: { name: "Team board", surface: "board", query: "status=open", shared: true } });
    expectContract("createSavedView", shared);

    expectContract("listSavedViews", await callRoute(viewsRoute.GET, { as: viewer, params, url: `${url}?surface=register` }));
    expectContract("listSavedViews", await callRoute(viewsRoute.GET, { as: member, params, url }));
    expectContract("listSavedViews", await callRoute(viewsRoute.GET, { as: member, params, url: `${url}?surface=nope` }));

    const notMine = await callRoute(viewRoute.DELETE, { method: "DELETE", as: member, params: { ...params, id: personal.body.id } });
    expect(notMine.status).toBe(404);
    expectContract("deleteSavedView", notMine);
    const notAuthor = await callRoute(viewRoute.DELETE, { method: "DELETE", as: viewer, params: { ...params, id: shared.body.id } });
    expect(notAuthor.status).toBe(403);
    expectContract("deleteSavedView", notAuthor);
    expectContract("deleteSavedView", await callRoute(viewRoute.DELETE, { method: "DELETE", as: viewer, params: { ...params, id: personal.body.id } }));
    expectContract("deleteSavedView", await callRoute(viewRoute.DELETE, { method: "DELETE", as: as.user(ws.members.admin), params: { ...params, id: shared.body.id } }));
  });

  it("the event stream", async () => {
    const controller = new AbortController();
    const response = await openEvents(ws.members.viewer, project.slug, controller.signal);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain(": connected");
    await reader.cancel();
    controller.abort();
    expectContract("streamProjectEvents", { status: response.status, body: null });

    const foreign = await openEvents(ws.members.viewer, foreignProject.slug, new AbortController().signal);
    expect(foreign.headers.get("content-type")).not.toMatch(/event-stream/);
    expectContract("streamProjectEvents", { status: foreign.status, body: await foreign.json() });
  });
});
