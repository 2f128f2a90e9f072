import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { recordManualMark } from "@/lib/services/gates/record-criterion-result";
import { manualMarkInput, manualMarkOutput } from "@/lib/validation/gate";

type Params = { ws: string; project: string; gate: string; criterion: string };

/** A member marks a manual criterion pass or fail, with a justification. */
export const POST = withWorkspace<Params>(
  async ({ req, ctx, params }) =>
    Response.json(
      manualMarkOutput.parse(await recordManualMark({ ctx, projectSlug: params.project, gateId: params.gate, criterionId: params.criterion, input: await readJson(req, manualMarkInput) })),
      { status: 201 },
    ),
  { permission: "gates.write" },
);
