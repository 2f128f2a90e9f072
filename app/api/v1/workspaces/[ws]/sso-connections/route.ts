import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { createConnection, listConnections } from "@/lib/services/sso/connections";
import { connectionView, createSsoConnectionInput } from "@/lib/validation/sso";

export const GET = withWorkspace(async ({ ctx }) => Response.json({ data: (await listConnections({ ctx })).map(connectionView) }), { permission: "sso.manage" });

export const POST = withWorkspace(
  async ({ req, ctx }) => {
    const input = await readJson(req, createSsoConnectionInput);
    return Response.json(connectionView(await createConnection({ ctx, input })), { status: 201 });
  },
  { permission: "sso.manage" },
);
