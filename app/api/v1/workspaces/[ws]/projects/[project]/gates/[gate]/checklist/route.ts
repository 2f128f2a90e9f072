import { withWorkspace } from "@/lib/auth/workspace";
import { appOrigin } from "@/lib/http/urls";
import { exportGateChecklist } from "@/lib/services/gates/export-gate-checklist";

type Params = { ws: string; project: string; gate: string };

/** The gate as a Markdown release-gate checklist (`text/markdown`, as a download). */
export const GET = withWorkspace<Params>(
  async ({ req, ctx, params }) => {
    const { markdown, fileName } = await exportGateChecklist({ ctx, projectSlug: params.project, gateId: params.gate, origin: appOrigin(req) });
    return new Response(markdown, {
      headers: { "content-type": "text/markdown; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "private, no-store" },
    });
  },
  { permission: "gates.read" },
);
