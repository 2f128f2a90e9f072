import { withWorkspace } from "@/lib/auth/workspace";
import { revokeApiKey } from "@/lib/services/api-keys/revoke-api-key";

export const DELETE = withWorkspace<{ ws: string; id: string }>(
  async ({ ctx, params }) => {
    await revokeApiKey({ ctx, id: params.id });
    return new Response(null, { status: 204 });
  },
  { permission: "apiKeys.manage" },
);
