import { withWorkspace } from "@/lib/auth/workspace";
import { listGates } from "@/lib/services/gates/list-gates";

export const GET = withWorkspace<{ ws: string; project: string }>(
  async ({ ctx, params }) => Response.json({ data: await listGates({ ctx, projectSlug: params.project }) }),
  { permission: "gates.read" },
);
