import { withWorkspace } from "@/lib/auth/workspace";
import { enforceRateLimit } from "@/lib/rate-limit";
import { readJson } from "@/lib/http/body";
import { importPlan } from "@/lib/services/imports/import-plan";
import { importPlanInput, importPlanOutput, MAX_PLAN_BYTES } from "@/lib/validation/import";

type Params = { ws: string; project: string };

/**
 * A Markdown plan: `apply: false` (the default) answers with what would be
 * created, updated and left unchanged, by phase; `apply: true` imports it in
 * one transaction. Re-importing updates instead of duplicating. Over the size
 * limit: 413.
 */
export const POST = withWorkspace<Params>(
  async ({ req, ctx, params }) => {
    await enforceRateLimit("imports", ctx.workspace.id, "imports in this workspace");
    const input = await readJson(req, importPlanInput, MAX_PLAN_BYTES * 1.25);
    const result = await importPlan({ ctx, projectSlug: params.project, source: input.source, apply: input.apply, fileName: input.fileName ?? null, mapping: input.mapping });
    return Response.json(importPlanOutput.parse(result), { status: input.apply ? 201 : 200 });
  },
  { permission: "items.write" },
);
