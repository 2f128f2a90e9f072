import { beforeAll, describe, expect, it } from "vitest";
import { createTestApiKey, createTestProject, createWorkspace, unique, type TestWorkspace } from "@/test/factories";
import { ScopeViolationError } from "./scoped";

/**
 * The scoped client of workspace A, aimed at workspace B's rows by every means a
 * caller controls (B's ids, `workspaceId: B` in `where` or `data`), must neither
 * see nor change them.
 */
let a: TestWorkspace;
let b: TestWorkspace;
let aProject: { id: string; slug: string };
let bProject: { id: string; slug: string; name: string; keyPrefix: string };
let bKeyId: string;

beforeAll(async () => {
  a = await createWorkspace("scope-a");
  b = await createWorkspace("scope-b");
  aProject = await createTestProject(a);
  bProject = await createTestProject(b);
  bKeyId = (await createTestApiKey(b, "admin")).id;
});

function prefix(): string {
  return `S${Math.random().toString(36).slice(2, 8).toUpperCase().replace(/[^A-Z0-9]/g, "X")}`;
}

async function bUnchanged() {
  const project = await b.ctx.db.project.findFirstOrThrow({ where: { id: bProject.id } });
  expect(project).toMatchObject({ workspaceId: b.id, name: bProject.name, slug: bProject.slug });
  expect(await b.ctx.db.membership.count()).toBe(4);
  expect((await b.ctx.db.apiKey.findFirstOrThrow({ where: { id: bKeyId } })).revokedAt).toBeNull();
}

describe("reads", () => {
  it("does not find B's row by its id", async () => {
    expect(await a.ctx.db.project.findUnique({ where: { id: bProject.id } })).toBeNull();
    expect(await a.ctx.db.project.findFirst({ where: { id: bProject.id } })).toBeNull();
    expect(await a.ctx.db.project.findMany({ where: { id: bProject.id } })).toEqual([]);
    await expect(a.ctx.db.project.findUniqueOrThrow({ where: { id: bProject.id } })).rejects.toMatchObject({ code: "P2025" });
    await expect(a.ctx.db.project.findFirstOrThrow({ where: { id: bProject.id } })).rejects.toMatchObject({ code: "P2025" });
    // B's own client finds it, so the row is there.
    expect(await b.ctx.db.project.findUnique({ where: { id: bProject.id } })).not.toBeNull();
  });

  it("ignores `workspaceId: B` in where", async () => {
    expect(await a.ctx.db.project.findFirst({ where: { id: bProject.id, workspaceId: b.id } })).toBeNull();
    const rows = await a.ctx.db.project.findMany({ where: { workspaceId: b.id } });
    expect(rows.map((r) => r.id)).not.toContain(bProject.id);
    expect(rows.every((r) => r.workspaceId === a.id)).toBe(true);
    const members = await a.ctx.db.membership.findMany({ where: { workspaceId: b.id } });
    expect(members.every((m) => m.workspaceId === a.id)).toBe(true);
    expect(members.map((m) => m.userId)).not.toContain(b.owner.id);
    expect(await a.ctx.db.membership.findFirst({ where: { workspaceId: b.id, userId: b.owner.id } })).toBeNull();
  });

  it("finds B's rows through a compound unique key neither", async () => {
    const viaCompound = await a.ctx.db.project.findUnique({ where: { workspaceId_slug: { workspaceId: b.id, slug: bProject.slug } } });
    expect(viaCompound).toBeNull();
    const member = await a.ctx.db.membership.findUnique({ where: { workspaceId_userId: { workspaceId: b.id, userId: b.owner.id } } });
    expect(member).toBeNull();
  });

  it("counts, aggregates and groups only A's rows", async () => {
    expect(await a.ctx.db.project.count({ where: { id: bProject.id } })).toBe(0);
    expect(await a.ctx.db.project.count({ where: { id: bProject.id, workspaceId: b.id } })).toBe(0);
    expect(await a.ctx.db.membership.count({ where: { userId: b.owner.id } })).toBe(0);
    expect(await a.ctx.db.membership.count({ where: { workspaceId: b.id, userId: { in: Object.values(b.members).map((u) => u.id) } } })).toBe(0);
    expect(await a.ctx.db.membership.count()).toBe(4);
    const agg = await a.ctx.db.apiKey.aggregate({ where: { workspaceId: b.id, id: bKeyId }, _count: { _all: true } });
    expect(agg._count._all).toBe(0);
    const groups = await a.ctx.db.membership.groupBy({ by: ["workspaceId"], _count: { _all: true } });
    expect(groups).toEqual([{ workspaceId: a.id, _count: { _all: 4 } }]);
  });

  it("narrows `workspace` to A's own row", async () => {
    const all = await a.ctx.db.workspace.findMany({});
    expect(all.map((w) => w.id)).toEqual([a.id]);
    expect(await a.ctx.db.workspace.findMany({ where: { id: b.id } })).not.toContainEqual(expect.objectContaining({ id: b.id }));
    expect(await a.ctx.db.workspace.findFirst({ where: { slug: b.slug } })).toBeNull();
    expect(await a.ctx.db.workspace.count()).toBe(1);
  });

  it("stays scoped inside an interactive transaction", async () => {
    const rows = await a.ctx.db.$transaction(async (tx) => tx.project.findMany({ where: { workspaceId: b.id } }));
    expect(rows.map((r) => r.id)).not.toContain(bProject.id);
    expect(await a.ctx.db.$transaction(async (tx) => tx.apiKey.findFirst({ where: { id: bKeyId } }))).toBeNull();
  });
});

describe("writes", () => {
  it("cannot update B's row by id, even naming workspaceId B", async () => {
    await expect(a.ctx.db.project.update({ where: { id: bProject.id }, data: { name: "Hijacked" } })).rejects.toMatchObject({ code: "P2025" });
    await expect(a.ctx.db.apiKey.update({ where: { id: bKeyId, workspaceId: b.id }, data: { revokedAt: new Date() } })).rejects.toMatchObject({ code: "P2025" });
    const many = await a.ctx.db.project.updateMany({ where: { id: bProject.id, workspaceId: b.id }, data: { name: "Hijacked" } });
    expect(many.count).toBe(0);
    const returned = await a.ctx.db.project.updateManyAndReturn({ where: { id: bProject.id }, data: { name: "Hijacked" } });
    expect(returned).toEqual([]);
    await bUnchanged();
  });

  it("cannot move A's row into B through data.workspaceId", async () => {
    const updated = await a.ctx.db.project.update({ where: { id: aProject.id }, data: { workspaceId: b.id, description: "moved?" } });
    expect(updated.workspaceId).toBe(a.id);
    expect(await b.ctx.db.project.findFirst({ where: { id: aProject.id } })).toBeNull();
    const many = await a.ctx.db.project.updateMany({ where: { id: aProject.id }, data: { workspaceId: b.id } });
    expect(many.count).toBe(1);
    expect((await a.ctx.db.project.findFirstOrThrow({ where: { id: aProject.id } })).workspaceId).toBe(a.id);
  });

  it("cannot delete B's rows", async () => {
    await expect(a.ctx.db.project.delete({ where: { id: bProject.id } })).rejects.toMatchObject({ code: "P2025" });
    expect((await a.ctx.db.project.deleteMany({ where: { id: bProject.id } })).count).toBe(0);
    expect((await a.ctx.db.membership.deleteMany({ where: { workspaceId: b.id, userId: b.members.viewer.id } })).count).toBe(0);
    expect((await a.ctx.db.apiKey.deleteMany({ where: { id: bKeyId, workspaceId: b.id } })).count).toBe(0);
    await bUnchanged();
  });

  it("cannot change workspace B or create workspaces", async () => {
    const before = await b.ctx.db.workspace.findFirstOrThrow({});
    const result = await a.ctx.db.workspace.updateMany({ where: { id: b.id }, data: { domainAutoJoin: true } });
    expect(result.count).toBeLessThanOrEqual(1);
    const after = await b.ctx.db.workspace.findFirstOrThrow({});
    expect(after.domainAutoJoin).toBe(before.domainAutoJoin);
    expect(after.name).toBe(before.name);
    await expect(a.ctx.db.workspace.create({ data: { slug: unique("sneaky"), name: "Sneaky" } })).rejects.toBeInstanceOf(ScopeViolationError);
  });

  it("creates in A even when data says workspaceId B", async () => {
    const slug = unique("planted");
    const created = await a.ctx.db.project.create({ data: { workspaceId: b.id, slug, name: "Planted", keyPrefix: prefix() } });
    expect(created.workspaceId).toBe(a.id);
    expect(await b.ctx.db.project.findFirst({ where: { slug } })).toBeNull();
    expect(await a.ctx.db.project.findFirst({ where: { slug } })).not.toBeNull();
  });

  it("creates many in A even when every row says workspaceId B", async () => {
    const action = unique("planted.audit");
    const result = await a.ctx.db.auditEvent.createMany({
      data: [
        { workspaceId: b.id, action, targetType: "test" },
        { workspaceId: b.id, action, targetType: "test" },
      ],
    });
    expect(result.count).toBe(2);
    expect(await b.ctx.db.auditEvent.count({ where: { action } })).toBe(0);
    expect(await a.ctx.db.auditEvent.count({ where: { action } })).toBe(2);

    const returned = await a.ctx.db.auditEvent.createManyAndReturn({ data: [{ workspaceId: b.id, action, targetType: "test" }] });
    expect(returned.map((r) => r.workspaceId)).toEqual([a.id]);
  });

  it("upserts in A: B's compound key neither matches nor updates B's row", async () => {
    const row = await a.ctx.db.project.upsert({
      where: { workspaceId_slug: { workspaceId: b.id, slug: bProject.slug } },
      create: { workspaceId: b.id, slug: bProject.slug, name: "Upserted", keyPrefix: prefix() },
      update: { name: "Hijacked" },
    });
    expect(row.workspaceId).toBe(a.id);
    expect(row.id).not.toBe(bProject.id);
    expect(row.name).toBe("Upserted");
    await bUnchanged();
  });
});

describe("global identity models", () => {
  it.each([
    ["account.findMany", (t: TestWorkspace) => t.ctx.db.account.findMany({})],
    ["account.findFirst", (t: TestWorkspace) => t.ctx.db.account.findFirst({ where: { userId: t.owner.id } })],
    ["account.create", (t: TestWorkspace) => t.ctx.db.account.create({ data: { userId: t.owner.id, type: "oidc", provider: "evil", providerAccountId: unique("acct") } })],
    ["account.deleteMany", (t: TestWorkspace) => t.ctx.db.account.deleteMany({})],
    ["session.findMany", (t: TestWorkspace) => t.ctx.db.session.findMany({})],
    ["session.count", (t: TestWorkspace) => t.ctx.db.session.count()],
    ["session.create", (t: TestWorkspace) => t.ctx.db.session.create({ data: { userId: t.owner.id, sessionToken: unique("tok"), expires: new Date(Date.now() + 60_000) } })],
    ["session.deleteMany", (t: TestWorkspace) => t.ctx.db.session.deleteMany({})],
    ["verificationToken.findMany", (t: TestWorkspace) => t.ctx.db.verificationToken.findMany({})],
  ])("refuses %s with ScopeViolationError", async (_name, run) => {
    await expect(run(a)).rejects.toBeInstanceOf(ScopeViolationError);
  });

  it.each([
    ["user.update", (t: TestWorkspace) => t.ctx.db.user.update({ where: { id: b.owner.id }, data: { name: "Hijacked" } })],
    ["user.updateMany", (t: TestWorkspace) => t.ctx.db.user.updateMany({ data: { name: "Hijacked" } })],
    ["user.create", (t: TestWorkspace) => t.ctx.db.user.create({ data: { email: `${unique("new")}@evil.test` } })],
    ["user.upsert", (t: TestWorkspace) => t.ctx.db.user.upsert({ where: { email: t.owner.email }, create: { email: t.owner.email }, update: { name: "Hijacked" } })],
    ["user.delete", (t: TestWorkspace) => t.ctx.db.user.delete({ where: { id: b.owner.id } })],
    ["user.deleteMany", (t: TestWorkspace) => t.ctx.db.user.deleteMany({})],
  ])("refuses %s with ScopeViolationError", async (_name, run) => {
    await expect(run(a)).rejects.toBeInstanceOf(ScopeViolationError);
  });

  it("leaves users unchanged after the refused writes, and reads only the workspace's own members", async () => {
    const own = await a.ctx.db.user.findFirst({ where: { id: a.owner.id } });
    expect(own?.email).toBe(a.owner.email);
    expect(own?.name).not.toBe("Hijacked");
    expect(await a.ctx.db.user.findFirst({ where: { id: b.owner.id } })).toBeNull();
    const everyone = await a.ctx.db.user.findMany({});
    expect(everyone.map((u) => u.id).sort()).toEqual(Object.values(a.members).map((u) => u.id).sort());
  });

  it("refuses to follow a user's relations, at the top level or nested in another model", async () => {
    await expect(a.ctx.db.user.findFirst({ where: { id: a.owner.id }, include: { memberships: true } })).rejects.toThrow(ScopeViolationError);
    await expect(
      a.ctx.db.membership.findMany({ include: { user: { include: { memberships: { include: { workspace: { include: { projects: true } } } } } } } }),
    ).rejects.toThrow(ScopeViolationError);
    await expect(a.ctx.db.membership.findMany({ where: { user: { memberships: { some: { workspaceId: b.id } } } } })).rejects.toThrow(ScopeViolationError);
    // Reading a member's own fields through a relation is fine.
    const rows = await a.ctx.db.membership.findMany({ include: { user: { select: { email: true } } } });
    expect(rows).toHaveLength(4);
  });

  it("refuses nested writes and raw SQL", async () => {
    const project = await a.ctx.db.project.findFirst({});
    if (project) {
      await expect(
        a.ctx.db.project.update({ where: { id: project.id }, data: { phases: { create: { name: "x", position: 0, workspaceId: b.id } } } as never }),
      ).rejects.toThrow(ScopeViolationError);
    }
    await expect(a.ctx.db.phase.create({ data: { name: "x", position: 0, project: { connect: { id: "anything" } } } as never })).rejects.toThrow(ScopeViolationError);
    await expect((a.ctx.db as unknown as { $queryRawUnsafe: (sql: string) => Promise<unknown> }).$queryRawUnsafe('select * from "Project"')).rejects.toThrow(ScopeViolationError);
  });

  it("combines a caller's conflicting filter with the scope instead of replacing it", async () => {
    const before = await a.ctx.db.workspace.count();
    const deleted = await a.ctx.db.workspace.deleteMany({ where: { id: b.id } });
    expect(deleted.count).toBe(0);
    expect(await a.ctx.db.workspace.count()).toBe(before);
    const none = await a.ctx.db.membership.deleteMany({ where: { workspaceId: b.id } });
    expect(none.count).toBe(0);
    expect(await a.ctx.db.membership.count()).toBe(4);
  });
});
