import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { resolveDeferredRisk } from "@/lib/services/risks/resolve-deferred-risk";
import { resolvedDeferredRiskOutput, resolveDeferredRiskInput } from "@/lib/validation/gate";

type Params = { ws: string; risk: string };

/** Marks a deferred risk resolved with what was done about it (`409` when it already is). */
export const POST = withWorkspace<Params>(
  async ({ req, ctx, params }) => Response.json(resolvedDeferredRiskOutput.parse(await resolveDeferredRisk({ ctx, riskId: params.risk, input: await readJson(req, resolveDeferredRiskInput) }))),
  { permission: "gates.write" },
);
