import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import type { ScopedTx } from "@/lib/db/scoped";
import type { Role } from "@/lib/generated/prisma/enums";
import { listResponse, parseEqFilter, parsePatch, SCIM, ScimError } from "@/lib/scim/protocol";
import { NotFoundError } from "@/lib/errors";
import { recordAuditEvent } from "../audit/record-audit-event";
import { syncMembership } from "./users";

/**
 * SCIM Groups (docs/decisions/0019-enterprise-sso-plan.md): the identity
 * provider pushes groups and their members; an admin maps a group to a
 * workspace role, and each provisioned person gets the highest role of their
 * groups. Every change of membership or mapping re-syncs the people it touches.
 */

const GROUP_INCLUDE = { members: { select: { user: { select: { id: true, userName: true } } } } } as const;
type Db = ScopedTx | WorkspaceContext["db"];

function groupResource(row: { id: string; displayName: string; externalId: string | null; createdAt: Date; updatedAt: Date; members: { user: { id: string; userName: string } }[] }, base: string) {
  return {
    schemas: [SCIM.group],
    id: row.id,
    displayName: row.displayName,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    members: row.members.map((m) => ({ value: m.user.id, display: m.user.userName })),
    meta: { resourceType: "Group", created: row.createdAt.toISOString(), lastModified: row.updatedAt.toISOString(), location: `${base}/Groups/${row.id}` },
  };
}

async function findGroup(db: Db, id: string) {
  const row = await (db as ScopedTx).scimGroup.findFirst({ where: { id }, include: GROUP_INCLUDE });
  if (!row) throw new ScimError(404, `Group ${id} not found.`);
  return row;
}

export async function getScimGroup(ctx: WorkspaceContext, id: string, base: string) {
  return groupResource(await findGroup(ctx.db, id), base);
}

export async function listScimGroups(ctx: WorkspaceContext, params: URLSearchParams, base: string, paging: { startIndex: number; count: number }) {
  const filter = parseEqFilter(params.get("filter"), ["displayName", "externalId", "id"]);
  const where = filter ? { [filter.attribute]: filter.value } : {};
  const excluded = (params.get("excludedAttributes") ?? "").toLowerCase().split(",").includes("members");
  const [total, rows] = await Promise.all([
    ctx.db.scimGroup.count({ where }),
    ctx.db.scimGroup.findMany({ where, include: GROUP_INCLUDE, orderBy: { createdAt: "asc" }, skip: paging.startIndex - 1, take: paging.count }),
  ]);
  return listResponse(rows.map((r) => (excluded ? { ...groupResource(r, base), members: undefined } : groupResource(r, base))), total, paging.startIndex);
}

function memberIds(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.map((m) => {
    const id = (m as { value?: unknown })?.value;
    if (typeof id !== "string") throw new ScimError(400, "Each member needs a value: the SCIM id of a user.", "invalidValue");
    return id;
  });
}

/** Sets who is in the group, then re-syncs the people who joined or left. */
async function setMembers(tx: ScopedTx, ctx: WorkspaceContext, groupId: string, next: Set<string>): Promise<string[]> {
  const current = new Set((await tx.scimGroupMember.findMany({ where: { groupId }, select: { scimUserId: true } })).map((m) => m.scimUserId));
  const added = [...next].filter((id) => !current.has(id));
  const removed = [...current].filter((id) => !next.has(id));
  if (added.length) {
    const known = await tx.scimUser.count({ where: { id: { in: added } } });
    if (known !== added.length) throw new ScimError(400, "A member is not a user of this workspace.", "invalidValue");
    await tx.scimGroupMember.createMany({ data: added.map((scimUserId) => ({ workspaceId: ctx.workspace.id, groupId, scimUserId })) });
  }
  if (removed.length) await tx.scimGroupMember.deleteMany({ where: { groupId, scimUserId: { in: removed } } });
  for (const id of [...added, ...removed]) await syncMembership(tx, ctx, id);
  return [...added, ...removed];
}

async function save(ctx: WorkspaceContext, base: string, work: (tx: ScopedTx) => Promise<string>) {
  const id = await ctx.db.$transaction(work);
  return groupResource(await findGroup(ctx.db, id), base);
}

function displayNameOf(value: unknown): string {
  if (typeof value !== "string" || !value.trim() || value.length > 200) throw new ScimError(400, "displayName must be a string of 1 to 200 characters.", "invalidValue");
  return value.trim();
}

export async function createScimGroup(ctx: WorkspaceContext, body: Record<string, unknown>, base: string) {
  const displayName = displayNameOf(body.displayName);
  return save(ctx, base, async (tx) => {
    if (await tx.scimGroup.findFirst({ where: { displayName }, select: { id: true } })) throw new ScimError(409, `A group named ${displayName} already exists.`, "uniqueness");
    const group = await tx.scimGroup.create({ data: { workspaceId: ctx.workspace.id, displayName, externalId: typeof body.externalId === "string" ? body.externalId : null } });
    await recordAuditEvent(tx, ctx, { action: "scim.group_created", targetType: "scim_group", targetId: group.id, metadata: { displayName } });
    await setMembers(tx, ctx, group.id, new Set(memberIds(body.members)));
    return group.id;
  });
}

export async function replaceScimGroup(ctx: WorkspaceContext, id: string, body: Record<string, unknown>, base: string) {
  const displayName = displayNameOf(body.displayName);
  return save(ctx, base, async (tx) => {
    await findGroup(tx, id);
    await tx.scimGroup.update({ where: { id }, data: { displayName, ...(typeof body.externalId === "string" ? { externalId: body.externalId } : {}) } });
    const changed = await setMembers(tx, ctx, id, new Set(memberIds(body.members)));
    await recordAuditEvent(tx, ctx, { action: "scim.group_updated", targetType: "scim_group", targetId: id, metadata: { displayName, membersChanged: changed.length } });
    return id;
  });
}

/** PATCH as Okta and Entra ID send it: members added or removed (by path filter or value list), displayName replaced. */
export async function patchScimGroup(ctx: WorkspaceContext, id: string, body: Record<string, unknown>, base: string) {
  const ops = parsePatch(body);
  return save(ctx, base, async (tx) => {
    const group = await findGroup(tx, id);
    const members = new Set(group.members.map((m) => m.user.id));
    let displayName = group.displayName;
    for (const op of ops) {
      const filtered = op.path ? /^members\[value eq "([^"]+)"\]$/.exec(op.path) : null;
      if (filtered) {
        // Paths arrive lower-cased (parsePatch); SCIM ids are lower-case cuids.
        if (op.op === "remove") members.delete(filtered[1]!);
        else members.add(filtered[1]!);
      } else if (op.path === "members") {
        const ids = memberIds(op.value);
        if (op.op === "add") ids.forEach((m) => members.add(m));
        else if (op.op === "remove") (ids.length ? ids : [...members]).forEach((m) => members.delete(m));
        else {
          members.clear();
          ids.forEach((m) => members.add(m));
        }
      } else if (op.path === "displayname") {
        displayName = displayNameOf(op.value);
      } else if (op.path === null && op.value && typeof op.value === "object") {
        const value = op.value as Record<string, unknown>;
        if ("displayName" in value) displayName = displayNameOf(value.displayName);
        if ("members" in value) {
          const ids = memberIds(value.members);
          if (op.op === "replace") members.clear();
          ids.forEach((m) => (op.op === "remove" ? members.delete(m) : members.add(m)));
        }
      } else if (op.path !== "externalid") {
        throw new ScimError(400, `Unsupported PATCH path ${op.path}.`, "invalidSyntax");
      }
    }
    if (displayName !== group.displayName) await tx.scimGroup.update({ where: { id }, data: { displayName } });
    const changed = await setMembers(tx, ctx, id, members);
    await recordAuditEvent(tx, ctx, { action: "scim.group_updated", targetType: "scim_group", targetId: id, metadata: { displayName, membersChanged: changed.length } });
    return id;
  });
}

export async function deleteScimGroup(ctx: WorkspaceContext, id: string) {
  await ctx.db.$transaction(async (tx) => {
    const group = await findGroup(tx, id);
    await tx.scimGroup.delete({ where: { id } });
    for (const m of group.members) await syncMembership(tx, ctx, m.user.id);
    await recordAuditEvent(tx, ctx, { action: "scim.group_deleted", targetType: "scim_group", targetId: id, metadata: { displayName: group.displayName } });
  });
}

/** Admins map a pushed group to a role (or none): its members' roles follow at once. */
export async function mapScimGroup({ ctx, id, role }: { ctx: WorkspaceContext; id: string; role: Exclude<Role, "owner"> | null }) {
  return ctx.db.$transaction(async (tx) => {
    const group = await tx.scimGroup.findFirst({ where: { id }, include: GROUP_INCLUDE });
    if (!group) throw new NotFoundError("Group");
    await tx.scimGroup.update({ where: { id }, data: { role } });
    for (const m of group.members) await syncMembership(tx, ctx, m.user.id);
    await recordAuditEvent(tx, ctx, { action: "scim.group_mapped", targetType: "scim_group", targetId: id, metadata: { displayName: group.displayName, from: group.role, to: role } });
    return tx.scimGroup.findFirstOrThrow({ where: { id }, include: { _count: { select: { members: true } } } });
  });
}

export async function listGroupsForAdmin({ ctx }: { ctx: WorkspaceContext }) {
  return ctx.db.scimGroup.findMany({ orderBy: { displayName: "asc" }, include: { _count: { select: { members: true } } } });
}
