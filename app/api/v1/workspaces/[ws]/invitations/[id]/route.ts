import { withWorkspace } from "@/lib/auth/workspace";
import { revokeInvitation } from "@/lib/services/invitations/revoke-invitation";

export const DELETE = withWorkspace<{ ws: string; id: string }>(
  async ({ ctx, params }) => {
    await revokeInvitation({ ctx, id: params.id });
    return new Response(null, { status: 204 });
  },
  { permission: "invitations.manage" },
);
