import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { criticalPath } from "@/lib/domain/graph";
import type { Severity } from "@/lib/generated/prisma/enums";
import { CLOSED_STATUSES } from "@/lib/validation/item";
import type { PhaseOutput } from "@/lib/validation/phase";
import { getProjectInWorkspace } from "../projects/get-project";

const zero = (): Record<Severity, number> => ({ critical: 0, high: 0, medium: 0, low: 0 });

/**
 * A project's phases in order, with progress (done/total and by severity, in
 * one grouped query) and the critical path computed from estimates.
 */
export async function listPhases({ ctx, projectSlug }: { ctx: WorkspaceContext; projectSlug: string }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const [phases, counts] = await Promise.all([
    ctx.db.phase.findMany({
      where: { projectId: project.id },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      include: { defaultOwner: { select: { id: true, name: true } }, dependsOn: { select: { dependsOnId: true } } },
    }),
    ctx.db.item.groupBy({ by: ["phaseId", "status", "severity"], where: { projectId: project.id }, _count: { _all: true } }),
  ]);
  const edges = phases.flatMap((p) => p.dependsOn.map((d) => ({ from: p.id, to: d.dependsOnId })));
  const critical = criticalPath(phases.map((p) => ({ id: p.id, duration: p.estimateDays ?? 0 })), edges);
  const onPath = new Set(critical.total > 0 ? critical.path : []);

  const data: PhaseOutput[] = phases.map((phase) => {
    const progress = { total: 0, done: 0, open: zero(), all: zero() };
    for (const row of counts.filter((c) => c.phaseId === phase.id)) {
      const n = row._count._all;
      progress.total += n;
      progress.all[row.severity] += n;
      if ((CLOSED_STATUSES as readonly string[]).includes(row.status)) progress.done += n;
      else if (row.status !== "deferred") progress.open[row.severity] += n;
    }
    return {
      id: phase.id,
      name: phase.name,
      position: phase.position,
      objective: phase.objective,
      deliverables: phase.deliverables,
      acceptanceCriteria: phase.acceptanceCriteria,
      exitCriteria: phase.exitCriteria,
      risks: phase.risks,
      estimate: phase.estimate,
      estimateDays: phase.estimateDays,
      defaultOwner: phase.defaultOwner,
      dependsOn: phase.dependsOn.map((d) => d.dependsOnId),
      progress,
      critical: onPath.has(phase.id),
    };
  });
  return { data, criticalPath: { phaseIds: [...onPath], totalDays: critical.total } };
}
