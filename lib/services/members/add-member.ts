import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { findUserByEmail } from "@/lib/db/global/identity";
import { AppError, ConflictError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { recordAuditEvent } from "../audit/record-audit-event";
import { assertMayAssign, lockWorkspace } from "./member-guards";

/** Adds someone who already has a Readyroom account. Everyone else gets an invitation. */
export async function addMember({ ctx, input }: { ctx: WorkspaceContext; input: { email: string; role: Role } }) {
  assertMayAssign(ctx, input.role);
  const user = await findUserByEmail(input.email);
  if (!user) throw new AppError("not_found", "No Readyroom user has this email. Send an invitation instead.");
  return ctx.db.$transaction(async (tx) => {
    await lockWorkspace(tx, ctx);
    const existing = await tx.membership.findFirst({ where: { userId: user.id } });
    if (existing) throw new ConflictError(`${input.email} is already a member.`);
    const membership = await tx.membership.create({ data: { workspaceId: ctx.workspace.id, userId: user.id, role: input.role } });
    await recordAuditEvent(tx, ctx, { action: "member.added", targetType: "membership", targetId: user.id, metadata: { email: user.email, role: input.role } });
    return { userId: user.id, email: user.email, name: user.name, role: membership.role, joinedAt: membership.createdAt };
  });
}
