import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import type { ScopedTx } from "@/lib/db/scoped";
import { AppError, ConflictError, NotFoundError } from "@/lib/errors";
import type { CreateOwnerInput, UpdateOwnerInput } from "@/lib/validation/owner";
import { recordAuditEvent } from "../audit/record-audit-event";

/**
 * Owners of items and phases: members of the workspace, or named owners with
 * no account (a team, a vendor, an automated agent) that can later be linked
 * to a member.
 */
export async function listOwners({ ctx }: { ctx: WorkspaceContext }) {
  return ctx.db.owner.findMany({ orderBy: { name: "asc" } });
}

async function assertMember(tx: ScopedTx, userId: string | null | undefined) {
  if (!userId) return;
  if (!(await tx.membership.findFirst({ where: { userId }, select: { id: true } }))) {
    throw new AppError("validation_failed", "Invalid userId: not a member of this workspace.", [{ path: "userId", message: "not a member of this workspace" }]);
  }
}

async function assertNameFree(tx: ScopedTx, name: string, except?: string) {
  const clash = await tx.owner.findFirst({ where: { name: { equals: name, mode: "insensitive" }, ...(except ? { NOT: { id: except } } : {}) } });
  if (clash) throw new ConflictError(`An owner named “${clash.name}” exists.`, { field: "name" });
}

export async function createOwner({ ctx, input }: { ctx: WorkspaceContext; input: CreateOwnerInput }) {
  return ctx.db.$transaction(async (tx) => {
    await assertMember(tx, input.userId);
    await assertNameFree(tx, input.name);
    const owner = await tx.owner.create({
      data: { workspaceId: ctx.workspace.id, name: input.name, kind: input.userId ? "member" : input.kind, userId: input.userId ?? null, email: input.email ?? null },
    });
    await recordAuditEvent(tx, ctx, { action: "owner.created", targetType: "owner", targetId: owner.id, metadata: { name: owner.name, kind: owner.kind } });
    return owner;
  });
}

export async function updateOwner({ ctx, id, input }: { ctx: WorkspaceContext; id: string; input: UpdateOwnerInput }) {
  return ctx.db.$transaction(async (tx) => {
    const owner = await tx.owner.findFirst({ where: { id } });
    if (!owner) throw new NotFoundError("Owner");
    await assertMember(tx, input.userId);
    if (input.name) await assertNameFree(tx, input.name, id);
    // Linking makes an owner a member; unlinking one leaves a named owner (a team unless said otherwise).
    const linked = input.userId !== undefined
      ? { kind: input.userId ? ("member" as const) : (input.kind ?? (owner.kind === "member" ? ("team" as const) : owner.kind)) }
      : {};
    const updated = await tx.owner.update({ where: { id }, data: { ...input, ...linked } });
    await recordAuditEvent(tx, ctx, { action: "owner.updated", targetType: "owner", targetId: id, metadata: { name: updated.name, fields: Object.keys(input) } });
    return updated;
  });
}

/** Items and phases of a deleted owner become unassigned; an owner of a deferred risk cannot be deleted. */
export async function deleteOwner({ ctx, id }: { ctx: WorkspaceContext; id: string }) {
  await ctx.db.$transaction(async (tx) => {
    const owner = await tx.owner.findFirst({ where: { id }, include: { _count: { select: { deferredRisks: true } } } });
    if (!owner) throw new NotFoundError("Owner");
    if (owner._count.deferredRisks > 0) throw new ConflictError(`${owner.name} owns deferred risks of a recorded decision and cannot be deleted.`);
    await tx.owner.delete({ where: { id } });
    await recordAuditEvent(tx, ctx, { action: "owner.deleted", targetType: "owner", targetId: id, metadata: { name: owner.name } });
  });
}
