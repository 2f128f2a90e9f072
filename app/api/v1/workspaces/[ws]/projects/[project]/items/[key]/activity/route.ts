import { withWorkspace } from "@/lib/auth/workspace";
import { listActivity } from "@/lib/services/items/item-evidence";

export const GET = withWorkspace<{ ws: string; project: string; key: string }>(
  async ({ ctx, params }) => Response.json({ data: await listActivity({ ctx, projectSlug: params.project, key: params.key }) }),
  { permission: "items.read" },
);
