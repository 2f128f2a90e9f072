import { withWorkspace } from "@/lib/auth/workspace";
import { readQuery } from "@/lib/http/body";
import { listDeferredRisks } from "@/lib/services/risks/list-deferred-risks";
import { deferredRiskListOutput, projectDeferredRiskListQuery } from "@/lib/validation/gate";

type Params = { ws: string; project: string };

/** The project's deferred risks by due date (`status=open|resolved|all`, default open). */
export const GET = withWorkspace<Params>(
  async ({ req, ctx, params }) => Response.json(deferredRiskListOutput.parse(await listDeferredRisks({ ctx, query: { ...readQuery(req, projectDeferredRiskListQuery), project: params.project } }))),
  { permission: "gates.read" },
);
