import "server-only";
import type { ScopedTx } from "@/lib/db/scoped";
import { cycleIfAdded } from "@/lib/domain/graph";
import { AppError, NotFoundError } from "@/lib/errors";

export async function findPhase(db: ScopedTx, projectId: string, id: string) {
  const phase = await db.phase.findFirst({ where: { id, projectId } });
  if (!phase) throw new NotFoundError("Phase");
  return phase;
}

/**
 * Replaces a phase's prerequisites, refusing unknown phases and any set that
 * would close a cycle (the error names the phases around it).
 */
export async function setPhaseDependencies(db: ScopedTx, workspaceId: string, projectId: string, phaseId: string, dependsOn: string[]) {
  const wanted = [...new Set(dependsOn)];
  const phases = await db.phase.findMany({ where: { projectId }, select: { id: true, name: true } });
  const names = new Map(phases.map((p) => [p.id, p.name]));
  const unknown = wanted.filter((id) => !names.has(id));
  if (unknown.length > 0) {
    throw new AppError("validation_failed", "Invalid dependsOn: no such phase in this project.", [{ path: "dependsOn", message: `unknown phase ids: ${unknown.join(", ")}` }]);
  }
  const others = await db.phaseDependency.findMany({ where: { phase: { projectId }, NOT: { phaseId } }, select: { phaseId: true, dependsOnId: true } });
  const edges = others.map((d) => ({ from: d.phaseId, to: d.dependsOnId }));
  for (const to of wanted) {
    const cycle = cycleIfAdded(edges, { from: phaseId, to });
    if (cycle) {
      const named = cycle.map((id) => names.get(id) ?? id);
      throw new AppError("dependency_cycle", `This dependency would make a cycle: ${named.join(" → ")}.`, { cycle: named });
    }
    edges.push({ from: phaseId, to });
  }
  await db.phaseDependency.deleteMany({ where: { phaseId } });
  if (wanted.length > 0) await db.phaseDependency.createMany({ data: wanted.map((dependsOnId) => ({ workspaceId, phaseId, dependsOnId })) });
}

/** Moves a phase to `position` (0-based) and renumbers the project's phases 0…n-1. */
export async function placePhase(db: ScopedTx, projectId: string, phaseId: string, position: number) {
  const ordered = await db.phase.findMany({ where: { projectId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, position: true } });
  const rest = ordered.filter((p) => p.id !== phaseId);
  rest.splice(Math.min(position, rest.length), 0, { id: phaseId, position });
  for (const [index, phase] of rest.entries()) {
    const current = ordered.find((p) => p.id === phase.id);
    if (current?.position !== index) await db.phase.update({ where: { id: phase.id }, data: { position: index } });
  }
}
