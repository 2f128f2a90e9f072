import { withWorkspace } from "@/lib/auth/workspace";
import { readQuery } from "@/lib/http/body";
import { listDeferredRisks } from "@/lib/services/risks/list-deferred-risks";
import { deferredRiskListOutput, deferredRiskListQuery } from "@/lib/validation/gate";

/** The workspace's deferred risks by due date: `status=open` (default: those the latest decisions accepted), `resolved` or `all`; `project` narrows to one project. */
export const GET = withWorkspace(async ({ req, ctx }) => Response.json(deferredRiskListOutput.parse(await listDeferredRisks({ ctx, query: readQuery(req, deferredRiskListQuery) }))), {
  permission: "gates.read",
});
