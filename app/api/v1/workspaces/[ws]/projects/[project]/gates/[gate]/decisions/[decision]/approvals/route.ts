import { withWorkspace } from "@/lib/auth/workspace";
import { signDecision } from "@/lib/services/gates/decisions";
import { decisionOutput } from "@/lib/validation/gate";

type Params = { ws: string; project: string; gate: string; decision: string };

/** The caller signs the gate's latest decision (approvers only; a decision takes effect with the sign-offs its gate requires). */
export const POST = withWorkspace<Params>(
  async ({ ctx, params }) => Response.json(decisionOutput.parse(await signDecision({ ctx, projectSlug: params.project, gateId: params.gate, decisionId: params.decision })), { status: 201 }),
  { permission: "gates.decide" },
);
