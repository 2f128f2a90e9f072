import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { type BatchTask, fileConflicts, normaliseFile, planBatches, validateBatches } from "@/lib/domain/batches";
import { isClosed } from "@/lib/domain/items";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type BatchConflictOutput, type BatchItemOutput, type BatchPlanOutput, type BatchPlanQuery, MAX_BATCH_ITEMS } from "@/lib/validation/batches";
import { CLOSED_STATUSES } from "@/lib/validation/item";
import { itemKey } from "../items/item-dto";
import { parseItemKey } from "../items/get-item";
import { findPhase } from "../phases/phase-helpers";
import { getProjectInWorkspace } from "../projects/get-project";

type Phase = { id: string; name: string; position: number };

const ITEM_SELECT = {
  id: true,
  number: true,
  title: true,
  status: true,
  files: true,
  phase: { select: { id: true, name: true, position: true } },
  blockedBy: { select: { blocker: { select: { id: true, number: true, status: true } } } },
} as const satisfies Prisma.ItemSelect;

/** The selection as a where clause; named keys are checked first, so one that is not this project's is a 404. */
async function selectionWhere(ctx: WorkspaceContext, project: { id: string; keyPrefix: string }, query: BatchPlanQuery) {
  const and: Prisma.ItemWhereInput[] = [{ projectId: project.id }];
  let phase: Phase | null = null;
  if (query.phase === "none") and.push({ phaseId: null });
  else if (query.phase !== undefined) {
    const found = await findPhase(ctx.db, project.id, query.phase);
    phase = { id: found.id, name: found.name, position: found.position };
    and.push({ phaseId: phase.id });
  }
  if (query.items) {
    const numbers = query.items.map((key) => parseItemKey(project.keyPrefix, key));
    const found = new Set(
      (await ctx.db.item.findMany({ where: { projectId: project.id, number: { in: numbers.filter((n): n is number => n !== null) } }, select: { number: true } })).map((i) => i.number),
    );
    const missing = query.items.filter((_, i) => numbers[i] === null || !found.has(numbers[i]!));
    if (missing.length > 0) {
      throw new AppError("not_found", `No ${missing.length === 1 ? "item" : "items"} ${missing.join(", ")} in this project.`, [{ path: "items", message: `not found: ${missing.join(", ")}` }]);
    }
    and.push({ number: { in: [...found] } });
  }
  if (!query.includeDone) and.push({ status: { notIn: [...CLOSED_STATUSES] } });
  return { where: { AND: and }, phase };
}

/**
 * For each phase, the nearest phases it depends on that hold selected items:
 * a prerequisite with none is looked through to its own prerequisites, so the
 * order survives a phase that is not in this run.
 */
function nearestPrerequisites(edges: { phaseId: string; dependsOnId: string }[], occupied: Set<string>): Map<string, Set<string>> {
  const direct = new Map<string, string[]>();
  for (const e of edges) direct.set(e.phaseId, [...(direct.get(e.phaseId) ?? []), e.dependsOnId]);
  const result = new Map<string, Set<string>>();
  for (const phaseId of occupied) {
    const found = new Set<string>();
    const seen = new Set<string>([phaseId]);
    const queue = [...(direct.get(phaseId) ?? [])];
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (seen.has(next)) continue;
      seen.add(next);
      if (occupied.has(next)) found.add(next);
      else queue.push(...(direct.get(next) ?? []));
    }
    result.set(phaseId, found);
  }
  return result;
}

/** "batch 2" in validateBatches' problems, for a grouping by phase: the phase's name. */
function namePhases(problem: string, phases: Phase[]): string {
  return problem.replace(/\b([Bb])atch (\d+)\b/g, (match, b: string, n: string) => {
    const phase = phases[Number(n) - 1];
    return phase ? `${b === "B" ? "Phase" : "phase"} “${phase.name}”` : match;
  });
}

/**
 * Plans batches of parallel work for a project's items: one phase (or the
 * items in no phase), a list of item keys, or every item; done and won't-fix
 * items are left out unless `includeDone`. No two items in one batch touch the
 * same file, and an item runs in a later batch than every item that blocks it.
 *
 * Only dependencies among the selected items count: an item that blocks a
 * selected one from outside the selection is not part of this run and is
 * treated as satisfied (the item lists it in `blockedOutside` when it is still
 * open), and a chain of blockers through it is not followed. With `phaseOrder`, an item also waits for the selected items of the
 * phases its phase depends on.
 *
 * Each batch lists what kept items out of it: every item of the next batch
 * says why it could not run there (a shared file, or a blocker running there),
 * and so does an item pushed further on.
 *
 * Besides the plan, it checks the result again with `validateBatches` and, when
 * the selection spans several phases, checks the project's own grouping (each
 * phase a batch, in phase order) the same way.
 */
export async function planProjectBatches({ ctx, projectSlug, query }: { ctx: WorkspaceContext; projectSlug: string; query: BatchPlanQuery }): Promise<BatchPlanOutput> {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const { where, phase } = await selectionWhere(ctx, project, query);
  const rows = await ctx.db.item.findMany({ where, select: ITEM_SELECT, orderBy: { number: "asc" }, take: MAX_BATCH_ITEMS + 1 });
  if (rows.length > MAX_BATCH_ITEMS) {
    throw new AppError("validation_failed", `The selection has more than ${MAX_BATCH_ITEMS} items; plan one phase or a list of items at a time.`, [
      { path: query.items ? "items" : "phase", message: `more than ${MAX_BATCH_ITEMS} items` },
    ]);
  }

  const keyOf = (number: number) => itemKey(project.keyPrefix, number);
  const selected = new Set(rows.map((r) => r.id));
  const keyById = new Map(rows.map((r) => [r.id, keyOf(r.number)]));
  const dependsOn = new Map<string, string[]>(rows.map((r) => [keyOf(r.number), r.blockedBy.filter((d) => selected.has(d.blocker.id)).map((d) => keyById.get(d.blocker.id)!)]));
  const itemEdges = new Set([...dependsOn].flatMap(([key, deps]) => deps.map((dep) => `${key}\u0000${dep}`)));

  if (query.phaseOrder) {
    const occupied = new Set(rows.flatMap((r) => (r.phase ? [r.phase.id] : [])));
    const edges = await ctx.db.phaseDependency.findMany({ where: { phase: { projectId: project.id } }, select: { phaseId: true, dependsOnId: true } });
    const prerequisites = nearestPrerequisites(edges, occupied);
    const keysInPhase = new Map<string, string[]>();
    for (const r of rows) if (r.phase) keysInPhase.set(r.phase.id, [...(keysInPhase.get(r.phase.id) ?? []), keyOf(r.number)]);
    for (const r of rows) {
      if (!r.phase) continue;
      const key = keyOf(r.number);
      const waits = [...prerequisites.get(r.phase.id)!].flatMap((id) => keysInPhase.get(id) ?? []);
      dependsOn.set(key, [...new Set([...dependsOn.get(key)!, ...waits])]);
    }
  }

  const tasks: BatchTask[] = rows.map((r) => ({ key: keyOf(r.number), title: r.title, files: r.files, dependsOn: dependsOn.get(keyOf(r.number))! }));
  const taskByKey = new Map(tasks.map((t) => [t.key, t]));
  const summaries = new Map<string, BatchItemOutput>(
    rows.map((r) => [
      keyOf(r.number),
      {
        key: keyOf(r.number),
        title: r.title,
        status: r.status,
        files: r.files,
        phase: r.phase ? { id: r.phase.id, name: r.phase.name } : null,
        blockedOutside: r.blockedBy
          .filter((d) => !selected.has(d.blocker.id) && !isClosed(d.blocker.status))
          .map((d) => ({ key: keyOf(d.blocker.number), status: d.blocker.status }))
          .sort((a, b) => a.key.localeCompare(b.key, "en", { numeric: true })),
      },
    ]),
  );

  const plan = planBatches(tasks);
  const conflict = (c: { key: string; with: string; reason: "file" | "dependency"; file?: string }): BatchConflictOutput =>
    c.reason === "file" ? { key: c.key, with: c.with, reason: "file", file: c.file } : { key: c.key, with: c.with, reason: "dependency", via: itemEdges.has(`${c.key}\u0000${c.with}`) ? "item" : "phase" };

  // The domain records the pushes; an item that sits in the batch right after its
  // blockers was never pushed, but its blockers are why it is not one batch earlier.
  const batchOf = new Map(plan.batches.flatMap((b) => b.keys.map((key) => [key, b.index] as const)));
  const deferred = plan.batches.map((b) => [...b.deferred]);
  for (const batch of plan.batches.slice(1)) {
    const previous = deferred[batch.index - 1]!;
    for (const key of batch.keys) {
      if (previous.some((d) => d.key === key)) continue;
      for (const dep of taskByKey.get(key)!.dependsOn) if (batchOf.get(dep) === batch.index - 1) previous.push({ key, with: dep, reason: "dependency" });
    }
  }

  const groups = plan.batches.map((b) => b.keys);
  const placed = new Set(groups.flat());
  const recheck = validateBatches(tasks.filter((t) => placed.has(t.key)), groups);
  const sharedFiles = plan.batches.reduce((n, b) => n + fileConflicts(b.keys.map((key) => taskByKey.get(key)!)).length, 0);

  const phases = [...new Map(rows.flatMap((r) => (r.phase ? [[r.phase.id, r.phase] as const] : []))).values()].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
  let phaseGrouping: BatchPlanOutput["phaseGrouping"] = null;
  if (phases.length > 1) {
    const byPhase = phases.map((p) => rows.filter((r) => r.phase?.id === p.id).map((r) => keyOf(r.number)));
    const phased = new Set(byPhase.flat());
    const phasedTasks = tasks.filter((t) => phased.has(t.key)).map((t) => ({ ...t, dependsOn: t.dependsOn.filter((dep) => phased.has(dep)) }));
    const result = validateBatches(phasedTasks, byPhase);
    phaseGrouping = {
      groups: phases.map((p, i) => ({ phase: { id: p.id, name: p.name }, keys: byPhase[i]! })),
      unphased: rows.length - phased.size,
      valid: result.valid,
      problems: result.problems.map((problem) => namePhases(problem, phases)),
    };
  }

  return {
    selection: {
      kind: query.items ? "items" : query.phase !== undefined ? "phase" : "all",
      phase: phase ? { id: phase.id, name: phase.name } : null,
      unphased: query.phase === "none",
      keys: query.items ?? [],
      includeDone: query.includeDone,
      phaseOrder: query.phaseOrder,
    },
    totals: { items: rows.length, withoutFiles: tasks.filter((t) => t.files.every((f) => normaliseFile(f) === "")).length, dependencies: itemEdges.size },
    batches: plan.batches.map((b) => ({ number: b.index + 1, items: b.keys.map((key) => summaries.get(key)!), deferred: deferred[b.index]!.map(conflict) })),
    unplaceable: plan.unplaceable.map((u) => ({ key: u.key, title: taskByKey.get(u.key)!.title, reason: u.reason })),
    check: { valid: recheck.valid && sharedFiles === 0, fileConflicts: sharedFiles, problems: recheck.problems },
    phaseGrouping,
  };
}
