/**
 * Batches of parallel tasks: pure functions, no I/O.
 *
 * A plan runs its batches one after another and the tasks inside a batch at
 * the same time, so no two tasks in one batch may touch the same file and
 * every dependency of a task must run in an earlier batch.
 */
import { cycleIfAdded, type Edge } from "./graph";

export interface BatchTask {
  key: string;
  title: string;
  /** Paths as a plan lists them; see `normaliseFile`. A path ending in "/" is a directory and claims everything under it. */
  files: string[];
  /** Keys that must run in an earlier batch. */
  dependsOn: string[];
}

/**
 * `key` cannot share a batch with `with`: they touch the same `file`, or
 * `key` depends on `with`. `key` is the task that came later (the one that was
 * deferred). `file` is the shared path as normalised; when a directory holds
 * the other task's file, it is the directory.
 */
export interface BatchConflict {
  key: string;
  with: string;
  reason: "file" | "dependency";
  file?: string;
}

export interface Batch {
  /** Position in `BatchPlan.batches`, from 0. */
  index: number;
  keys: string[];
  /** Why tasks were pushed out of this batch into a later one. */
  deferred: BatchConflict[];
}

export interface BatchPlan {
  batches: Batch[];
  /**
   * Tasks that cannot be placed: part of a dependency cycle, depending on an
   * unknown key or on another unplaceable task, or repeating an earlier key.
   * In input order.
   */
  unplaceable: { key: string; reason: string }[];
}

/**
 * A path as written in a plan, made comparable: trimmed, without surrounding
 * backticks and without a trailing note in parentheses, so
 * "`alembic/versions/` (new migration)" becomes "alembic/versions/".
 */
export function normaliseFile(raw: string): string {
  let path = raw;
  for (let previous = ""; previous !== path; ) {
    previous = path;
    path = path.trim();
    if (path.length > 1 && path.startsWith("`") && path.endsWith("`")) path = path.slice(1, -1);
    path = path.replace(/\s+\([^()]*\)$/, "");
  }
  return path;
}

function normalisedFiles(task: BatchTask): string[] {
  return [...new Set(task.files.map(normaliseFile).filter((path) => path !== ""))];
}

/** The path two paths share: the path itself if equal, the directory if one holds the other; else null. */
function overlap(a: string, b: string): string | null {
  if (a === b) return a;
  const holds = (dir: string, path: string) => dir.endsWith("/") && (path.startsWith(dir) || path === dir.slice(0, -1));
  if (holds(a, b)) return a;
  if (holds(b, a)) return b;
  return null;
}

/** Every path `files` shares with `others`, each once, in the order of `files`. */
function sharedPaths(files: string[], others: string[]): string[] {
  const shared = new Set<string>();
  for (const file of files) {
    for (const other of others) {
      const path = overlap(file, other);
      if (path !== null) shared.add(path);
    }
  }
  return [...shared];
}

/**
 * Every pair of tasks in one batch that touch the same file, one conflict per
 * pair and shared path. `key` is the later task in the batch, `with` the earlier.
 */
export function fileConflicts(batch: BatchTask[]): BatchConflict[] {
  const files = batch.map(normalisedFiles);
  const conflicts: BatchConflict[] = [];
  for (let later = 1; later < batch.length; later++) {
    for (let earlier = 0; earlier < later; earlier++) {
      for (const file of sharedPaths(files[later]!, files[earlier]!)) {
        conflicts.push({ key: batch[later]!.key, with: batch[earlier]!.key, reason: "file", file });
      }
    }
  }
  return conflicts;
}

const quoted = (keys: string[]) => keys.map((key) => `"${key}"`).join(", ");

/**
 * Splits tasks into batches. Greedy by dependency level, then input order, so
 * the result is stable: each task goes into the earliest batch after all its
 * dependencies whose tasks touch none of its files. Each batch it could not
 * join records why in `deferred`. Tasks that cannot be placed are reported in
 * `unplaceable`, never thrown.
 */
export function planBatches(tasks: BatchTask[]): BatchPlan {
  const unplaceable = new Map<number, string>();
  const indexOf = new Map<string, number>();
  tasks.forEach((task, i) => {
    if (indexOf.has(task.key)) unplaceable.set(i, `duplicate key "${task.key}": an earlier task already has it`);
    else indexOf.set(task.key, i);
  });
  const unique = [...indexOf.values()];
  const deps = new Map(unique.map((i) => [i, [...new Set(tasks[i]!.dependsOn)]]));
  const filesOf = new Map(unique.map((i) => [i, normalisedFiles(tasks[i]!)]));

  for (const i of unique) {
    const unknown = deps.get(i)!.filter((key) => !indexOf.has(key));
    if (unknown.length > 0) unplaceable.set(i, `depends on unknown ${unknown.length === 1 ? "task" : "tasks"} ${quoted(unknown)}`);
  }

  // Kahn's algorithm over the tasks whose dependencies are all known; what it
  // never reaches is in a cycle or waits on a task that is.
  const level = new Map<number, number>();
  const waiting = new Map<number, number>();
  const dependents = new Map<number, number[]>();
  for (const i of unique) {
    if (unplaceable.has(i)) continue;
    waiting.set(i, deps.get(i)!.length);
    for (const key of deps.get(i)!) {
      const dep = indexOf.get(key)!;
      dependents.set(dep, [...(dependents.get(dep) ?? []), i]);
    }
  }
  const ready = unique.filter((i) => waiting.get(i) === 0);
  for (const i of ready) level.set(i, 0);
  while (ready.length > 0) {
    const i = ready.shift()!;
    for (const next of dependents.get(i) ?? []) {
      level.set(next, Math.max(level.get(next) ?? 0, level.get(i)! + 1));
      const left = waiting.get(next)! - 1;
      waiting.set(next, left);
      if (left === 0) ready.push(next);
    }
  }

  const stuck = unique.filter((i) => !unplaceable.has(i) && waiting.get(i)! > 0);
  const stuckEdges: Edge[] = stuck.flatMap((i) => deps.get(i)!.map((to) => ({ from: tasks[i]!.key, to })));
  for (const i of stuck) {
    const key = tasks[i]!.key;
    const cycle = deps
      .get(i)!
      .map((to) => cycleIfAdded(stuckEdges, { from: key, to }))
      .find((path) => path !== null);
    if (cycle) {
      unplaceable.set(i, `part of dependency cycle ${cycle.join(" → ")}`);
    } else {
      const blocked = deps.get(i)!.filter((dep) => {
        const d = indexOf.get(dep)!;
        return unplaceable.has(d) || stuck.includes(d);
      });
      unplaceable.set(i, `depends on ${quoted(blocked)}, which cannot be placed`);
    }
  }

  const order = unique.filter((i) => waiting.get(i) === 0).sort((a, b) => level.get(a)! - level.get(b)! || a - b);
  const batches: Batch[] = [];
  const batchOf = new Map<string, number>();
  for (const i of order) {
    const task = tasks[i]!;
    const files = filesOf.get(i)!;
    const depBatches = deps.get(i)!.map((key) => ({ key, batch: batchOf.get(key)! }));
    const start = Math.max(0, ...depBatches.map((dep) => dep.batch + 1));
    // The batches its dependency level allowed but a dependency pushed later occupies.
    for (let b = level.get(i)!; b < start; b++) {
      for (const dep of depBatches) {
        if (dep.batch >= b) batches[b]!.deferred.push({ key: task.key, with: dep.key, reason: "dependency" });
      }
    }
    for (let b = start; ; b++) {
      const batch = batches[b];
      if (!batch) {
        batches.push({ index: b, keys: [task.key], deferred: [] });
        batchOf.set(task.key, b);
        break;
      }
      const conflicts = batch.keys.flatMap((other) =>
        sharedPaths(files, filesOf.get(indexOf.get(other)!)!).map((file): BatchConflict => ({ key: task.key, with: other, reason: "file", file })),
      );
      if (conflicts.length === 0) {
        batch.keys.push(task.key);
        batchOf.set(task.key, b);
        break;
      }
      batch.deferred.push(...conflicts);
    }
  }

  return {
    batches,
    unplaceable: [...unplaceable.entries()].sort(([a], [b]) => a - b).map(([i, reason]) => ({ key: tasks[i]!.key, reason })),
  };
}

/**
 * Checks a given grouping (batches of keys, run in order): every task exactly
 * once, no file shared within a batch, every dependency in an earlier batch.
 * Problems name batches from 1, as plans do.
 */
export function validateBatches(tasks: BatchTask[], batches: string[][]): { valid: boolean; problems: string[] } {
  const problems: string[] = [];
  const byKey = new Map<string, BatchTask>();
  for (const task of tasks) {
    if (byKey.has(task.key)) problems.push(`Task key "${task.key}" is used by more than one task.`);
    else byKey.set(task.key, task);
  }

  const batchOf = new Map<string, number>();
  batches.forEach((keys, b) => {
    for (const key of keys) {
      const first = batchOf.get(key);
      if (!byKey.has(key)) problems.push(`Batch ${b + 1} lists "${key}", which is not a task.`);
      else if (first === undefined) batchOf.set(key, b);
      else if (first === b) problems.push(`"${key}" appears more than once in batch ${b + 1}.`);
      else problems.push(`"${key}" appears in batch ${first + 1} and again in batch ${b + 1}.`);
    }
  });
  for (const key of byKey.keys()) if (!batchOf.has(key)) problems.push(`"${key}" is in no batch.`);

  for (const [key, b] of batchOf) {
    for (const dep of new Set(byKey.get(key)!.dependsOn)) {
      const depBatch = batchOf.get(dep);
      if (!byKey.has(dep)) problems.push(`"${key}" depends on "${dep}", which is not a task.`);
      else if (depBatch === undefined) problems.push(`"${key}" depends on "${dep}", which is in no batch.`);
      else if (depBatch === b) problems.push(`"${key}" depends on "${dep}", which is in the same batch ${b + 1}.`);
      else if (depBatch > b) problems.push(`"${key}" (batch ${b + 1}) depends on "${dep}", which comes later (batch ${depBatch + 1}).`);
    }
  }

  batches.forEach((keys, b) => {
    const members = [...new Set(keys)].flatMap((key) => byKey.get(key) ?? []);
    for (const conflict of fileConflicts(members)) {
      problems.push(`Batch ${b + 1}: "${conflict.with}" and "${conflict.key}" both touch ${conflict.file}.`);
    }
  });

  return { valid: problems.length === 0, problems };
}
