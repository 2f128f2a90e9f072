import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { actorUserId, type WorkspaceContext } from "@/lib/auth/context";
import { ConflictError } from "@/lib/errors";
import { INVITATION_TTL_DAYS, type CreateInvitationInput } from "@/lib/validation/invitation";
import { recordAuditEvent } from "../audit/record-audit-event";
import { assertMayAssign } from "../members/member-guards";

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Creates a single-use invitation that expires after INVITATION_TTL_DAYS. The
 * token is returned once (to build the link) and only its hash is stored. A
 * pending invitation for the same email is replaced.
 */
export async function createInvitation({ ctx, input }: { ctx: WorkspaceContext; input: CreateInvitationInput }) {
  assertMayAssign(ctx, input.role);
  const token = randomBytes(32).toString("base64url");
  const invitation = await ctx.db.$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { user: { email: input.email } } });
    if (member) throw new ConflictError(`${input.email} is already a member.`);
    await tx.invitation.updateMany({
      where: { email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const created = await tx.invitation.create({
      data: {
        workspaceId: ctx.workspace.id,
        email: input.email,
        role: input.role,
        tokenHash: hashInvitationToken(token),
        invitedById: actorUserId(ctx),
        expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000),
      },
    });
    await recordAuditEvent(tx, ctx, { action: "invitation.created", targetType: "invitation", targetId: created.id, metadata: { email: input.email, role: input.role } });
    return created;
  });
  return { invitation: { ...invitation, status: "pending" as const }, token };
}
