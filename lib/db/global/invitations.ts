import { rawDb } from "../client";

/**
 * An invitation is found by the hash of its token, before the invitee is a
 * member. Only the workspace's name and the invited role are revealed.
 */
export async function findInvitationByTokenHash(tokenHash: string) {
  const db = await rawDb();
  return db.invitation.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      workspace: { select: { id: true, slug: true, name: true } },
    },
  });
}

/**
 * Accepts an invitation once: the conditional update makes a second accept (or
 * a race of two) fail, and the membership is written in the same transaction.
 */
export async function consumeInvitation(input: { invitationId: string; workspaceId: string; userId: string; role: import("@/lib/generated/prisma/enums").Role; requestId?: string }) {
  const db = await rawDb();
  return db.$transaction(async (tx) => {
    const claimed = await tx.invitation.updateMany({
      where: { id: input.invitationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { acceptedAt: new Date(), acceptedById: input.userId },
    });
    if (claimed.count !== 1) return { status: "unavailable" as const };
    const existing = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: input.workspaceId, userId: input.userId } },
    });
    if (!existing) {
      await tx.membership.create({ data: { workspaceId: input.workspaceId, userId: input.userId, role: input.role } });
    }
    await tx.auditEvent.create({
      data: {
        workspaceId: input.workspaceId,
        actorUserId: input.userId,
        action: "invitation.accepted",
        targetType: "invitation",
        targetId: input.invitationId,
        metadata: { role: input.role, alreadyMember: Boolean(existing) },
        requestId: input.requestId ?? null,
      },
    });
    return { status: existing ? ("already_member" as const) : ("joined" as const) };
  });
}
