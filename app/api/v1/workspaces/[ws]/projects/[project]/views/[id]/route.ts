import { withWorkspace } from "@/lib/auth/workspace";
import { deleteSavedView } from "@/lib/services/views/saved-views";

export const DELETE = withWorkspace<{ ws: string; project: string; id: string }>(
  async ({ ctx, params }) => {
    await deleteSavedView({ ctx, projectSlug: params.project, id: params.id });
    return new Response(null, { status: 204 });
  },
  { permission: "items.read" },
);
