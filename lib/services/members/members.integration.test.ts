import { beforeAll, describe, expect, it } from "vitest";
import * as membersRoute from "@/app/api/v1/workspaces/[ws]/members/route";
import * as memberRoute from "@/app/api/v1/workspaces/[ws]/members/[userId]/route";
import { as, createTestApiKey, createUser, createWorkspace, type TestUser, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";

function patchRole(ws: TestWorkspace, caller: TestUser, userId: string, role: string) {
  return callRoute(memberRoute.PATCH, { method: "PATCH", as: as.user(caller), params: { ws: ws.slug, userId }, body: { role } });
}

function remove(ws: TestWorkspace, caller: TestUser, userId: string) {
  return callRoute(memberRoute.DELETE, { method: "DELETE", as: as.user(caller), params: { ws: ws.slug, userId } });
}

async function roleOf(ws: TestWorkspace, userId: string) {
  return (await ws.ctx.db.membership.findFirst({ where: { userId } }))?.role ?? null;
}

async function auditFor(ws: TestWorkspace, action: string, targetId: string) {
  return ws.ctx.db.auditEvent.findMany({ where: { action, targetId } });
}

describe("members API", () => {
  let other: TestWorkspace;

  beforeAll(async () => {
    other = await createWorkspace("mem-other");
  });

  it("lists the members with their roles to any member", async () => {
    const ws = await createWorkspace("mem-list");
    for (const role of ["owner", "admin", "member", "viewer"] as const) {
      const r = await callRoute(membersRoute.GET, { as: as.user(ws.members[role]), params: { ws: ws.slug } });
      expect(r.status).toBe(200);
      expect(r.body.data).toHaveLength(4);
      const byUser = Object.fromEntries(r.body.data.map((m: { userId: string; role: string }) => [m.userId, m.role]));
      expect(byUser).toEqual({
        [ws.owner.id]: "owner",
        [ws.members.admin.id]: "admin",
        [ws.members.member.id]: "member",
        [ws.members.viewer.id]: "viewer",
      });
    }
    const emails = (await callRoute(membersRoute.GET, { as: as.user(ws.owner), params: { ws: ws.slug } })).body.data.map((m: { email: string }) => m.email);
    expect(emails).toContain(ws.members.viewer.email);
    expect(emails).not.toContain(other.owner.email);
  });

  it("lets an admin change a member to viewer, with an audit event", async () => {
    const ws = await createWorkspace("mem-change");
    const target = ws.members.member;
    const r = await patchRole(ws, ws.members.admin, target.id, "viewer");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ userId: target.id, email: target.email, role: "viewer" });
    expect(await roleOf(ws, target.id)).toBe("viewer");

    const events = await auditFor(ws, "member.role_changed", target.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorUserId: ws.members.admin.id, targetType: "membership", metadata: { email: target.email, from: "member", to: "viewer" } });
    expect(events[0]!.requestId).toEqual(r.headers.get("x-request-id"));
  });

  it("refuses to demote the last owner (409 conflict) and changes nothing", async () => {
    const ws = await createWorkspace("mem-last-demote");
    const r = await patchRole(ws, ws.owner, ws.owner.id, "admin");
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("conflict");
    expect(r.body.error.message).toMatch(/at least one owner/);
    expect(await roleOf(ws, ws.owner.id)).toBe("owner");
    expect(await auditFor(ws, "member.role_changed", ws.owner.id)).toEqual([]);
  });

  it("refuses to remove the last owner, even when they leave themselves", async () => {
    const ws = await createWorkspace("mem-last-remove");
    const r = await remove(ws, ws.owner, ws.owner.id);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("conflict");
    expect(await roleOf(ws, ws.owner.id)).toBe("owner");
    expect(await ws.ctx.db.membership.count()).toBe(4);
    expect(await auditFor(ws, "member.left", ws.owner.id)).toEqual([]);
  });

  it("lets one of two owners be demoted", async () => {
    const ws = await createWorkspace("mem-two-owners");
    const promoted = await patchRole(ws, ws.owner, ws.members.admin.id, "owner");
    expect(promoted.status).toBe(200);
    expect(await roleOf(ws, ws.members.admin.id)).toBe("owner");

    const demoted = await patchRole(ws, ws.members.admin, ws.owner.id, "member");
    expect(demoted.status).toBe(200);
    expect(demoted.body.role).toBe("member");
    expect(await ws.ctx.db.membership.count({ where: { role: "owner" } })).toBe(1);

    // Now the promoted admin is the only owner again.
    const last = await patchRole(ws, ws.members.admin, ws.members.admin.id, "admin");
    expect(last.status).toBe(409);
    expect(await roleOf(ws, ws.members.admin.id)).toBe("owner");
  });

  it("does not let an admin make owners or change or remove an owner (403)", async () => {
    const ws = await createWorkspace("mem-admin-limits");
    const promote = await patchRole(ws, ws.members.admin, ws.members.member.id, "owner");
    expect(promote.status).toBe(403);
    expect(promote.body.error.code).toBe("forbidden");
    expect(await roleOf(ws, ws.members.member.id)).toBe("member");

    const self = await patchRole(ws, ws.members.admin, ws.members.admin.id, "owner");
    expect(self.status).toBe(403);
    expect(await roleOf(ws, ws.members.admin.id)).toBe("admin");

    const demoteOwner = await patchRole(ws, ws.members.admin, ws.owner.id, "viewer");
    expect(demoteOwner.status).toBe(403);
    expect(await roleOf(ws, ws.owner.id)).toBe("owner");

    const removeOwner = await remove(ws, ws.members.admin, ws.owner.id);
    expect(removeOwner.status).toBe(403);
    expect(await roleOf(ws, ws.owner.id)).toBe("owner");
  });

  it("gives a viewer and a member 403 on PATCH and on removing someone else", async () => {
    const ws = await createWorkspace("mem-low-roles");
    for (const caller of [ws.members.viewer, ws.members.member]) {
      const r = await patchRole(ws, caller, ws.members.admin.id, "viewer");
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe("forbidden");
      const selfPromote = await patchRole(ws, caller, caller.id, "admin");
      expect(selfPromote.status).toBe(403);
      const d = await remove(ws, caller, ws.members.admin.id);
      expect(d.status).toBe(403);
    }
    expect(await roleOf(ws, ws.members.admin.id)).toBe("admin");
    expect(await roleOf(ws, ws.members.viewer.id)).toBe("viewer");
    expect(await roleOf(ws, ws.members.member.id)).toBe("member");
    expect(await ws.ctx.db.auditEvent.count({ where: { action: { startsWith: "member." } } })).toBe(0);
  });

  it("lets a member leave (DELETE self → 204), with an audit event", async () => {
    const ws = await createWorkspace("mem-leave");
    const leaver = ws.members.member;
    const r = await remove(ws, leaver, leaver.id);
    expect(r.status).toBe(204);
    expect(await roleOf(ws, leaver.id)).toBeNull();
    const events = await auditFor(ws, "member.left", leaver.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorUserId: leaver.id, metadata: { email: leaver.email, role: "member" } });

    // Once gone, the workspace is not found for them.
    const after = await callRoute(membersRoute.GET, { as: as.user(leaver), params: { ws: ws.slug } });
    expect(after.status).toBe(404);
  });

  it("lets a viewer leave too", async () => {
    const ws = await createWorkspace("mem-viewer-leave");
    expect((await remove(ws, ws.members.viewer, ws.members.viewer.id)).status).toBe(204);
    expect(await roleOf(ws, ws.members.viewer.id)).toBeNull();
  });

  it("lets an admin remove a member, with an audit event", async () => {
    const ws = await createWorkspace("mem-remove");
    const r = await remove(ws, ws.members.admin, ws.members.viewer.id);
    expect(r.status).toBe(204);
    expect(await roleOf(ws, ws.members.viewer.id)).toBeNull();
    const events = await auditFor(ws, "member.removed", ws.members.viewer.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorUserId: ws.members.admin.id, metadata: { role: "viewer" } });
  });

  it("answers 404 for an unknown user id, and for a member of another workspace", async () => {
    const ws = await createWorkspace("mem-unknown");
    for (const userId of ["does-not-exist", other.members.member.id, other.owner.id]) {
      const p = await patchRole(ws, ws.owner, userId, "viewer");
      expect(p.status).toBe(404);
      expect(p.body.error.code).toBe("not_found");
      const d = await remove(ws, ws.owner, userId);
      expect(d.status).toBe(404);
      expect(d.body.error.code).toBe("not_found");
    }
    expect(await roleOf(other, other.members.member.id)).toBe("member");
    expect(await other.ctx.db.membership.count()).toBe(4);
  });

  it("refuses an invalid role with 422 naming the field", async () => {
    const ws = await createWorkspace("mem-invalid");
    const r = await patchRole(ws, ws.owner, ws.members.member.id, "superuser");
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("validation_failed");
    expect(r.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: "role" })]));
    expect(await roleOf(ws, ws.members.member.id)).toBe("member");
  });

  it("adds an existing user by email (201, audited) and refuses a second add (409)", async () => {
    const ws = await createWorkspace("mem-add");
    const newcomer = await createUser("mem-newcomer");
    const r = await callRoute(membersRoute.POST, { method: "POST", as: as.user(ws.members.admin), params: { ws: ws.slug }, body: { email: newcomer.email.toUpperCase(), role: "member" } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ userId: newcomer.id, role: "member" });
    expect(await roleOf(ws, newcomer.id)).toBe("member");
    expect(await auditFor(ws, "member.added", newcomer.id)).toHaveLength(1);

    const again = await callRoute(membersRoute.POST, { method: "POST", as: as.user(ws.members.admin), params: { ws: ws.slug }, body: { email: newcomer.email, role: "viewer" } });
    expect(again.status).toBe(409);
    expect(await roleOf(ws, newcomer.id)).toBe("member");
  });

  it("lets an admin API key manage members but not owners", async () => {
    const ws = await createWorkspace("mem-key");
    const { key } = await createTestApiKey(ws, "admin");
    const ok = await callRoute(memberRoute.PATCH, { method: "PATCH", as: as.apiKey(key), params: { ws: ws.slug, userId: ws.members.member.id }, body: { role: "viewer" } });
    expect(ok.status).toBe(200);
    const owner = await callRoute(memberRoute.PATCH, { method: "PATCH", as: as.apiKey(key), params: { ws: ws.slug, userId: ws.owner.id }, body: { role: "viewer" } });
    expect(owner.status).toBe(403);
    const events = await auditFor(ws, "member.role_changed", ws.members.member.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.actorUserId).toBeNull();
    expect(events[0]!.actorApiKeyId).not.toBeNull();
  });
});
