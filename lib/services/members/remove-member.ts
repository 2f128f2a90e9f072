import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { recordAuditEvent } from "../audit/record-audit-event";
import { assertMayManage, assertOwnerRemains, getMembershipInWorkspace, lockWorkspace } from "./member-guards";

/** Removes a member (or lets a member leave: the route allows removing yourself). */
export async function removeMember({ ctx, userId }: { ctx: WorkspaceContext; userId: string }) {
  await ctx.db.$transaction(async (tx) => {
    await lockWorkspace(tx, ctx);
    const membership = await getMembershipInWorkspace(tx, userId);
    const self = ctx.actor.type === "user" && ctx.actor.userId === userId;
    if (!self) assertMayManage(ctx, membership);
    await tx.membership.delete({ where: { id: membership.id } });
    await assertOwnerRemains(tx);
    await recordAuditEvent(tx, ctx, {
      action: self ? "member.left" : "member.removed",
      targetType: "membership",
      targetId: userId,
      metadata: { email: membership.user.email, role: membership.role },
    });
  });
}
