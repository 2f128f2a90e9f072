import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { AppError, NotFoundError } from "@/lib/errors";
import { recordAuditEvent } from "../audit/record-audit-event";

export async function revokeInvitation({ ctx, id }: { ctx: WorkspaceContext; id: string }) {
  await ctx.db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({ where: { id } });
    if (!invitation) throw new NotFoundError("Invitation");
    if (invitation.acceptedAt) throw new AppError("conflict", "This invitation was already accepted; remove the member instead.");
    await tx.invitation.update({ where: { id }, data: { revokedAt: invitation.revokedAt ?? new Date() } });
    await recordAuditEvent(tx, ctx, { action: "invitation.revoked", targetType: "invitation", targetId: id, metadata: { email: invitation.email } });
  });
}
