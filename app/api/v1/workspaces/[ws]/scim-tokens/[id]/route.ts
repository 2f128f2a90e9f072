import { withWorkspace } from "@/lib/auth/workspace";
import { revokeScimToken } from "@/lib/services/scim/tokens";

export const DELETE = withWorkspace<{ ws: string; id: string }>(
  async ({ ctx, params }) => {
    await revokeScimToken({ ctx, id: params.id });
    return new Response(null, { status: 204 });
  },
  { permission: "sso.manage" },
);
