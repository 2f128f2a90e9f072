import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import type { ItemStatus, Severity } from "@/lib/generated/prisma/enums";
import { getProjectInWorkspace } from "./get-project";

const CLOSED: ItemStatus[] = ["done", "wont_fix"];
const SEVERITIES: Severity[] = ["critical", "high", "medium", "low"];

/** A project's overview in a fixed number of queries: phases with progress, open items by severity, gates. */
export async function getProjectOverview({ ctx, slug }: { ctx: WorkspaceContext; slug: string }) {
  const project = await getProjectInWorkspace({ ctx, slug });
  const [phases, byPhase, bySeverity, blockers, gates] = await Promise.all([
    ctx.db.phase.findMany({
      where: { projectId: project.id },
      orderBy: { position: "asc" },
      include: { defaultOwner: { select: { name: true } }, dependsOn: { select: { dependsOnId: true } } },
    }),
    ctx.db.item.groupBy({ by: ["phaseId", "status"], where: { projectId: project.id }, _count: { _all: true } }),
    ctx.db.item.groupBy({ by: ["severity"], where: { projectId: project.id, status: { notIn: [...CLOSED, "deferred"] } }, _count: { _all: true } }),
    ctx.db.item.count({ where: { projectId: project.id, blocker: true, status: { notIn: [...CLOSED, "deferred"] } } }),
    ctx.db.gate.findMany({
      where: { projectId: project.id },
      orderBy: { position: "asc" },
      include: { _count: { select: { criteria: true } }, decisions: { orderBy: { createdAt: "desc" }, take: 1, select: { outcome: true, createdAt: true } } },
    }),
  ]);

  const progress = new Map<string | null, { total: number; closed: number; deferred: number }>();
  for (const row of byPhase) {
    const p = progress.get(row.phaseId) ?? { total: 0, closed: 0, deferred: 0 };
    p.total += row._count._all;
    if (CLOSED.includes(row.status)) p.closed += row._count._all;
    if (row.status === "deferred") p.deferred += row._count._all;
    progress.set(row.phaseId, p);
  }
  const names = new Map(phases.map((p) => [p.id, p.name]));
  const total = [...progress.values()].reduce((sum, p) => ({ total: sum.total + p.total, closed: sum.closed + p.closed, deferred: sum.deferred + p.deferred }), { total: 0, closed: 0, deferred: 0 });

  return {
    project,
    totals: total,
    openBySeverity: SEVERITIES.map((severity) => ({ severity, count: bySeverity.find((r) => r.severity === severity)?._count._all ?? 0 })),
    openBlockers: blockers,
    phases: phases.map((phase) => ({
      id: phase.id,
      name: phase.name,
      objective: phase.objective,
      estimate: phase.estimate,
      owner: phase.defaultOwner?.name ?? null,
      dependsOn: phase.dependsOn.map((d) => names.get(d.dependsOnId) ?? "—"),
      progress: progress.get(phase.id) ?? { total: 0, closed: 0, deferred: 0 },
    })),
    unphased: progress.get(null) ?? { total: 0, closed: 0, deferred: 0 },
    gates: gates.map((gate) => ({
      id: gate.id,
      name: gate.name,
      targetDate: gate.targetDate,
      criteria: gate._count.criteria,
      lastDecision: gate.decisions[0] ?? null,
    })),
  };
}
