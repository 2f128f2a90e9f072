import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { isClosed } from "@/lib/domain/items";
import type { Outcome } from "@/lib/domain/gates";
import { evaluateGate } from "../gates/evaluate-gate";
import { listDeferredRisks } from "../risks/list-deferred-risks";

export interface PortfolioProject {
  slug: string;
  name: string;
  keyPrefix: string;
  gate: { id: string; name: string; targetDate: string | null } | null;
  recommendation: { outcome: Outcome; reason: string } | null;
  lastDecision: { outcome: Outcome; at: string; signedOff: boolean; approvals: number; requiredApprovals: number } | null;
  /** The last decision says one thing and the register now says another. */
  disagrees: boolean;
  openBlockers: number;
  openCriticalHigh: number;
  progress: { total: number; closed: number };
  phases: { name: string; total: number; closed: number }[];
}

/**
 * The manager's view of a workspace: every project's gate, its live
 * recommendation against the last decision, blockers, open critical and high
 * items, progress by phase, and the deferred risks due next. Counts come from
 * grouped queries over all projects at once; each gate is evaluated in the
 * database (lib/services/gates/evaluate-gate.ts).
 */
export async function getPortfolio({ ctx }: { ctx: WorkspaceContext }) {
  const [projects, itemGroups, phaseGroups, phases, gates, risks] = await Promise.all([
    ctx.db.project.findMany({ orderBy: { name: "asc" }, select: { id: true, slug: true, name: true, keyPrefix: true } }),
    ctx.db.item.groupBy({ by: ["projectId", "status", "severity", "blocker"], _count: { _all: true } }),
    ctx.db.item.groupBy({ by: ["projectId", "phaseId", "status"], where: { phaseId: { not: null } }, _count: { _all: true } }),
    ctx.db.phase.findMany({ orderBy: { position: "asc" }, select: { id: true, projectId: true, name: true } }),
    ctx.db.gate.findMany({
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, projectId: true, name: true, targetDate: true, decisions: { orderBy: { createdAt: "desc" }, take: 1, select: { outcome: true, createdAt: true, requiredApprovals: true, _count: { select: { approvals: true } } } } },
    }),
    listDeferredRisks({ ctx, query: { status: "open" }, limit: 8 }),
  ]);

  const result: PortfolioProject[] = [];
  for (const project of projects) {
    const groups = itemGroups.filter((g) => g.projectId === project.id);
    const open = (g: (typeof groups)[number]) => !isClosed(g.status) && g.status !== "deferred";
    const sum = (list: typeof groups) => list.reduce((n, g) => n + g._count._all, 0);
    const gate = gates.find((g) => g.projectId === project.id) ?? null;
    const evaluation = gate ? await evaluateGate({ ctx, projectSlug: project.slug, gateId: gate.id }) : null;
    const last = gate?.decisions[0] ?? null;
    result.push({
      slug: project.slug,
      name: project.name,
      keyPrefix: project.keyPrefix,
      gate: gate ? { id: gate.id, name: gate.name, targetDate: gate.targetDate?.toISOString() ?? null } : null,
      recommendation: evaluation ? { outcome: evaluation.recommendation.outcome, reason: evaluation.recommendation.reason } : null,
      lastDecision: last ? { outcome: last.outcome, at: last.createdAt.toISOString(), signedOff: last._count.approvals >= last.requiredApprovals, approvals: last._count.approvals, requiredApprovals: last.requiredApprovals } : null,
      disagrees: Boolean(last && evaluation && last.outcome !== evaluation.recommendation.outcome),
      openBlockers: sum(groups.filter((g) => g.blocker && open(g))),
      openCriticalHigh: sum(groups.filter((g) => open(g) && (g.severity === "critical" || g.severity === "high"))),
      progress: { total: sum(groups), closed: sum(groups.filter((g) => isClosed(g.status))) },
      phases: phases
        .filter((p) => p.projectId === project.id)
        .map((p) => {
          const rows = phaseGroups.filter((g) => g.phaseId === p.id);
          return { name: p.name, total: rows.reduce((n, g) => n + g._count._all, 0), closed: rows.filter((g) => isClosed(g.status)).reduce((n, g) => n + g._count._all, 0) };
        }),
    });
  }
  return {
    projects: result,
    risks: risks.data.map((r) => ({ id: r.id, title: r.title, dueDate: r.dueDate, overdue: r.overdue, owner: r.owner.name, project: r.project, itemKey: r.itemKey })),
    openRisks: risks.total,
  };
}
