import { can } from "@/lib/auth/permissions";
import { withWorkspace } from "@/lib/auth/workspace";
import { ForbiddenError } from "@/lib/errors";
import { readJson } from "@/lib/http/body";
import { removeMember } from "@/lib/services/members/remove-member";
import { updateMemberRole } from "@/lib/services/members/update-member-role";
import { memberOutput, updateMemberInput } from "@/lib/validation/workspace";

export const PATCH = withWorkspace<{ ws: string; userId: string }>(
  async ({ req, ctx, params }) => {
    const input = await readJson(req, updateMemberInput);
    return Response.json(memberOutput.parse(await updateMemberRole({ ctx, userId: params.userId, input })));
  },
  { permission: "members.manage" },
);

/** Admins remove members; anyone may remove themselves (leave). */
export const DELETE = withWorkspace<{ ws: string; userId: string }>(
  async ({ ctx, params }) => {
    const self = ctx.actor.type === "user" && ctx.actor.userId === params.userId;
    if (!self && !can(ctx.member.role, "members.manage")) throw new ForbiddenError();
    await removeMember({ ctx, userId: params.userId });
    return new Response(null, { status: 204 });
  },
  { permission: "members.read" },
);
