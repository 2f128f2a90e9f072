import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DeferredRiskListQuery } from "@/lib/validation/gate";
import { itemKey } from "../items/item-dto";
import { getProjectInWorkspace } from "../projects/get-project";

/** Today as a UTC day (YYYY-MM-DD). */
export function utcToday(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** A risk is overdue once its due day has passed and nobody has resolved it. */
export function isOverdue(risk: { dueDate: string; resolvedAt: string | null }, today = utcToday()): boolean {
  return risk.resolvedAt === null && risk.dueDate < today;
}

export const DEFERRED_RISKS_LIMIT = 500;

/**
 * Deferred risks of a workspace, or of one project, by due date. Open risks
 * are the unresolved ones that the latest decision of each gate accepted (a
 * newer decision supersedes the risks of the one before); resolved risks are
 * listed whatever decision they came from.
 */
export async function listDeferredRisks({ ctx, query, limit = DEFERRED_RISKS_LIMIT }: { ctx: WorkspaceContext; query: DeferredRiskListQuery; limit?: number }) {
  const project = query.project ? await getProjectInWorkspace({ ctx, slug: query.project }) : null;
  const gates = await ctx.db.gate.findMany({
    where: project ? { projectId: project.id } : {},
    select: { decisions: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true } } },
  });
  const current = gates.flatMap((g) => g.decisions.map((d) => d.id));
  const openWhere: Prisma.DeferredRiskWhereInput = { resolvedAt: null, decisionId: { in: current } };
  const resolvedWhere: Prisma.DeferredRiskWhereInput = { resolvedAt: { not: null }, ...(project ? { decision: { projectId: project.id } } : {}) };
  const where = query.status === "open" ? openWhere : query.status === "resolved" ? resolvedWhere : { OR: [openWhere, resolvedWhere] };

  const [rows, total] = await Promise.all([
    ctx.db.deferredRisk.findMany({
      where,
      orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
      take: limit,
      select: {
        id: true,
        title: true,
        notes: true,
        dueDate: true,
        resolvedAt: true,
        resolvedById: true,
        resolution: true,
        owner: { select: { id: true, name: true } },
        item: { select: { number: true, status: true } },
        decision: { select: { id: true, outcome: true, createdAt: true, gate: { select: { id: true, name: true } }, project: { select: { slug: true, name: true, keyPrefix: true } } } },
      },
    }),
    ctx.db.deferredRisk.count({ where }),
  ]);
  const resolvers = await ctx.db.user.findMany({ where: { id: { in: rows.map((r) => r.resolvedById).filter((id): id is string => Boolean(id)) } }, select: { id: true, name: true, email: true } });
  const names = new Map(resolvers.map((u) => [u.id, u.name ?? u.email]));
  const today = utcToday();
  return {
    total,
    data: rows.map((r) => {
      const dueDate = r.dueDate.toISOString().slice(0, 10);
      const resolvedAt = r.resolvedAt?.toISOString() ?? null;
      return {
        id: r.id,
        title: r.title,
        notes: r.notes,
        itemKey: r.item ? itemKey(r.decision.project.keyPrefix, r.item.number) : null,
        itemStatus: r.item?.status ?? null,
        owner: r.owner,
        dueDate,
        overdue: isOverdue({ dueDate, resolvedAt }, today),
        resolvedAt,
        resolvedBy: r.resolvedById ? (names.get(r.resolvedById) ?? "Former member") : null,
        resolution: r.resolution,
        project: { slug: r.decision.project.slug, name: r.decision.project.name },
        gate: r.decision.gate,
        decision: { id: r.decision.id, outcome: r.decision.outcome, createdAt: r.decision.createdAt.toISOString() },
      };
    }),
  };
}
