import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { deleteWorkspace } from "@/lib/services/workspaces/delete-workspace";
import { getWorkspace } from "@/lib/services/workspaces/get-workspace";
import { updateWorkspace } from "@/lib/services/workspaces/update-workspace";
import { updateWorkspaceInput, workspaceOutput, workspaceWithRoleOutput } from "@/lib/validation/workspace";

export const GET = withWorkspace(
  async ({ ctx }) => Response.json(workspaceWithRoleOutput.parse({ ...(await getWorkspace({ ctx })), role: ctx.member.role })),
  { permission: "workspace.read" },
);

export const PATCH = withWorkspace(
  async ({ req, ctx }) => {
    const input = await readJson(req, updateWorkspaceInput);
    return Response.json(workspaceOutput.parse(await updateWorkspace({ ctx, input })));
  },
  { permission: "workspace.update" },
);

export const DELETE = withWorkspace(
  async ({ ctx }) => {
    await deleteWorkspace({ ctx });
    return new Response(null, { status: 204 });
  },
  { permission: "workspace.delete" },
);
