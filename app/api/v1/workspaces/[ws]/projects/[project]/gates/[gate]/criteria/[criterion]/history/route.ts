import { withWorkspace } from "@/lib/auth/workspace";
import { listCriterionHistory } from "@/lib/services/gates/criterion-history";
import { criterionHistoryOutput } from "@/lib/validation/gate";

type Params = { ws: string; project: string; gate: string; criterion: string };

/** Every mark, check result and evidence entry of a criterion, newest first, with who and when. */
export const GET = withWorkspace<Params>(
  async ({ ctx, params }) => Response.json(criterionHistoryOutput.parse(await listCriterionHistory({ ctx, projectSlug: params.project, gateId: params.gate, criterionId: params.criterion }))),
  { permission: "gates.read" },
);
