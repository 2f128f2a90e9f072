import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { listDecisions, recordDecision } from "@/lib/services/gates/decisions";
import { decisionListOutput, decisionOutput, recordDecisionInput } from "@/lib/validation/gate";

type Params = { ws: string; project: string; gate: string };

export const GET = withWorkspace<Params>(
  async ({ ctx, params }) => Response.json(decisionListOutput.parse(await listDecisions({ ctx, projectSlug: params.project, gateId: params.gate }))),
  { permission: "gates.read" },
);

/** Decisions are recorded, never edited or deleted: there is no PATCH or DELETE. */
export const POST = withWorkspace<Params>(
  async ({ req, ctx, params }) =>
    Response.json(decisionOutput.parse(await recordDecision({ ctx, projectSlug: params.project, gateId: params.gate, input: await readJson(req, recordDecisionInput) })), { status: 201 }),
  { permission: "gates.decide" },
);
