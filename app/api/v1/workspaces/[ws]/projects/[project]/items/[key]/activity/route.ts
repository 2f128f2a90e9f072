import { withWorkspace } from "@/lib/auth/workspace";
import { listActivity } from "@/lib/services/items/item-evidence";
import { activityOutput } from "@/lib/validation/item";

export const GET = withWorkspace<{ ws: string; project: string; key: string }>(
  async ({ ctx, params }) => Response.json({ data: activityOutput.array().parse(await listActivity({ ctx, projectSlug: params.project, key: params.key })) }),
  { permission: "items.read" },
);
