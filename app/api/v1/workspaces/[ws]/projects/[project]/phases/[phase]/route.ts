import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { deletePhase } from "@/lib/services/phases/delete-phase";
import { updatePhase } from "@/lib/services/phases/update-phase";
import { phaseOutput, updatePhaseInput } from "@/lib/validation/phase";

type Params = { ws: string; project: string; phase: string };

export const PATCH = withWorkspace<Params>(
  async ({ req, ctx, params }) =>
    Response.json(phaseOutput.parse(await updatePhase({ ctx, projectSlug: params.project, id: params.phase, input: await readJson(req, updatePhaseInput) }))),
  { permission: "items.write" },
);

export const DELETE = withWorkspace<Params>(
  async ({ ctx, params }) => {
    await deletePhase({ ctx, projectSlug: params.project, id: params.phase });
    return new Response(null, { status: 204 });
  },
  { permission: "items.write" },
);
