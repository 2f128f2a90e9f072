import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as acceptRoute from "@/app/api/v1/invitations/[token]/route";
import * as invitationsRoute from "@/app/api/v1/workspaces/[ws]/invitations/route";
import * as invitationRoute from "@/app/api/v1/workspaces/[ws]/invitations/[id]/route";
import { as, createTestApiKey, createUser, createWorkspace, type TestUser, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

async function invite(ws: TestWorkspace, caller: TestUser, email: string, role = "member") {
  const r = await callRoute(invitationsRoute.POST, { method: "POST", as: as.user(caller), params: { ws: ws.slug }, body: { email, role } });
  const token = typeof r.body?.acceptUrl === "string" ? (/\/invite\/([A-Za-z0-9_-]+)$/.exec(r.body.acceptUrl)?.[1] ?? null) : null;
  return { ...r, token };
}

function accept(token: string, user: TestUser) {
  return callRoute(acceptRoute.POST, { method: "POST", as: as.user(user), params: { token } });
}

async function membershipOf(ws: TestWorkspace, userId: string) {
  return ws.ctx.db.membership.findFirst({ where: { userId } });
}

describe("invitations API", () => {
  it("creates an invitation (201) whose link carries a token that is stored only as its SHA-256", async () => {
    const ws = await createWorkspace("inv-create");
    const invitee = await createUser("inv-invitee");
    const r = await invite(ws, ws.members.admin, invitee.email, "viewer");
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ email: invitee.email, role: "viewer", status: "pending" });
    expect(r.token).toMatch(/^[A-Za-z0-9_-]{32,64}$/);
    expect(r.body.acceptUrl).toContain(r.token);
    expect(r.body).not.toHaveProperty("tokenHash");
    expect(r.body).not.toHaveProperty("token");

    const row = await ws.ctx.db.invitation.findFirstOrThrow({ where: { id: r.body.id } });
    expect(row.tokenHash).toBe(sha256(r.token!));
    expect(JSON.stringify(row)).not.toContain(r.token!);
    expect(row.invitedById).toBe(ws.members.admin.id);
    const ttlDays = (row.expiresAt.getTime() - row.createdAt.getTime()) / 86_400_000;
    expect(ttlDays).toBeGreaterThan(6.9);
    expect(ttlDays).toBeLessThan(7.1);

    const audit = await ws.ctx.db.auditEvent.findMany({ where: { action: "invitation.created", targetId: row.id } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(r.token!);

    const list = await callRoute(invitationsRoute.GET, { as: as.user(ws.owner), params: { ws: ws.slug } });
    expect(list.status).toBe(200);
    expect(list.body.data.map((i: { id: string }) => i.id)).toContain(row.id);
    expect(JSON.stringify(list.body)).not.toContain(r.token!);
    expect(JSON.stringify(list.body)).not.toContain(row.tokenHash);
  });

  it("lets the invited user accept once and join with the invited role", async () => {
    const ws = await createWorkspace("inv-accept");
    const invitee = await createUser("inv-joiner");
    const { token, body } = await invite(ws, ws.owner, invitee.email, "admin");

    const r = await accept(token!, invitee);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ workspace: { slug: ws.slug }, role: "admin", status: "joined" });
    expect((await membershipOf(ws, invitee.id))?.role).toBe("admin");

    const row = await ws.ctx.db.invitation.findFirstOrThrow({ where: { id: body.id } });
    expect(row.acceptedAt).not.toBeNull();
    expect(row.acceptedById).toBe(invitee.id);
    expect(await ws.ctx.db.auditEvent.count({ where: { action: "invitation.accepted", targetId: body.id, actorUserId: invitee.id } })).toBe(1);

    const again = await accept(token!, invitee);
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe("gone");
    expect(await ws.ctx.db.membership.count({ where: { userId: invitee.id } })).toBe(1);
    expect(await ws.ctx.db.auditEvent.count({ where: { action: "invitation.accepted", targetId: body.id } })).toBe(1);
  });

  it("accepts the invited address in any letter case", async () => {
    const ws = await createWorkspace("inv-case");
    const invitee = await createUser("inv-case-user");
    const { token } = await invite(ws, ws.owner, invitee.email.toUpperCase());
    const r = await callRoute(acceptRoute.POST, { method: "POST", as: { user: { id: invitee.id, email: invitee.email.toUpperCase() } }, params: { token: token! } });
    expect(r.status).toBe(200);
    expect((await membershipOf(ws, invitee.id))?.role).toBe("member");
  });

  it("refuses an expired invitation with 410", async () => {
    const ws = await createWorkspace("inv-expired");
    const invitee = await createUser("inv-late");
    const { token, body } = await invite(ws, ws.owner, invitee.email);
    await ws.ctx.db.invitation.update({ where: { id: body.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const r = await accept(token!, invitee);
    expect(r.status).toBe(410);
    expect(r.body.error.code).toBe("gone");
    expect(r.body.error.message).toMatch(/expired/);
    expect(await membershipOf(ws, invitee.id)).toBeNull();
  });

  it("refuses a revoked invitation with 410", async () => {
    const ws = await createWorkspace("inv-revoked");
    const invitee = await createUser("inv-revokee");
    const { token, body } = await invite(ws, ws.owner, invitee.email);
    const del = await callRoute(invitationRoute.DELETE, { method: "DELETE", as: as.user(ws.members.admin), params: { ws: ws.slug, id: body.id } });
    expect(del.status).toBe(204);
    expect(await ws.ctx.db.auditEvent.count({ where: { action: "invitation.revoked", targetId: body.id } })).toBe(1);

    const r = await accept(token!, invitee);
    expect(r.status).toBe(410);
    expect(r.body.error.message).toMatch(/revoked/);
    expect(await membershipOf(ws, invitee.id)).toBeNull();
  });

  it("refuses a signed-in user with another email (403) and leaves the invitation usable", async () => {
    const ws = await createWorkspace("inv-wrong-user");
    const invitee = await createUser("inv-right");
    const intruder = await createUser("inv-intruder");
    const { token, body } = await invite(ws, ws.owner, invitee.email);

    const r = await accept(token!, intruder);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("forbidden");
    expect(await membershipOf(ws, intruder.id)).toBeNull();
    expect((await ws.ctx.db.invitation.findFirstOrThrow({ where: { id: body.id } })).acceptedAt).toBeNull();

    expect((await accept(token!, invitee)).status).toBe(200);
  });

  it("answers 404 for an unknown token, 422 for a malformed one and 401 when signed out", async () => {
    const ws = await createWorkspace("inv-tokens");
    const invitee = await createUser("inv-token-user");
    const { token } = await invite(ws, ws.owner, invitee.email);

    const unknown = await accept("A".repeat(43), invitee);
    expect(unknown.status).toBe(404);
    const malformed = await accept("not a token!", invitee);
    expect(malformed.status).toBe(422);
    const signedOut = await callRoute(acceptRoute.POST, { method: "POST", as: null, params: { token: token! } });
    expect(signedOut.status).toBe(401);
    expect(signedOut.body.error.code).toBe("unauthorized");
    // Hashing is what finds it: the hash itself is not a token that works.
    const byHash = await accept(sha256(token!), invitee);
    expect(byHash.status).not.toBe(200);
    expect(await membershipOf(ws, invitee.id)).toBeNull();
  });

  it("does not let a viewer or a member create or list invitations (403)", async () => {
    const ws = await createWorkspace("inv-forbidden");
    const before = await ws.ctx.db.invitation.count();
    for (const caller of [ws.members.viewer, ws.members.member]) {
      const r = await invite(ws, caller, "someone@example.com");
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe("forbidden");
      const list = await callRoute(invitationsRoute.GET, { as: as.user(caller), params: { ws: ws.slug } });
      expect(list.status).toBe(403);
    }
    expect(await ws.ctx.db.invitation.count()).toBe(before);
  });

  it("does not let an admin invite an owner (403), but an owner can", async () => {
    const ws = await createWorkspace("inv-owner-role");
    const r = await invite(ws, ws.members.admin, "future-owner@example.com", "owner");
    expect(r.status).toBe(403);
    expect(await ws.ctx.db.invitation.count({ where: { email: "future-owner@example.com" } })).toBe(0);
    const ok = await invite(ws, ws.owner, "future-owner@example.com", "owner");
    expect(ok.status).toBe(201);
  });

  it("revokes the earlier pending invitation when the same email is invited again", async () => {
    const ws = await createWorkspace("inv-reinvite");
    const invitee = await createUser("inv-twice");
    const first = await invite(ws, ws.owner, invitee.email, "viewer");
    const second = await invite(ws, ws.owner, invitee.email, "member");
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);

    const rows = await ws.ctx.db.invitation.findMany({ where: { email: invitee.email }, orderBy: { createdAt: "asc" } });
    expect(rows).toHaveLength(2);
    expect(rows.find((i) => i.id === first.body.id)?.revokedAt).not.toBeNull();
    expect(rows.find((i) => i.id === second.body.id)?.revokedAt).toBeNull();

    expect((await accept(first.token!, invitee)).status).toBe(410);
    const ok = await accept(second.token!, invitee);
    expect(ok.status).toBe(200);
    expect((await membershipOf(ws, invitee.id))?.role).toBe("member");
  });

  it("refuses to invite someone who is already a member (409)", async () => {
    const ws = await createWorkspace("inv-existing");
    const r = await invite(ws, ws.owner, ws.members.viewer.email);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("conflict");
    expect(r.body.error.message).toContain(ws.members.viewer.email);
    expect(await ws.ctx.db.invitation.count({ where: { email: ws.members.viewer.email } })).toBe(0);
  });

  it("refuses an invalid email with 422 naming the field", async () => {
    const ws = await createWorkspace("inv-bad-email");
    const r = await invite(ws, ws.owner, "not-an-email");
    expect(r.status).toBe(422);
    expect(r.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: "email" })]));
  });

  it("does not let an API key accept an invitation (403)", async () => {
    const ws = await createWorkspace("inv-key");
    const invitee = await createUser("inv-key-user");
    const { token } = await invite(ws, ws.owner, invitee.email);
    const { key } = await createTestApiKey(ws, "admin");
    const r = await callRoute(acceptRoute.POST, { method: "POST", as: as.apiKey(key), params: { token: token! } });
    expect(r.status).toBe(403);
    expect(await membershipOf(ws, invitee.id)).toBeNull();
  });

  it("cannot revoke another workspace's invitation (404), nor an accepted one (409)", async () => {
    const ws = await createWorkspace("inv-revoke-a");
    const other = await createWorkspace("inv-revoke-b");
    const invitee = await createUser("inv-revoke-user");
    const theirs = await invite(other, other.owner, invitee.email);
    const r = await callRoute(invitationRoute.DELETE, { method: "DELETE", as: as.user(ws.owner), params: { ws: ws.slug, id: theirs.body.id } });
    expect(r.status).toBe(404);
    expect((await other.ctx.db.invitation.findFirstOrThrow({ where: { id: theirs.body.id } })).revokedAt).toBeNull();

    expect((await accept(theirs.token!, invitee)).status).toBe(200);
    const accepted = await callRoute(invitationRoute.DELETE, { method: "DELETE", as: as.user(other.owner), params: { ws: other.slug, id: theirs.body.id } });
    expect(accepted.status).toBe(409);
  });
});
