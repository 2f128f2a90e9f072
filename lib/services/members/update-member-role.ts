import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import type { Role } from "@/lib/generated/prisma/enums";
import { recordAuditEvent } from "../audit/record-audit-event";
import { assertMayAssign, assertMayManage, assertOwnerRemains, getMembershipInWorkspace, lockWorkspace } from "./member-guards";

export async function updateMemberRole({ ctx, userId, input }: { ctx: WorkspaceContext; userId: string; input: { role: Role } }) {
  return ctx.db.$transaction(async (tx) => {
    await lockWorkspace(tx, ctx);
    const membership = await getMembershipInWorkspace(tx, userId);
    assertMayManage(ctx, membership);
    assertMayAssign(ctx, input.role);
    const updated = await tx.membership.update({ where: { id: membership.id }, data: { role: input.role } });
    await assertOwnerRemains(tx);
    await recordAuditEvent(tx, ctx, {
      action: "member.role_changed",
      targetType: "membership",
      targetId: userId,
      metadata: { email: membership.user.email, from: membership.role, to: input.role },
    });
    return { userId, email: membership.user.email, name: membership.user.name, role: updated.role, joinedAt: updated.createdAt };
  });
}
