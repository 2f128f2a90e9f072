import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { appOrigin } from "@/lib/http/urls";
import { deleteConnection, getConnection, updateConnection } from "@/lib/services/sso/connections";
import { connectionView, updateSsoConnectionInput } from "@/lib/validation/sso";

type Params = { ws: string; id: string };

export const GET = withWorkspace<Params>(async ({ req, ctx, params }) => Response.json(connectionView(await getConnection({ ctx, id: params.id }), appOrigin(req))), { permission: "sso.manage" });

export const PATCH = withWorkspace<Params>(
  async ({ req, ctx, params }) => {
    const input = await readJson(req, updateSsoConnectionInput);
    return Response.json(connectionView(await updateConnection({ ctx, id: params.id, input }), appOrigin(req)));
  },
  { permission: "sso.manage" },
);

export const DELETE = withWorkspace<Params>(
  async ({ ctx, params }) => {
    await deleteConnection({ ctx, id: params.id });
    return new Response(null, { status: 204 });
  },
  { permission: "sso.manage" },
);
