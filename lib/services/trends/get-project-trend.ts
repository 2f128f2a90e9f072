import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { addDays, forecastGo } from "@/lib/domain/forecast";
import type { Prisma } from "@/lib/generated/prisma/client";
import { gateRule } from "@/lib/validation/gate";
import { evaluateGate } from "../gates/evaluate-gate";
import { breakingWhere, undeferredWhere } from "../gates/rule-where";
import { getProjectInWorkspace } from "../projects/get-project";
import { utcToday } from "../risks/list-deferred-risks";
import { firstGate, takeProjectSnapshot } from "./take-project-snapshot";

/** Today's snapshot is rewritten when it is older than this (the daily job keeps the other days). */
const SNAPSHOT_FRESH_MS = 10 * 60_000;
/** The completion rate of the forecast: items closed over this many days. */
export const FORECAST_WINDOW_DAYS = 14;

/**
 * The items that still make the gate No-Go: those breaking a required rule
 * criterion, and those breaking an advisory one without being deferred with an
 * owner and a due date. `max_open_items` counts only the items over its limit.
 */
async function itemsStandingInTheWay(ctx: WorkspaceContext, projectId: string, gateId: string) {
  const criteria = await ctx.db.criterion.findMany({ where: { gateId }, select: { type: true, required: true, rule: true } });
  const wheres: Prisma.ItemWhereInput[] = [];
  let overLimits = 0;
  for (const criterion of criteria) {
    if (criterion.type !== "rule") continue;
    const parsed = gateRule.safeParse(criterion.rule);
    if (!parsed.success) continue;
    const where = criterion.required ? breakingWhere(projectId, parsed.data) : undeferredWhere(projectId, parsed.data);
    if (parsed.data.type === "max_open_items") overLimits += Math.max(0, (await ctx.db.item.count({ where })) - parsed.data.max);
    else wheres.push(where);
  }
  const distinct = wheres.length ? await ctx.db.item.count({ where: { OR: wheres } }) : 0;
  return distinct + overLimits;
}

/**
 * A project's daily snapshots over the last `days` days (today's refreshed
 * first when stale) and a forecast date for Go from the recent completion rate.
 */
export async function getProjectTrend({ ctx, projectSlug, days }: { ctx: WorkspaceContext; projectSlug: string; days: number }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const today = utcToday();
  const todayRow = await ctx.db.projectSnapshot.findFirst({ where: { projectId: project.id, day: new Date(`${today}T00:00:00Z`) }, select: { updatedAt: true } });
  if (!todayRow || Date.now() - todayRow.updatedAt.getTime() > SNAPSHOT_FRESH_MS) await takeProjectSnapshot({ ctx, project });

  const from = new Date(`${addDays(today, -(days - 1))}T00:00:00Z`);
  const [rows, gate] = await Promise.all([
    ctx.db.projectSnapshot.findMany({ where: { projectId: project.id, day: { gte: from } }, orderBy: { day: "asc" } }),
    firstGate(ctx, project.id),
  ]);

  let forecast = null;
  if (gate) {
    const windowStart = new Date(Date.now() - FORECAST_WINDOW_DAYS * 86_400_000);
    const [remaining, closedInWindow, evaluation] = await Promise.all([
      itemsStandingInTheWay(ctx, project.id, gate.id),
      ctx.db.item.count({ where: { projectId: project.id, closedAt: { gte: windowStart } } }),
      evaluateGate({ ctx, projectSlug, gateId: gate.id }),
    ]);
    forecast = {
      gate: { id: gate.id, name: gate.name, targetDate: gate.targetDate?.toISOString().slice(0, 10) ?? null },
      recommendation: evaluation.recommendation.outcome,
      ...forecastGo({ remaining, closedInWindow, windowDays: FORECAST_WINDOW_DAYS, today }),
      /** Manual and check criteria not passing yet: the forecast cannot see when people or CI will pass them. */
      unmetOtherCriteria: evaluation.criteria.filter((c) => c.type !== "rule" && c.state !== "pass").length,
    };
  }
  return {
    days: rows.map((r) => ({
      day: r.day.toISOString().slice(0, 10),
      total: r.total,
      open: r.open,
      closed: r.closed,
      openBySeverity: r.openBySeverity as Record<string, number>,
      byStatus: r.byStatus as Record<string, number>,
      recommendation: r.recommendation,
    })),
    forecast,
  };
}
