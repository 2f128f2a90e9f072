import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { ensureUser } from "@/lib/db/global/identity";
import { endSessionsOf } from "@/lib/db/global/sso";
import type { ScopedTx } from "@/lib/db/scoped";
import type { Role } from "@/lib/generated/prisma/enums";
import { listResponse, parseEqFilter, parsePatch, SCIM, scimBoolean, ScimError, type PatchOperation } from "@/lib/scim/protocol";
import { email as emailSchema } from "@/lib/validation/common";
import { recordAuditEvent } from "../audit/record-audit-event";

/**
 * SCIM Users (docs/decisions/0019-enterprise-sso-plan.md): the identity
 * provider creates, changes, deactivates and deletes the workspace's people.
 * An active SCIM user is a member with the highest role of their mapped
 * groups (or the default); deactivated or deleted, the membership goes and
 * every session of theirs ends. userName must be an address in a domain the
 * workspace verified: the IdP provisions its own people only.
 */

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };
const USER_INCLUDE = { groups: { select: { group: { select: { id: true, displayName: true } } } } } as const;

type ScimUserRow = NonNullable<Awaited<ReturnType<ScopedTx["scimUser"]["findFirst"]>>> & { groups: { group: { id: string; displayName: string } }[] };

export function userResource(row: ScimUserRow, base: string) {
  const formatted = [row.givenName, row.familyName].filter(Boolean).join(" ") || null;
  return {
    schemas: [SCIM.user],
    id: row.id,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    userName: row.userName,
    name: { ...(row.givenName ? { givenName: row.givenName } : {}), ...(row.familyName ? { familyName: row.familyName } : {}), ...(formatted ? { formatted } : {}) },
    ...(row.displayName ? { displayName: row.displayName } : {}),
    emails: [{ value: row.userName, type: "work", primary: true }],
    active: row.active,
    groups: row.groups.map((g) => ({ value: g.group.id, display: g.group.displayName })),
    meta: { resourceType: "User", created: row.createdAt.toISOString(), lastModified: row.updatedAt.toISOString(), location: `${base}/Users/${row.id}` },
  };
}

interface UserFields {
  userName?: string;
  externalId?: string | null;
  active?: boolean;
  givenName?: string | null;
  familyName?: string | null;
  displayName?: string | null;
}

const text = (value: unknown, attribute: string, max = 254): string | null => {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value !== "string" || value.length > max) throw new ScimError(400, `${attribute} must be a string of at most ${max} characters.`, "invalidValue");
  return value.trim() || null;
};

/** The fields of a User resource as POST and PUT send them. */
function fieldsOfResource(body: Record<string, unknown>): UserFields {
  const name = (body.name ?? {}) as Record<string, unknown>;
  return {
    userName: String(body.userName ?? ""),
    externalId: text(body.externalId, "externalId"),
    active: body.active === undefined ? true : scimBoolean(body.active, "active"),
    givenName: text(name.givenName, "name.givenName", 120),
    familyName: text(name.familyName, "name.familyName", 120),
    displayName: text(body.displayName, "displayName", 120),
  };
}

/** The fields a PATCH changes, from either shape: `{path, value}` or a value object without a path. */
function fieldsOfPatch(ops: PatchOperation[]): UserFields {
  const fields: UserFields = {};
  const apply = (path: string, value: unknown, remove: boolean) => {
    if (path === "active") fields.active = remove ? false : scimBoolean(value, "active");
    else if (path === "username") fields.userName = String(value ?? "");
    else if (path === "externalid") fields.externalId = remove ? null : text(value, "externalId");
    else if (path === "displayname") fields.displayName = remove ? null : text(value, "displayName", 120);
    else if (path === "name.givenname") fields.givenName = remove ? null : text(value, "name.givenName", 120);
    else if (path === "name.familyname") fields.familyName = remove ? null : text(value, "name.familyName", 120);
    else if (path === "name" && value && typeof value === "object") {
      const name = value as Record<string, unknown>;
      if ("givenName" in name) fields.givenName = text(name.givenName, "name.givenName", 120);
      if ("familyName" in name) fields.familyName = text(name.familyName, "name.familyName", 120);
    } else if (/^emails(\[.*\])?(\.value)?$/.test(path)) {
      const first = Array.isArray(value) ? (value[0] as { value?: unknown })?.value : typeof value === "object" && value ? (value as { value?: unknown }).value : value;
      if (typeof first === "string" && !remove) fields.userName = first;
    }
    // Attributes Readyroom does not keep (title, locale, enterprise extension…) are accepted and ignored.
  };
  for (const op of ops) {
    if (op.path) apply(op.path, op.value, op.op === "remove");
    else if (op.value && typeof op.value === "object" && !Array.isArray(op.value)) {
      for (const [key, value] of Object.entries(op.value as Record<string, unknown>)) apply(key.toLowerCase(), value, op.op === "remove");
    } else throw new ScimError(400, "A PATCH operation without a path needs an object value.", "invalidSyntax");
  }
  return fields;
}

async function checkUserName(tx: ScopedTx | WorkspaceContext["db"], userName: string): Promise<string> {
  const parsed = emailSchema.safeParse(userName);
  if (!parsed.success) throw new ScimError(400, "userName must be the person's work email address.", "invalidValue");
  const domain = parsed.data.split("@")[1]!;
  const verified = await (tx as ScopedTx).workspaceDomain.findFirst({ where: { domain, verifiedAt: { not: null } }, select: { id: true } });
  if (!verified) throw new ScimError(400, `userName ${parsed.data} is not in a domain this workspace has verified.`, "invalidValue");
  return parsed.data;
}

/** The role a provisioned person gets: the highest of their mapped groups, else the default of the workspace's first connection, else member. */
async function roleFor(tx: ScopedTx, scimUserId: string): Promise<Role> {
  const groups = await tx.scimGroupMember.findMany({ where: { scimUserId }, select: { group: { select: { role: true } } } });
  const mapped = groups.map((g) => g.group.role).filter((r): r is Role => r !== null && r !== "owner");
  if (mapped.length) return mapped.sort((a, b) => RANK[b] - RANK[a])[0]!;
  const connection = await tx.ssoConnection.findFirst({ where: { enabled: true }, orderBy: { createdAt: "asc" }, select: { defaultRole: true } });
  return connection?.defaultRole ?? "member";
}

/**
 * Makes the membership match the SCIM user: active → a member with the
 * computed role (owners keep theirs); inactive → no membership. The last
 * owner cannot be deprovisioned. Returns whether sessions must end.
 */
export async function syncMembership(tx: ScopedTx, ctx: WorkspaceContext, scimUserId: string): Promise<{ endSessionsOf: string | null }> {
  const row = await tx.scimUser.findFirstOrThrow({ where: { id: scimUserId } });
  const membership = await tx.membership.findFirst({ where: { userId: row.userId } });
  if (row.active) {
    const role = await roleFor(tx, row.id);
    if (!membership) {
      await tx.membership.create({ data: { workspaceId: ctx.workspace.id, userId: row.userId, role } });
      await recordAuditEvent(tx, ctx, { action: "member.provisioned", targetType: "membership", targetId: row.userId, metadata: { userName: row.userName, role } });
    } else if (membership.role !== "owner" && membership.role !== role) {
      await tx.membership.update({ where: { id: membership.id }, data: { role } });
      await recordAuditEvent(tx, ctx, { action: "member.role_changed", targetType: "membership", targetId: row.userId, metadata: { userName: row.userName, from: membership.role, to: role, via: "scim" } });
    }
    return { endSessionsOf: null };
  }
  if (membership) await removeMembership(tx, ctx, membership, row.userName, "member.deprovisioned");
  return { endSessionsOf: row.userId };
}

async function removeMembership(tx: ScopedTx, ctx: WorkspaceContext, membership: { id: string; userId: string; role: Role }, userName: string, action: string) {
  if (membership.role === "owner" && (await tx.membership.count({ where: { role: "owner" } })) <= 1) {
    throw new ScimError(409, `${userName} is the workspace's last owner and cannot be deprovisioned; make someone else an owner first.`, "mutability");
  }
  await tx.membership.delete({ where: { id: membership.id } });
  await recordAuditEvent(tx, ctx, { action, targetType: "membership", targetId: membership.userId, metadata: { userName, role: membership.role } });
}

async function findUser(db: ScopedTx | WorkspaceContext["db"], id: string) {
  const row = await (db as ScopedTx).scimUser.findFirst({ where: { id }, include: USER_INCLUDE });
  if (!row) throw new ScimError(404, `User ${id} not found.`);
  return row;
}

export async function getScimUser(ctx: WorkspaceContext, id: string, base: string) {
  return userResource(await findUser(ctx.db, id), base);
}

export async function listScimUsers(ctx: WorkspaceContext, params: URLSearchParams, base: string, paging: { startIndex: number; count: number }) {
  const filter = parseEqFilter(params.get("filter"), ["userName", "externalId", "id"]);
  const where = filter ? { [filter.attribute]: filter.attribute === "userName" ? filter.value.toLowerCase() : filter.value } : {};
  const [total, rows] = await Promise.all([
    ctx.db.scimUser.count({ where }),
    ctx.db.scimUser.findMany({ where, include: USER_INCLUDE, orderBy: { createdAt: "asc" }, skip: paging.startIndex - 1, take: paging.count }),
  ]);
  return listResponse(rows.map((r) => userResource(r, base)), total, paging.startIndex);
}

async function uniqueOrConflict(tx: ScopedTx, fields: { userName?: string; externalId?: string | null }, exceptId?: string) {
  const clash = await tx.scimUser.findFirst({
    where: { OR: [...(fields.userName ? [{ userName: fields.userName }] : []), ...(fields.externalId ? [{ externalId: fields.externalId }] : [])], ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw new ScimError(409, "A user with this userName or externalId already exists.", "uniqueness");
}

async function finish(ctx: WorkspaceContext, work: (tx: ScopedTx) => Promise<{ id: string; endSessionsOf: string | null }>, base: string) {
  const done = await ctx.db.$transaction(work);
  if (done.endSessionsOf) await endSessionsOf(done.endSessionsOf);
  return userResource(await findUser(ctx.db, done.id), base);
}

export async function createScimUser(ctx: WorkspaceContext, body: Record<string, unknown>, base: string) {
  const fields = fieldsOfResource(body);
  const userName = await checkUserName(ctx.db, fields.userName ?? "");
  // The account is global, so it is found or made before the workspace's transaction.
  const name = fields.displayName ?? ([fields.givenName, fields.familyName].filter(Boolean).join(" ") || undefined);
  const user = await ensureUser(userName, name);
  return finish(
    ctx,
    async (tx) => {
      await uniqueOrConflict(tx, { userName, externalId: fields.externalId ?? null });
      if (await tx.scimUser.findFirst({ where: { userId: user.id }, select: { id: true } })) throw new ScimError(409, "A user with this userName already exists.", "uniqueness");
      const created = await tx.scimUser.create({
        data: { workspaceId: ctx.workspace.id, userId: user.id, userName, externalId: fields.externalId ?? null, active: fields.active ?? true, givenName: fields.givenName ?? null, familyName: fields.familyName ?? null, displayName: fields.displayName ?? null },
      });
      await recordAuditEvent(tx, ctx, { action: "scim.user_created", targetType: "scim_user", targetId: created.id, metadata: { userName, externalId: created.externalId, active: created.active } });
      return { id: created.id, ...(await syncMembership(tx, ctx, created.id)) };
    },
    base,
  );
}

async function updateUser(ctx: WorkspaceContext, id: string, fields: UserFields, base: string, action: string) {
  return finish(
    ctx,
    async (tx) => {
      const before = await findUser(tx, id);
      const userName = fields.userName !== undefined && fields.userName.toLowerCase() !== before.userName ? await checkUserName(tx, fields.userName) : undefined;
      await uniqueOrConflict(tx, { ...(userName ? { userName } : {}), ...(fields.externalId ? { externalId: fields.externalId } : {}) }, id);
      const data = {
        ...(userName ? { userName } : {}),
        ...(fields.externalId !== undefined ? { externalId: fields.externalId } : {}),
        ...(fields.active !== undefined ? { active: fields.active } : {}),
        ...(fields.givenName !== undefined ? { givenName: fields.givenName } : {}),
        ...(fields.familyName !== undefined ? { familyName: fields.familyName } : {}),
        ...(fields.displayName !== undefined ? { displayName: fields.displayName } : {}),
      };
      const after = await tx.scimUser.update({ where: { id }, data });
      await recordAuditEvent(tx, ctx, {
        action: after.active === before.active ? action : after.active ? "scim.user_reactivated" : "scim.user_deactivated",
        targetType: "scim_user",
        targetId: id,
        metadata: { userName: after.userName, changed: Object.keys(data) },
      });
      return { id, ...(await syncMembership(tx, ctx, id)) };
    },
    base,
  );
}

/** PUT: Okta replaces the whole resource. */
export async function replaceScimUser(ctx: WorkspaceContext, id: string, body: Record<string, unknown>, base: string) {
  return updateUser(ctx, id, fieldsOfResource(body), base, "scim.user_updated");
}

export async function patchScimUser(ctx: WorkspaceContext, id: string, body: Record<string, unknown>, base: string) {
  return updateUser(ctx, id, fieldsOfPatch(parsePatch(body)), base, "scim.user_updated");
}

export async function deleteScimUser(ctx: WorkspaceContext, id: string) {
  const userId = await ctx.db.$transaction(async (tx) => {
    const row = await findUser(tx, id);
    const membership = await tx.membership.findFirst({ where: { userId: row.userId } });
    if (membership) await removeMembership(tx, ctx, membership, row.userName, "member.deprovisioned");
    await tx.scimUser.delete({ where: { id } });
    await recordAuditEvent(tx, ctx, { action: "scim.user_deleted", targetType: "scim_user", targetId: id, metadata: { userName: row.userName } });
    return row.userId;
  });
  await endSessionsOf(userId);
}
