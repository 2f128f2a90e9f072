import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { deleteProject } from "@/lib/services/projects/delete-project";
import { getProjectInWorkspace } from "@/lib/services/projects/get-project";
import { updateProject } from "@/lib/services/projects/update-project";
import { projectOutput, updateProjectInput } from "@/lib/validation/project";

type Params = { ws: string; project: string };

export const GET = withWorkspace<Params>(
  async ({ ctx, params }) => Response.json(projectOutput.parse(await getProjectInWorkspace({ ctx, slug: params.project }))),
  { permission: "projects.read" },
);

export const PATCH = withWorkspace<Params>(
  async ({ req, ctx, params }) => {
    const input = await readJson(req, updateProjectInput);
    return Response.json(projectOutput.parse(await updateProject({ ctx, slug: params.project, input })));
  },
  { permission: "projects.update" },
);

export const DELETE = withWorkspace<Params>(
  async ({ ctx, params }) => {
    await deleteProject({ ctx, slug: params.project });
    return new Response(null, { status: 204 });
  },
  { permission: "projects.delete" },
);
