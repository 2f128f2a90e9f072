import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import type { ScopedTx } from "@/lib/db/scoped";
import { AppError, ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { assignableRoles } from "@/lib/auth/permissions";

/**
 * Locks the workspace row for the rest of the transaction so that concurrent
 * role changes are serialised (two owners demoting each other at once must not
 * leave the workspace without one).
 */
export async function lockWorkspace(tx: ScopedTx, ctx: WorkspaceContext) {
  await tx.workspace.update({ where: { id: ctx.workspace.id }, data: { updatedAt: new Date() } });
}

export async function getMembershipInWorkspace(tx: ScopedTx, userId: string) {
  const membership = await tx.membership.findFirst({ where: { userId }, include: { user: { select: { email: true, name: true } } } });
  if (!membership) throw new NotFoundError("Member");
  return membership;
}

export function assertMayAssign(ctx: WorkspaceContext, role: Role) {
  if (!assignableRoles(ctx.member.role).includes(role)) {
    throw new ForbiddenError(`Your role (${ctx.member.role}) cannot grant the ${role} role.`);
  }
}

/** Only owners change or remove owners. */
export function assertMayManage(ctx: WorkspaceContext, target: { role: Role }) {
  if (target.role === "owner" && ctx.member.role !== "owner") throw new ForbiddenError("Only an owner can change or remove another owner.");
}

export async function assertOwnerRemains(tx: ScopedTx) {
  const owners = await tx.membership.count({ where: { role: "owner" } });
  if (owners === 0) {
    throw new AppError("conflict", "A workspace needs at least one owner: make someone else an owner first.", { reason: "last_owner" });
  }
}
