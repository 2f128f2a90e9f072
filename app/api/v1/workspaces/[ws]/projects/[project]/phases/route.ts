import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { createPhase } from "@/lib/services/phases/create-phase";
import { listPhases } from "@/lib/services/phases/list-phases";
import { createPhaseInput, phaseListOutput, phaseOutput } from "@/lib/validation/phase";

type Params = { ws: string; project: string };

export const GET = withWorkspace<Params>(async ({ ctx, params }) => Response.json(phaseListOutput.parse(await listPhases({ ctx, projectSlug: params.project }))), {
  permission: "items.read",
});

export const POST = withWorkspace<Params>(
  async ({ req, ctx, params }) =>
    Response.json(phaseOutput.parse(await createPhase({ ctx, projectSlug: params.project, input: await readJson(req, createPhaseInput) })), { status: 201 }),
  { permission: "items.write" },
);
