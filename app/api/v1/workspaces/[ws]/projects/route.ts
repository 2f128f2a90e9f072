import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { createProject } from "@/lib/services/projects/create-project";
import { listProjects } from "@/lib/services/projects/list-projects";
import { createProjectInput, projectOutput } from "@/lib/validation/project";

export const GET = withWorkspace(
  async ({ ctx }) => Response.json({ data: projectOutput.array().parse(await listProjects({ ctx })) }),
  { permission: "projects.read" },
);

export const POST = withWorkspace(
  async ({ req, ctx }) => {
    const input = await readJson(req, createProjectInput);
    return Response.json(projectOutput.parse(await createProject({ ctx, input })), { status: 201 });
  },
  { permission: "projects.create" },
);
