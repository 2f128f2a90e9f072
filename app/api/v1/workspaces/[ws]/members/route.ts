import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { addMember } from "@/lib/services/members/add-member";
import { listMembers } from "@/lib/services/members/list-members";
import { addMemberInput, memberOutput } from "@/lib/validation/workspace";

export const GET = withWorkspace(
  async ({ ctx }) => Response.json({ data: memberOutput.array().parse(await listMembers({ ctx })) }),
  { permission: "members.read" },
);

export const POST = withWorkspace(
  async ({ req, ctx }) => {
    const input = await readJson(req, addMemberInput);
    return Response.json(memberOutput.parse(await addMember({ ctx, input })), { status: 201 });
  },
  { permission: "members.manage" },
);
