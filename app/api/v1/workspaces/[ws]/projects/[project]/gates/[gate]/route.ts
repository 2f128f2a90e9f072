import { withWorkspace } from "@/lib/auth/workspace";
import { deleteGate } from "@/lib/services/gates/create-gate";
import { evaluateGate } from "@/lib/services/gates/evaluate-gate";

type Params = { ws: string; project: string; gate: string };

/** The gate with every criterion's live state (same body as …/evaluation). */
export const GET = withWorkspace<Params>(async ({ ctx, params }) => Response.json(await evaluateGate({ ctx, projectSlug: params.project, gateId: params.gate })), {
  permission: "gates.read",
});

/** Deleting a gate deletes its recorded decisions too: owners and admins only. */
export const DELETE = withWorkspace<Params>(
  async ({ ctx, params }) => {
    await deleteGate({ ctx, projectSlug: params.project, gateId: params.gate });
    return new Response(null, { status: 204 });
  },
  { permission: "gates.decide" },
);
