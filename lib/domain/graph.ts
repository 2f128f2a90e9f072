/**
 * Dependency graphs of phases and of items: pure functions, no I/O.
 *
 * An edge `{ from, to }` means "`from` depends on `to`" (`to` comes first).
 */
export interface Edge {
  from: string;
  to: string;
}

function successors(edges: Edge[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { from, to } of edges) map.set(from, [...(map.get(from) ?? []), to]);
  return map;
}

/**
 * If adding `edge` to `edges` closes a cycle, returns it as a path that starts
 * and ends at `edge.from` (e.g. [A, B, C, A]: A depends on B, B on C, C on A);
 * otherwise null. A self-dependency is the cycle [A, A].
 */
export function cycleIfAdded(edges: Edge[], edge: Edge): string[] | null {
  if (edge.from === edge.to) return [edge.from, edge.from];
  const next = successors(edges);
  // Breadth-first from edge.to looking for edge.from, keeping parents to rebuild the path.
  const parent = new Map<string, string>([[edge.to, edge.to]]);
  const queue = [edge.to];
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (node === edge.from) {
      // Walk back from edge.from to edge.to: the chain edge.to → … → edge.from.
      const chain = [node];
      for (let cursor = node; cursor !== edge.to; ) {
        cursor = parent.get(cursor)!;
        chain.unshift(cursor);
      }
      return [edge.from, ...chain];
    }
    for (const child of next.get(node) ?? []) {
      if (!parent.has(child)) {
        parent.set(child, node);
        queue.push(child);
      }
    }
  }
  return null;
}

export interface Task {
  id: string;
  /** Duration in days; unknown estimates count as 0. */
  duration: number;
}

/**
 * The critical path of a DAG of tasks: the chain of dependencies with the
 * largest total duration. Returns the ids from first to last and the total.
 * Ties are broken by input order, so the result is stable.
 */
export function criticalPath(tasks: Task[], edges: Edge[]): { path: string[]; total: number } {
  const ids = new Set(tasks.map((t) => t.id));
  const duration = new Map(tasks.map((t) => [t.id, Math.max(0, t.duration || 0)]));
  const deps = successors(edges.filter((e) => ids.has(e.from) && ids.has(e.to)));
  const finish = new Map<string, number>();
  const via = new Map<string, string | null>();
  const visiting = new Set<string>();

  const earliestFinish = (id: string): number => {
    const known = finish.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) throw new Error(`Dependency cycle through ${id}`);
    visiting.add(id);
    let best = 0;
    let bestDep: string | null = null;
    for (const dep of deps.get(id) ?? []) {
      const f = earliestFinish(dep);
      if (bestDep === null || f > best) {
        best = f;
        bestDep = dep;
      }
    }
    visiting.delete(id);
    const total = best + (duration.get(id) ?? 0);
    finish.set(id, total);
    via.set(id, bestDep);
    return total;
  };

  let end: string | null = null;
  let total = 0;
  for (const task of tasks) {
    const f = earliestFinish(task.id);
    if (end === null || f > total) {
      end = task.id;
      total = f;
    }
  }
  const path: string[] = [];
  for (let cursor = end; cursor; cursor = via.get(cursor) ?? null) path.unshift(cursor);
  return { path, total };
}
