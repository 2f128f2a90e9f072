import { withWorkspace } from "@/lib/auth/workspace";
import { enforceRateLimit } from "@/lib/rate-limit";
import { readJson } from "@/lib/http/body";
import { importRegisterCsv } from "@/lib/services/exchange/import-register-csv";
import { importCsvInput, importCsvOutput, MAX_EXCHANGE_BODY_BYTES } from "@/lib/validation/exchange";

type Params = { ws: string; project: string };

/**
 * A CSV file (a Readyroom, Jira, Linear or GitHub export, or any CSV with a
 * header): without `apply`, the detected preset, the columns with sample
 * values, the proposed (or given) `mapping` and what every row would do, with
 * row-numbered errors; with `apply: true`, the import in one transaction.
 * Unreadable CSV: 422 invalid_csv naming the row. Over the size limit: 413.
 */
export const POST = withWorkspace<Params>(
  async ({ req, ctx, params }) => {
    await enforceRateLimit("imports", ctx.workspace.id, "imports in this workspace");
    const input = await readJson(req, importCsvInput, MAX_EXCHANGE_BODY_BYTES);
    const result = await importRegisterCsv({ ctx, projectSlug: params.project, source: input.source, fileName: input.fileName ?? null, preset: input.preset, mapping: input.mapping, apply: input.apply });
    return Response.json(importCsvOutput.parse(result), { status: input.apply ? 201 : 200 });
  },
  { permission: "items.write" },
);
