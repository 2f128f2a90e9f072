import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { isClosed } from "@/lib/domain/items";
import type { ItemStatus, Severity } from "@/lib/generated/prisma/enums";
import { evaluateGate } from "../gates/evaluate-gate";
import { utcToday } from "../risks/list-deferred-risks";

const SEVERITIES: Severity[] = ["critical", "high", "medium", "low"];
const STATUSES: ItemStatus[] = ["open", "in_progress", "blocked", "in_review", "done", "deferred", "wont_fix"];

/** The project's first gate (by position): the one its trend and forecast follow. */
export function firstGate(ctx: WorkspaceContext, projectId: string) {
  return ctx.db.gate.findFirst({ where: { projectId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, name: true, targetDate: true } });
}

/**
 * Writes today's snapshot of a project (one row per project and UTC day,
 * rewritten during the day): items by status, open items by severity, and the
 * first gate's recommendation. One grouped query and one gate evaluation.
 */
export async function takeProjectSnapshot({ ctx, project }: { ctx: WorkspaceContext; project: { id: string; slug: string } }) {
  const [groups, gate] = await Promise.all([
    ctx.db.item.groupBy({ by: ["status", "severity"], where: { projectId: project.id }, _count: { _all: true } }),
    firstGate(ctx, project.id),
  ]);
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>;
  const openBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let total = 0;
  let closed = 0;
  for (const g of groups) {
    const n = g._count._all;
    total += n;
    byStatus[g.status] += n;
    if (isClosed(g.status)) closed += n;
    else if (g.status !== "deferred") openBySeverity[g.severity] += n;
  }
  const open = Object.values(openBySeverity).reduce((a, b) => a + b, 0);
  const recommendation = gate ? (await evaluateGate({ ctx, projectSlug: project.slug, gateId: gate.id })).recommendation.outcome : null;
  const day = new Date(`${utcToday()}T00:00:00Z`);
  const values = { total, open, closed, openBySeverity, byStatus, recommendation };
  return ctx.db.projectSnapshot.upsert({
    where: { projectId_day: { projectId: project.id, day } },
    create: { workspaceId: ctx.workspace.id, projectId: project.id, day, ...values },
    update: values,
  });
}

/** Today's snapshot of every project of the workspace (the daily job and `readyroom snapshot`). */
export async function snapshotWorkspace({ ctx }: { ctx: WorkspaceContext }): Promise<number> {
  const projects = await ctx.db.project.findMany({ select: { id: true, slug: true } });
  for (const project of projects) await takeProjectSnapshot({ ctx, project });
  return projects.length;
}
