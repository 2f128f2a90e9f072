import { withWorkspace } from "@/lib/auth/workspace";
import { removeDomain } from "@/lib/services/sso/domains";

export const DELETE = withWorkspace<{ ws: string; id: string }>(
  async ({ ctx, params }) => {
    await removeDomain({ ctx, id: params.id });
    return new Response(null, { status: 204 });
  },
  { permission: "sso.manage" },
);
