import { describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/v1/me/route";
import * as workspacesRoute from "@/app/api/v1/workspaces/route";
import * as workspaceRoute from "@/app/api/v1/workspaces/[ws]/route";
import * as projectsRoute from "@/app/api/v1/workspaces/[ws]/projects/route";
import * as membersRoute from "@/app/api/v1/workspaces/[ws]/members/route";
import { ensureUser, findUser, joinWorkspacesByEmailDomain } from "@/lib/db/global/identity";
import { as, createTestApiKey, createTestProject, createUser, createWorkspace, unique, verifyTestDomain, type TestUser, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";
import { updateWorkspace } from "@/lib/services/workspaces/update-workspace";

function createWs(caller: TestUser | null, body: unknown) {
  return callRoute(workspacesRoute.POST, { method: "POST", as: caller ? as.user(caller) : null, body });
}

function patchWs(ws: TestWorkspace, caller: TestUser, body: unknown) {
  return callRoute(workspaceRoute.PATCH, { method: "PATCH", as: as.user(caller), params: { ws: ws.slug }, body });
}

describe("workspaces API", () => {
  it("creates a workspace with the caller as its only owner (201)", async () => {
    const user = await createUser("ws-creator");
    const slug = unique("acme");
    const r = await createWs(user, { slug, name: "Acme" });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ slug, name: "Acme", allowedDomains: [], domainAutoJoin: false });

    const got = await callRoute(workspaceRoute.GET, { as: as.user(user), params: { ws: slug } });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: r.body.id, slug, role: "owner" });

    const members = await callRoute(membersRoute.GET, { as: as.user(user), params: { ws: slug } });
    expect(members.body.data).toEqual([expect.objectContaining({ userId: user.id, role: "owner" })]);

    const list = await callRoute(workspacesRoute.GET, { as: as.user(user) });
    expect(list.body.data).toEqual([{ id: r.body.id, slug, name: "Acme", role: "owner" }]);
  });

  it.each([["api"], ["new"], ["API"], ["settings"], ["_next"]])("refuses the reserved slug %j with 422", async (slug) => {
    const user = await createUser("ws-reserved");
    const r = await createWs(user, { slug, name: "Reserved" });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("validation_failed");
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain("slug");
    expect((await callRoute(workspacesRoute.GET, { as: as.user(user) })).body.data).toEqual([]);
  });

  it("refuses a taken slug with 409 and leaves the existing workspace alone", async () => {
    const existing = await createWorkspace("ws-taken");
    const user = await createUser("ws-squatter");
    const r = await createWs(user, { slug: existing.slug.toUpperCase(), name: "Takeover" });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("conflict");
    expect(r.body.error.message).toContain(existing.slug);
    expect((await callRoute(workspacesRoute.GET, { as: as.user(user) })).body.data).toEqual([]);
    expect(await existing.ctx.db.membership.count({ where: { role: "owner" } })).toBe(1);
    expect((await existing.ctx.db.workspace.findFirstOrThrow({})).name).not.toBe("Takeover");
  });

  it("refuses unknown fields when creating (422)", async () => {
    const user = await createUser("ws-extra");
    const r = await createWs(user, { slug: unique("extra"), name: "Extra", domainAutoJoin: true });
    expect(r.status).toBe(422);
  });

  it("answers 401 unauthorized when signed out", async () => {
    const r = await createWs(null, { slug: unique("anon"), name: "Anon" });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe("unauthorized");
    expect(r.headers.get("x-request-id")).toBe(r.body.error.requestId);
    const me = await callRoute(meRoute.GET, { as: null });
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe("unauthorized");
  });

  it("answers 403 to an API key creating a workspace", async () => {
    const ws = await createWorkspace("ws-key");
    const { key } = await createTestApiKey(ws, "admin");
    const r = await callRoute(workspacesRoute.POST, { method: "POST", as: as.apiKey(key), body: { slug: unique("bykey"), name: "By key" } });
    expect(r.status).toBe(403);
  });

  it("normalises and de-duplicates allowedDomains on PATCH and refuses something that is not a domain (422)", async () => {
    const ws = await createWorkspace("ws-domains");
    // Test users have addresses at test.readyroom.dev: that is the domain they may claim.
    const r = await patchWs(ws, ws.members.admin, { allowedDomains: ["Test.Readyroom.DEV", "  test.readyroom.dev "], domainAutoJoin: true });
    expect(r.status).toBe(200);
    expect(r.body.allowedDomains).toEqual(["test.readyroom.dev"]);
    expect(r.body.domainAutoJoin).toBe(true);

    const bad = await patchWs(ws, ws.owner, { allowedDomains: ["test.readyroom.dev", "not a domain"] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("validation_failed");
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toContain("allowedDomains.1");
    for (const domain of ["@example.com", "https://example.com", "example", "-bad.example.com"]) {
      expect((await patchWs(ws, ws.owner, { allowedDomains: [domain] })).status, domain).toBe(422);
    }
    expect((await ws.ctx.db.workspace.findFirstOrThrow({})).allowedDomains).toEqual(["test.readyroom.dev"]);

    const audit = await ws.ctx.db.auditEvent.findMany({ where: { action: "workspace.updated" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.metadata).toMatchObject({ allowedDomains: { from: [], to: ["test.readyroom.dev"] } });
  });

  it("lets a person add only their own email domain, so nobody can pull in another company's SSO users", async () => {
    const ws = await createWorkspace("ws-claim");
    const r = await patchWs(ws, ws.owner, { allowedDomains: ["bigcorp.example"], domainAutoJoin: true });
    expect(r.status).toBe(422);
    expect(r.body.error.details).toEqual([
      { path: "allowedDomains", message: "cannot add bigcorp.example: only your own domain (test.readyroom.dev) can be added" },
    ]);
    expect((await ws.ctx.db.workspace.findFirstOrThrow({})).allowedDomains).toEqual([]);

    // An operator (CLI) may set any domain; people may then keep or remove it.
    await updateWorkspace({ ctx: ws.ctx, input: { allowedDomains: ["bigcorp.example"] } });
    expect((await patchWs(ws, ws.owner, { allowedDomains: ["bigcorp.example", "test.readyroom.dev"] })).status).toBe(200);
    expect((await patchWs(ws, ws.owner, { allowedDomains: [] })).status).toBe(200);
    const { key } = await createTestApiKey(ws, "admin");
    const byKey = await callRoute(workspaceRoute.PATCH, { method: "PATCH", as: as.apiKey(key), params: { ws: ws.slug }, body: { allowedDomains: ["test.readyroom.dev"] } });
    expect(byKey.status).toBe(422);
  });

  it("does not let a member or viewer change the workspace (403)", async () => {
    const ws = await createWorkspace("ws-patch-perm");
    for (const caller of [ws.members.member, ws.members.viewer]) {
      expect((await patchWs(ws, caller, { name: "Renamed" })).status).toBe(403);
    }
    expect((await ws.ctx.db.workspace.findFirstOrThrow({})).name).toBe(`Workspace ${ws.slug}`);
  });

  it("lets only an owner delete (admin 403), and deleting removes everything in it", async () => {
    const ws = await createWorkspace("ws-delete");
    const project = await createTestProject(ws);
    await createTestApiKey(ws, "read");

    for (const caller of [ws.members.admin, ws.members.member, ws.members.viewer]) {
      const r = await callRoute(workspaceRoute.DELETE, { method: "DELETE", as: as.user(caller), params: { ws: ws.slug } });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe("forbidden");
    }
    expect(await ws.ctx.db.project.count({ where: { id: project.id } })).toBe(1);

    const r = await callRoute(workspaceRoute.DELETE, { method: "DELETE", as: as.user(ws.owner), params: { ws: ws.slug } });
    expect(r.status).toBe(204);
    expect(await ws.ctx.db.workspace.count()).toBe(0);
    expect(await ws.ctx.db.project.count()).toBe(0);
    expect(await ws.ctx.db.membership.count()).toBe(0);
    expect(await ws.ctx.db.apiKey.count()).toBe(0);
    expect(await ws.ctx.db.auditEvent.count()).toBe(0);

    const after = await callRoute(projectsRoute.GET, { as: as.user(ws.owner), params: { ws: ws.slug } });
    expect(after.status).toBe(404);
    // The people themselves remain.
    expect(await findUser(ws.owner.id)).not.toBeNull();
  });

  it("GET /api/v1/me lists exactly the caller's workspaces with their roles", async () => {
    const one = await createWorkspace("ws-me-one");
    const two = await createWorkspace("ws-me-two");
    await createWorkspace("ws-me-three");
    const user = await createUser("ws-me");
    await one.ctx.db.membership.create({ data: { workspaceId: one.id, userId: user.id, role: "member" } });
    await two.ctx.db.membership.create({ data: { workspaceId: two.id, userId: user.id, role: "viewer" } });

    const r = await callRoute(meRoute.GET, { as: as.user(user) });
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ id: user.id, email: user.email });
    const got = [...r.body.workspaces].sort((x: { slug: string }, y: { slug: string }) => x.slug.localeCompare(y.slug));
    const want = [
      { id: one.id, slug: one.slug, name: `Workspace ${one.slug}`, role: "member" },
      { id: two.id, slug: two.slug, name: `Workspace ${two.slug}`, role: "viewer" },
    ].sort((x, y) => x.slug.localeCompare(y.slug));
    expect(got).toEqual(want);

    const loner = await createUser("ws-me-loner");
    expect((await callRoute(meRoute.GET, { as: as.user(loner) })).body.workspaces).toEqual([]);
  });
});

describe("joinWorkspacesByEmailDomain", () => {
  it("joins a user as member to workspaces that auto-join their verified domain, and only those", async () => {
    const domain = `${unique("corp")}.example`;
    const autoJoin = await createWorkspace("ws-auto");
    const noAutoJoin = await createWorkspace("ws-manual");
    const otherDomain = await createWorkspace("ws-otherdomain");
    const unverified = await createWorkspace("ws-unverified");
    // Set by an operator: a person may only claim the domain of their own address.
    await updateWorkspace({ ctx: autoJoin.ctx, input: { allowedDomains: [domain], domainAutoJoin: true } });
    await verifyTestDomain(autoJoin, domain);
    await updateWorkspace({ ctx: noAutoJoin.ctx, input: { allowedDomains: [domain], domainAutoJoin: false } });
    await updateWorkspace({ ctx: otherDomain.ctx, input: { allowedDomains: [`other-${domain}`], domainAutoJoin: true } });
    await verifyTestDomain(otherDomain, `other-${domain}`);
    // Listing a domain without proving it by DNS lets nobody in.
    await updateWorkspace({ ctx: unverified.ctx, input: { allowedDomains: [domain], domainAutoJoin: true } });

    const handle = unique("sso");
    const user = await ensureUser(`${handle}@${domain}`, handle);
    const joined = await joinWorkspacesByEmailDomain(user.id, `${handle}@${domain.toUpperCase()}`);
    expect(joined).toEqual([autoJoin.id]);

    expect((await autoJoin.ctx.db.membership.findFirst({ where: { userId: user.id } }))?.role).toBe("member");
    expect(await noAutoJoin.ctx.db.membership.findFirst({ where: { userId: user.id } })).toBeNull();
    expect(await otherDomain.ctx.db.membership.findFirst({ where: { userId: user.id } })).toBeNull();
    expect(await unverified.ctx.db.membership.findFirst({ where: { userId: user.id } })).toBeNull();
    const audit = await autoJoin.ctx.db.auditEvent.findMany({ where: { action: "member.joined_by_domain", targetId: user.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.metadata).toEqual({ domain });

    // Signing in again does not join twice.
    expect(await joinWorkspacesByEmailDomain(user.id, user.email)).toEqual([]);
    expect(await autoJoin.ctx.db.membership.count({ where: { userId: user.id } })).toBe(1);
  });

  it("does not change the role of someone who is already a member", async () => {
    const domain = `${unique("corp")}.example`;
    const ws = await createWorkspace("ws-auto-existing");
    await patchWs(ws, ws.owner, { allowedDomains: [domain], domainAutoJoin: true });
    await verifyTestDomain(ws, domain);
    const handle = unique("admin-sso");
    const user = await ensureUser(`${handle}@${domain}`, handle);
    await ws.ctx.db.membership.create({ data: { workspaceId: ws.id, userId: user.id, role: "admin" } });
    expect(await joinWorkspacesByEmailDomain(user.id, user.email)).toEqual([]);
    expect((await ws.ctx.db.membership.findFirst({ where: { userId: user.id } }))?.role).toBe("admin");
  });

  it("does not match a domain that merely ends with an allowed one", async () => {
    const domain = `${unique("corp")}.example`;
    const ws = await createWorkspace("ws-auto-suffix");
    await patchWs(ws, ws.owner, { allowedDomains: [domain], domainAutoJoin: true });
    await verifyTestDomain(ws, domain);
    const handle = unique("evil");
    const user = await ensureUser(`${handle}@evil-${domain}`, handle);
    expect(await joinWorkspacesByEmailDomain(user.id, user.email)).toEqual([]);
    const sub = await ensureUser(`${handle}@sub.${domain}`, handle);
    expect(await joinWorkspacesByEmailDomain(sub.id, sub.email)).toEqual([]);
    expect(await ws.ctx.db.membership.count()).toBe(4);
  });
});
