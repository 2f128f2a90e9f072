import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { deleteGate } from "@/lib/services/gates/create-gate";
import { evaluateGate } from "@/lib/services/gates/evaluate-gate";
import { updateGate } from "@/lib/services/gates/update-gate";
import { gateEvaluationOutput, gateOutput, updateGateInput } from "@/lib/validation/gate";

type Params = { ws: string; project: string; gate: string };

/** The gate with every criterion's live state (same body as …/evaluation). */
export const GET = withWorkspace<Params>(async ({ ctx, params }) => Response.json(gateEvaluationOutput.parse(await evaluateGate({ ctx, projectSlug: params.project, gateId: params.gate }))), {
  permission: "gates.read",
});

/** Name, description, target date, approvers and required sign-offs, and the whole ordered criteria list. */
export const PATCH = withWorkspace<Params>(
  async ({ req, ctx, params }) => Response.json(gateOutput.parse(await updateGate({ ctx, projectSlug: params.project, gateId: params.gate, input: await readJson(req, updateGateInput) }))),
  { permission: "gates.write" },
);

/** Deleting a gate deletes its recorded decisions too: owners and admins only. */
export const DELETE = withWorkspace<Params>(
  async ({ ctx, params }) => {
    await deleteGate({ ctx, projectSlug: params.project, gateId: params.gate });
    return new Response(null, { status: 204 });
  },
  { permission: "gates.decide" },
);
