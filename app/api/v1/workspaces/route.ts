import { withUser } from "@/lib/auth/workspace";
import { listWorkspacesOfUser } from "@/lib/db/global/identity";
import { readJson } from "@/lib/http/body";
import { createWorkspace } from "@/lib/services/workspaces/create-workspace";
import { createWorkspaceInput, workspaceOutput, workspaceSummaryOutput } from "@/lib/validation/workspace";

export const GET = withUser(async ({ user }) => {
  const workspaces = await listWorkspacesOfUser(user.userId);
  return Response.json({ data: workspaceSummaryOutput.array().parse(workspaces) });
});

export const POST = withUser(async ({ req, user, request }) => {
  const input = await readJson(req, createWorkspaceInput);
  const workspace = await createWorkspace({ userId: user.userId, input, requestId: request.id });
  return Response.json(workspaceOutput.parse(workspace), { status: 201 });
});
