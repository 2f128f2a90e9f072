import { withWorkspace } from "@/lib/auth/workspace";
import { enforceRateLimit } from "@/lib/rate-limit";
import { readJson } from "@/lib/http/body";
import { importRegisterJson } from "@/lib/services/exchange/import-register-json";
import { importJsonInput, importJsonOutput, MAX_EXCHANGE_BODY_BYTES } from "@/lib/validation/exchange";

type Params = { ws: string; project: string };

/**
 * A Readyroom register file (`readyroom.register` v1): `apply: false` (the
 * default) answers with what would be created, updated and left unchanged;
 * `apply: true` imports it in one transaction. Another schema or version:
 * 422 unsupported_schema. Over the size limit: 413.
 */
export const POST = withWorkspace<Params>(
  async ({ req, ctx, params }) => {
    await enforceRateLimit("imports", ctx.workspace.id, "imports in this workspace");
    const input = await readJson(req, importJsonInput, MAX_EXCHANGE_BODY_BYTES);
    const result = await importRegisterJson({ ctx, projectSlug: params.project, source: input.source, fileName: input.fileName ?? null, apply: input.apply });
    return Response.json(importJsonOutput.parse(result), { status: input.apply ? 201 : 200 });
  },
  { permission: "items.write" },
);
