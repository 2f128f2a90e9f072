import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { createInvitation } from "@/lib/services/invitations/create-invitation";
import { listInvitations } from "@/lib/services/invitations/list-invitations";
import { createdInvitationOutput, createInvitationInput, invitationOutput } from "@/lib/validation/invitation";
import { invitationUrl } from "@/lib/http/urls";

export const GET = withWorkspace(
  async ({ ctx }) => Response.json({ data: invitationOutput.array().parse(await listInvitations({ ctx })) }),
  { permission: "invitations.manage" },
);

/** The response carries the accept link once; Readyroom stores only a hash of its token. */
export const POST = withWorkspace(
  async ({ req, ctx }) => {
    const input = await readJson(req, createInvitationInput);
    const { invitation, token } = await createInvitation({ ctx, input });
    return Response.json(createdInvitationOutput.parse({ ...invitation, acceptUrl: invitationUrl(req, token) }), { status: 201 });
  },
  { permission: "invitations.manage" },
);
