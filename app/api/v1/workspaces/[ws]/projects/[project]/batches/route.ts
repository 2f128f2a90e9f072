import { withWorkspace } from "@/lib/auth/workspace";
import { readQuery } from "@/lib/http/body";
import { planProjectBatches } from "@/lib/services/batches/plan-project-batches";
import { batchPlanOutput, batchPlanQuery } from "@/lib/validation/batches";

type Params = { ws: string; project: string };

/**
 * Batches of parallel work for a phase (`?phase=<id>|none`), a list of items
 * (`?items=OCC-1,OCC-2`) or every item: no shared file within a batch, every
 * dependency in an earlier one, and the conflicts that forced each split.
 * `includeDone=true` keeps done and won't-fix items; `phaseOrder=true` also
 * follows the phases' dependencies.
 */
export const GET = withWorkspace<Params>(
  async ({ req, ctx, params }) => Response.json(batchPlanOutput.parse(await planProjectBatches({ ctx, projectSlug: params.project, query: readQuery(req, batchPlanQuery) }))),
  { permission: "items.read" },
);
