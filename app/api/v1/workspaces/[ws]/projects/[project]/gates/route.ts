import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { createGate } from "@/lib/services/gates/create-gate";
import { listGates } from "@/lib/services/gates/list-gates";
import { createGateInput, gateOutput } from "@/lib/validation/gate";

type Params = { ws: string; project: string };

export const GET = withWorkspace<Params>(
  async ({ ctx, params }) => Response.json({ data: gateOutput.array().parse(await listGates({ ctx, projectSlug: params.project })) }),
  { permission: "gates.read" },
);

/** A gate with its ordered criteria: rule (evaluated from the register), manual, or check (posted by CI). */
export const POST = withWorkspace<Params>(
  async ({ req, ctx, params }) =>
    Response.json(gateOutput.parse(await createGate({ ctx, projectSlug: params.project, input: await readJson(req, createGateInput) })), { status: 201 }),
  { permission: "gates.write" },
);
