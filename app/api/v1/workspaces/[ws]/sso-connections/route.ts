import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { appOrigin } from "@/lib/http/urls";
import { createConnection, listConnections } from "@/lib/services/sso/connections";
import { connectionView, createSsoConnectionInput } from "@/lib/validation/sso";

export const GET = withWorkspace(async ({ req, ctx }) => Response.json({ data: (await listConnections({ ctx })).map((row) => connectionView(row, appOrigin(req))) }), { permission: "sso.manage" });

export const POST = withWorkspace(
  async ({ req, ctx }) => {
    const input = await readJson(req, createSsoConnectionInput);
    return Response.json(connectionView(await createConnection({ ctx, input }), appOrigin(req)), { status: 201 });
  },
  { permission: "sso.manage" },
);
