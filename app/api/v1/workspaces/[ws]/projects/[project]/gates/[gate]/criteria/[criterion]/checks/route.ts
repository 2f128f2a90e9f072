import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { recordCheckResult } from "@/lib/services/gates/record-criterion-result";
import { checkResultInput, checkResultOutput } from "@/lib/validation/gate";

type Params = { ws: string; project: string; gate: string; criterion: string };

/** CI posts a check result with a write (or admin) API key: `Authorization: Bearer rr_…`. */
export const POST = withWorkspace<Params>(
  async ({ req, ctx, params }) =>
    Response.json(
      checkResultOutput.parse(await recordCheckResult({ ctx, projectSlug: params.project, gateId: params.gate, criterionId: params.criterion, input: await readJson(req, checkResultInput) })),
      { status: 201 },
    ),
  { permission: "gates.write" },
);
