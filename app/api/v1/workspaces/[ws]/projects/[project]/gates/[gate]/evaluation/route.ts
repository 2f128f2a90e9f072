import { withWorkspace } from "@/lib/auth/workspace";
import { evaluateGate } from "@/lib/services/gates/evaluate-gate";
import { gateEvaluationOutput } from "@/lib/validation/gate";

/** Every criterion's live state with the items that make it fail, and the recommendation. */
export const GET = withWorkspace<{ ws: string; project: string; gate: string }>(
  async ({ ctx, params }) => Response.json(gateEvaluationOutput.parse(await evaluateGate({ ctx, projectSlug: params.project, gateId: params.gate }))),
  { permission: "gates.read" },
);
