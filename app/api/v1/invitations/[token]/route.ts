import { withUser } from "@/lib/auth/workspace";
import { acceptInvitation } from "@/lib/services/invitations/accept-invitation";
import { acceptedInvitationOutput, invitationToken } from "@/lib/validation/invitation";

/** Accepts an invitation for the signed-in user (POST /api/v1/invitations/{token}). */
export const POST = withUser<{ token: string }>(async ({ params, user, request }) => {
  const token = invitationToken.parse(params.token);
  const result = await acceptInvitation({ token, user, requestId: request.id });
  return Response.json(acceptedInvitationOutput.parse(result));
});
