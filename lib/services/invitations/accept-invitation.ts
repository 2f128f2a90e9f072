import "server-only";
import { consumeInvitation, findInvitationByTokenHash } from "@/lib/db/global/invitations";
import { AppError, NotFoundError } from "@/lib/errors";
import { hashInvitationToken } from "./create-invitation";
import { invitationStatus } from "./invitation-status";

/** What the accept page may show about an invitation before it is accepted. */
export async function previewInvitation(token: string) {
  const invitation = await findInvitationByTokenHash(hashInvitationToken(token));
  if (!invitation) throw new NotFoundError("Invitation");
  return {
    workspace: { slug: invitation.workspace.slug, name: invitation.workspace.name },
    email: invitation.email,
    role: invitation.role,
    status: invitationStatus(invitation),
    expiresAt: invitation.expiresAt,
  };
}

/**
 * Accepts an invitation for the signed-in user. The link is single-use and
 * expires; it is bound to the invited email address.
 */
export async function acceptInvitation({ token, user, requestId }: { token: string; user: { userId: string; email: string }; requestId?: string }) {
  const invitation = await findInvitationByTokenHash(hashInvitationToken(token));
  if (!invitation) throw new NotFoundError("Invitation");
  const status = invitationStatus(invitation);
  if (status !== "pending") throw new AppError("gone", `This invitation is ${status}. Ask an admin of ${invitation.workspace.name} for a new one.`, { status });
  if (invitation.email !== user.email.toLowerCase()) {
    throw new AppError("forbidden", `This invitation is for ${invitation.email}. Sign in with that address to accept it.`);
  }
  const result = await consumeInvitation({
    invitationId: invitation.id,
    workspaceId: invitation.workspace.id,
    userId: user.userId,
    role: invitation.role,
    requestId,
  });
  if (result.status === "unavailable") throw new AppError("gone", "This invitation was already used or has expired.");
  return { workspace: { slug: invitation.workspace.slug, name: invitation.workspace.name }, role: invitation.role, status: result.status };
}
