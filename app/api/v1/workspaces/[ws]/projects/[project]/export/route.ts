import { withWorkspace } from "@/lib/auth/workspace";
import { readQuery } from "@/lib/http/body";
import { appOrigin } from "@/lib/http/urls";
import { contentDisposition, exportProject } from "@/lib/services/exchange/export-project";
import { exportQuery } from "@/lib/validation/exchange";

type Params = { ws: string; project: string };

/**
 * The project as a download: `format=json` (the register, docs/register-json-v1.md),
 * `csv` (one row per item), `plan-md` (the plan with current statuses) or
 * `gate-md` (a gate's release checklist; `&gate=<id>`, default the first gate).
 */
export const GET = withWorkspace<Params>(
  async ({ req, ctx, params }) => {
    const query = readQuery(req, exportQuery);
    const file = await exportProject({ ctx, projectSlug: params.project, query, origin: appOrigin(req) });
    return new Response(file.body, {
      headers: { "content-type": file.contentType, "content-disposition": contentDisposition(file.fileName), "cache-control": "private, no-store", "x-content-type-options": "nosniff" },
    });
  },
  { permission: "items.read" },
);
