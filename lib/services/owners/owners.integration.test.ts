import { beforeAll, describe, expect, it } from "vitest";
import * as ownersRoute from "@/app/api/v1/workspaces/[ws]/owners/route";
import * as ownerRoute from "@/app/api/v1/workspaces/[ws]/owners/[id]/route";
import * as phasesRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/phases/route";
import * as itemsRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/items/route";
import * as itemRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/items/[key]/route";
import { as, createTestApiKey, createTestProject, createUser, createWorkspace, unique, type TestUser, type TestWorkspace } from "@/test/factories";
import { callRoute, type As } from "@/test/harness/call-route";

function who(caller: TestUser | As): As {
  return caller && "email" in caller ? as.user(caller) : caller;
}

function postOwner(ws: TestWorkspace, body: unknown, caller: TestUser | As = ws.owner) {
  return callRoute(ownersRoute.POST, { method: "POST", as: who(caller), params: { ws: ws.slug }, body });
}

async function newOwner(ws: TestWorkspace, body: Record<string, unknown>) {
  const r = await postOwner(ws, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; name: string; kind: string; userId: string | null; email: string | null; createdAt: string };
}

function patchOwner(ws: TestWorkspace, id: string, body: unknown, caller: TestUser | As = ws.owner) {
  return callRoute(ownerRoute.PATCH, { method: "PATCH", as: who(caller), params: { ws: ws.slug, id }, body });
}

function deleteOwner(ws: TestWorkspace, id: string, caller: TestUser | As = ws.owner) {
  return callRoute(ownerRoute.DELETE, { method: "DELETE", as: who(caller), params: { ws: ws.slug, id } });
}

async function listOwners(ws: TestWorkspace, caller: TestUser | As = ws.owner) {
  const r = await callRoute(ownersRoute.GET, { as: who(caller), params: { ws: ws.slug } });
  expect(r.status).toBe(200);
  return r.body.data as { id: string; name: string; kind: string; userId: string | null; email: string | null }[];
}

describe("owners API", () => {
  let ws: TestWorkspace;
  let other: TestWorkspace;

  beforeAll(async () => {
    ws = await createWorkspace("owners");
    other = await createWorkspace("owners-other");
  });

  it("creates team, vendor and agent owners (201), lists them by name, with audit events", async () => {
    const tag = unique("o");
    const team = await newOwner(ws, { name: `${tag} Platform team` });
    const vendor = await newOwner(ws, { name: `${tag} Acme Pentest`, kind: "vendor", email: "  Contact@ACME.example " });
    const agent = await newOwner(ws, { name: `${tag} Dependabot`, kind: "agent" });
    expect(team).toMatchObject({ kind: "team", userId: null, email: null });
    expect(vendor).toMatchObject({ kind: "vendor", email: "contact@acme.example" });
    expect(agent).toMatchObject({ kind: "agent" });
    expect(typeof team.createdAt).toBe("string");

    const mine = (await listOwners(ws, ws.members.viewer)).filter((o) => o.name.startsWith(tag));
    expect(mine.map((o) => o.name)).toEqual([`${tag} Acme Pentest`, `${tag} Dependabot`, `${tag} Platform team`]);
    expect((await listOwners(other)).map((o) => o.id)).not.toContain(team.id);

    const events = await ws.ctx.db.auditEvent.findMany({ where: { action: "owner.created", targetId: { in: [team.id, vendor.id, agent.id] } } });
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.actorUserId === ws.owner.id)).toBe(true);
  });

  it("refuses an invalid kind, a missing name, a bad email and unknown fields (422)", async () => {
    for (const [body, field] of [
      [{ name: "x", kind: "robot" }, "kind"],
      [{ kind: "team" }, "name"],
      [{ name: "   " }, "name"],
      [{ name: "x", email: "not-an-email" }, "email"],
      [{ name: "x", workspaceId: other.id }, "(body)"],
    ] as const) {
      const r = await postOwner(ws, body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.body.error.code).toBe("validation_failed");
      expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
    expect(await other.ctx.db.owner.count({ where: { name: "x" } })).toBe(0);
  });

  it("refuses a duplicate name, whatever its case (409), on create and on rename", async () => {
    const name = unique("Security Team");
    const first = await newOwner(ws, { name });
    const before = await ws.ctx.db.owner.count();
    for (const clash of [name.toLowerCase(), name.toUpperCase(), `  ${name}  `]) {
      const r = await postOwner(ws, { name: clash, kind: "vendor" });
      expect(r.status, clash).toBe(409);
      expect(r.body.error.code).toBe("conflict");
      expect(r.body.error.message).toContain(name);
    }
    expect(await ws.ctx.db.owner.count()).toBe(before);

    const second = await newOwner(ws, { name: unique("Ops") });
    const rename = await patchOwner(ws, second.id, { name: name.toLowerCase() });
    expect(rename.status).toBe(409);
    expect((await listOwners(ws)).find((o) => o.id === second.id)!.name).toBe(second.name);

    // Changing the case of one's own name is fine.
    const recased = await patchOwner(ws, first.id, { name: name.toUpperCase() });
    expect(recased.status).toBe(200);
    expect(recased.body.name).toBe(name.toUpperCase());

    // Another workspace may use the same name.
    expect((await postOwner(other, { name }, other.owner)).status).toBe(201);
  });

  it("links an owner to a member (kind member) and refuses a user who is not a member (422)", async () => {
    const member = ws.members.member;
    const linked = await newOwner(ws, { name: unique("Linked"), kind: "vendor", userId: member.id });
    expect(linked).toMatchObject({ kind: "member", userId: member.id });

    const outsider = await createUser("owners-outsider");
    for (const userId of [outsider.id, other.members.admin.id, "no-such-user"]) {
      const r = await postOwner(ws, { name: unique("Outsider"), userId });
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe("validation_failed");
      expect(r.body.error.details).toEqual([expect.objectContaining({ path: "userId" })]);
    }
    expect(await ws.ctx.db.owner.count({ where: { userId: { in: [outsider.id, other.members.admin.id] } } })).toBe(0);

    // Linking later through PATCH makes it a member owner; a non-member is refused there too.
    const team = await newOwner(ws, { name: unique("Later linked") });
    const refused = await patchOwner(ws, team.id, { userId: outsider.id });
    expect(refused.status).toBe(422);
    expect((await listOwners(ws)).find((o) => o.id === team.id)).toMatchObject({ kind: "team", userId: null });
    const ok = await patchOwner(ws, team.id, { userId: ws.members.admin.id });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ kind: "member", userId: ws.members.admin.id });

    // One owner per member.
    const twice = await postOwner(ws, { name: unique("Twice"), userId: member.id });
    expect(twice.status).toBe(409);
  });

  it("turns an owner unlinked from its member into a named team owner", async () => {
    const ws = await createWorkspace("owners-unlink");
    const linked = await newOwner(ws, { name: unique("Linked"), userId: ws.members.member.id });
    expect(linked.kind).toBe("member");
    const r = await patchOwner(ws, linked.id, { userId: null });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ userId: null, kind: "team" });
    const vendor = await patchOwner(ws, linked.id, { userId: null, kind: "vendor" });
    expect(vendor.body.kind).toBe("vendor");
  });

  it("unassigns items and phases when their owner is deleted (204), with an audit event", async () => {
    const project = await createTestProject(ws);
    const doomed = await newOwner(ws, { name: unique("Doomed") });
    const survivor = await newOwner(ws, { name: unique("Survivor") });
    const phase = await callRoute(phasesRoute.POST, { method: "POST", as: as.user(ws.owner), params: { ws: ws.slug, project: project.slug }, body: { name: "Owned phase", defaultOwnerId: doomed.id } });
    expect(phase.status).toBe(201);
    const keys: string[] = [];
    for (const ownerId of [doomed.id, doomed.id, survivor.id]) {
      const r = await callRoute(itemsRoute.POST, { method: "POST", as: as.user(ws.owner), params: { ws: ws.slug, project: project.slug }, body: { title: unique("Owned"), ownerId } });
      expect(r.status).toBe(201);
      keys.push(r.body.key);
    }

    const r = await deleteOwner(ws, doomed.id, ws.members.member);
    expect(r.status).toBe(204);
    expect((await listOwners(ws)).map((o) => o.id)).not.toContain(doomed.id);

    const owners = [];
    for (const key of keys) {
      const item = await callRoute(itemRoute.GET, { as: as.user(ws.owner), params: { ws: ws.slug, project: project.slug, key } });
      expect(item.status).toBe(200);
      owners.push(item.body.owner?.id ?? null);
    }
    expect(owners).toEqual([null, null, survivor.id]);
    const phases = await callRoute(phasesRoute.GET, { as: as.user(ws.owner), params: { ws: ws.slug, project: project.slug } });
    expect(phases.body.data[0]).toMatchObject({ name: "Owned phase", defaultOwner: null });
    const unassigned = await callRoute(itemsRoute.GET, { as: as.user(ws.owner), params: { ws: ws.slug, project: project.slug }, url: "/api/x?owner=none" });
    expect(unassigned.body.data.map((i: { key: string }) => i.key)).toEqual(keys.slice(0, 2));

    const events = await ws.ctx.db.auditEvent.findMany({ where: { action: "owner.deleted", targetId: doomed.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorUserId: ws.members.member.id, metadata: { name: doomed.name } });

    expect((await deleteOwner(ws, doomed.id)).status).toBe(404);
  });

  it("answers 404 for another workspace's owner id and leaves it unchanged", async () => {
    const foreign = (await postOwner(other, { name: unique("Theirs") }, other.owner)).body;
    for (const id of [foreign.id, "does-not-exist"]) {
      const p = await patchOwner(ws, id, { name: "Hijacked" });
      expect(p.status).toBe(404);
      expect(p.body.error.code).toBe("not_found");
      const d = await deleteOwner(ws, id);
      expect(d.status).toBe(404);
      expect(d.body.error.code).toBe("not_found");
    }
    // Also through an admin API key of this workspace.
    const key = as.apiKey((await createTestApiKey(ws, "admin")).key);
    expect((await patchOwner(ws, foreign.id, { name: "Hijacked" }, key)).status).toBe(404);
    expect((await deleteOwner(ws, foreign.id, key)).status).toBe(404);
    expect((await listOwners(other, other.owner)).find((o) => o.id === foreign.id)).toMatchObject({ name: foreign.name });
  });

  it("lets a viewer and a read API key list owners but not write (403)", async () => {
    const owner = await newOwner(ws, { name: unique("Guarded") });
    const readKey = as.apiKey((await createTestApiKey(ws, "read")).key);
    for (const caller of [ws.members.viewer, readKey] as const) {
      expect((await listOwners(ws, caller)).map((o) => o.id)).toContain(owner.id);
      for (const r of [await postOwner(ws, { name: unique("Nope") }, caller), await patchOwner(ws, owner.id, { name: "Nope" }, caller), await deleteOwner(ws, owner.id, caller)]) {
        expect(r.status).toBe(403);
        expect(r.body.error.code).toBe("forbidden");
      }
    }
    expect((await listOwners(ws)).find((o) => o.id === owner.id)!.name).toBe(owner.name);
    const writeKey = as.apiKey((await createTestApiKey(ws, "write")).key);
    expect((await postOwner(ws, { name: unique("By key"), kind: "agent" }, writeKey)).status).toBe(201);
  });
});
