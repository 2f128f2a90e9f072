import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";

export async function listProjects({ ctx }: { ctx: WorkspaceContext }) {
  return ctx.db.project.findMany({ orderBy: { name: "asc" } });
}

/** Item counts per project and status, in one grouped query. */
export async function projectItemCounts({ ctx }: { ctx: WorkspaceContext }) {
  const rows = await ctx.db.item.groupBy({ by: ["projectId", "status"], _count: { _all: true } });
  const counts = new Map<string, { total: number; done: number; open: number }>();
  for (const row of rows) {
    const c = counts.get(row.projectId) ?? { total: 0, done: 0, open: 0 };
    c.total += row._count._all;
    if (row.status === "done" || row.status === "wont_fix") c.done += row._count._all;
    else if (row.status !== "deferred") c.open += row._count._all;
    counts.set(row.projectId, c);
  }
  return counts;
}
