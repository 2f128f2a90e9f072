import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { generatePlanMarkdown, rewritePlanStatuses } from "@/lib/domain/exchange/plan-markdown";
import { registerCsv } from "@/lib/domain/exchange/register-csv";
import { registerJsonText } from "@/lib/domain/exchange/register-json";
import { NotFoundError } from "@/lib/errors";
import type { ExportQuery } from "@/lib/validation/exchange";
import { exportGateChecklist } from "../gates/export-gate-checklist";
import { getProjectInWorkspace } from "../projects/get-project";
import { exportRegister } from "./export-register";

export interface ExportFile {
  body: string;
  contentType: string;
  fileName: string;
}

/**
 * The plan as Markdown with current statuses. When the project was imported
 * from a Markdown plan, its latest import comes back with the front matter's
 * todo statuses and the task-list boxes rewritten (everything else as it was),
 * so it can be committed where it came from; otherwise a plan is written from
 * the register.
 */
export async function exportPlanMarkdown({ ctx, projectSlug }: { ctx: WorkspaceContext; projectSlug: string }): Promise<ExportFile> {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const latest = await ctx.db.planImport.findFirst({ where: { projectId: project.id, format: "markdown" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { source: true, fileName: true } });
  const contentType = "text/markdown; charset=utf-8";
  if (latest) {
    const items = await ctx.db.item.findMany({ where: { projectId: project.id, OR: [{ externalId: { startsWith: "todo:" } }, { externalId: { startsWith: "md:" } }] }, select: { externalId: true, status: true } });
    const statuses = new Map(items.map((i) => [i.externalId!, i.status]));
    return { body: rewritePlanStatuses(latest.source, statuses).markdown, contentType, fileName: latest.fileName ?? `${project.slug}-plan.md` };
  }
  const { register } = await exportRegister({ ctx, projectSlug });
  return { body: generatePlanMarkdown(register), contentType, fileName: `${project.slug}-plan.md` };
}

/** One export of a project as a file: the register (JSON or CSV), the plan, or a gate's checklist. */
export async function exportProject({ ctx, projectSlug, query, origin }: { ctx: WorkspaceContext; projectSlug: string; query: ExportQuery; origin: string }): Promise<ExportFile> {
  switch (query.format) {
    case "json": {
      const { register, project } = await exportRegister({ ctx, projectSlug });
      return { body: registerJsonText(register), contentType: "application/json; charset=utf-8", fileName: `${project.slug}-register.json` };
    }
    case "csv": {
      const { register, project } = await exportRegister({ ctx, projectSlug });
      return { body: registerCsv(register), contentType: "text/csv; charset=utf-8", fileName: `${project.slug}-register.csv` };
    }
    case "plan-md":
      return exportPlanMarkdown({ ctx, projectSlug });
    case "gate-md": {
      const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
      const gateId = query.gate ?? (await ctx.db.gate.findFirst({ where: { projectId: project.id }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true } }))?.id;
      if (!gateId) throw new NotFoundError("Gate");
      const { markdown, fileName } = await exportGateChecklist({ ctx, projectSlug, gateId, origin });
      return { body: markdown, contentType: "text/markdown; charset=utf-8", fileName };
    }
  }
}

/** `attachment` with an ASCII filename and its UTF-8 form (RFC 6266). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
