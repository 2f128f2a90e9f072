import "server-only";
import type { ScopedTx } from "@/lib/db/scoped";
import { cycleIfAdded } from "@/lib/domain/graph";
import { AppError } from "@/lib/errors";
import { doneRefusal, openBlockers } from "@/lib/domain/items";
import { itemKey } from "./item-dto";
import { parseItemKey } from "./get-item";

type Project = { id: string; keyPrefix: string };

/** Item keys → ids within the project; unknown keys are a 422 naming them. */
export async function resolveItemKeys(db: ScopedTx, project: Project, keys: string[], field = "blockedBy"): Promise<Map<string, string>> {
  const unique = [...new Set(keys.map((k) => k.toUpperCase()))];
  const numbers = unique.map((k) => parseItemKey(project.keyPrefix, k));
  const found = await db.item.findMany({
    where: { projectId: project.id, number: { in: numbers.filter((n): n is number => n !== null) } },
    select: { id: true, number: true },
  });
  const byNumber = new Map(found.map((r) => [r.number, r.id]));
  const missing = unique.filter((_, i) => numbers[i] === null || !byNumber.has(numbers[i]!));
  if (missing.length > 0) {
    throw new AppError("validation_failed", `Unknown item ${missing.length === 1 ? "key" : "keys"} in this project: ${missing.join(", ")}.`, [
      { path: field, message: `unknown: ${missing.join(", ")}` },
    ]);
  }
  return new Map(unique.map((k, i) => [k, byNumber.get(numbers[i]!)!]));
}

/**
 * Refuses blockers that would make a dependency cycle (A blocks B blocks … A),
 * naming the cycle by item keys.
 */
export async function assertNoItemCycle(db: ScopedTx, project: Project, itemId: string, blockerIds: string[]) {
  const existing = await db.itemDependency.findMany({
    where: { blocked: { projectId: project.id }, NOT: { blockedId: itemId } },
    select: { blockedId: true, blockerId: true },
  });
  const edges = existing.map((d) => ({ from: d.blockedId, to: d.blockerId }));
  for (const blockerId of blockerIds) {
    const cycle = cycleIfAdded(edges, { from: itemId, to: blockerId });
    if (cycle) {
      const rows = await db.item.findMany({ where: { id: { in: cycle } }, select: { id: true, number: true } });
      const keys = new Map(rows.map((r) => [r.id, itemKey(project.keyPrefix, r.number)]));
      const named = cycle.map((id) => keys.get(id) ?? id);
      throw new AppError("dependency_cycle", `This would make a dependency cycle: ${named.join(" → ")}.`, { cycle: named });
    }
    edges.push({ from: itemId, to: blockerId });
  }
}

/** The blocker rule (lib/domain/items.ts) against the database: 409 with the open blockers' keys. */
export async function assertMayBeDone(db: ScopedTx, project: Project, item: { id: string; number: number }) {
  const rows = await db.itemDependency.findMany({
    where: { blockedId: item.id },
    select: { blocker: { select: { number: true, status: true } } },
  });
  const blockers = rows.map((r) => ({ key: itemKey(project.keyPrefix, r.blocker.number), status: r.blocker.status }));
  const key = itemKey(project.keyPrefix, item.number);
  const refusal = doneRefusal(key, "done", blockers);
  if (refusal) throw new AppError("blocked_by_open_items", refusal, { key, blockingKeys: openBlockers(blockers) });
}

/** Phase and owner ids must belong to this project and workspace. */
export async function assertReferences(db: ScopedTx, project: Project, refs: { phaseId?: string | null; ownerId?: string | null }) {
  if (refs.phaseId) {
    const phase = await db.phase.findFirst({ where: { id: refs.phaseId, projectId: project.id }, select: { id: true } });
    if (!phase) throw new AppError("validation_failed", "Invalid phaseId: no such phase in this project.", [{ path: "phaseId", message: "no such phase in this project" }]);
  }
  if (refs.ownerId) {
    const owner = await db.owner.findFirst({ where: { id: refs.ownerId }, select: { id: true } });
    if (!owner) throw new AppError("validation_failed", "Invalid ownerId: no such owner in this workspace.", [{ path: "ownerId", message: "no such owner in this workspace" }]);
  }
}
