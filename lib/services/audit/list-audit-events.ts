import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";

export async function listAuditEvents({ ctx, input }: { ctx: WorkspaceContext; input: { cursor?: string; limit: number } }) {
  const rows = await ctx.db.auditEvent.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const hasMore = rows.length > input.limit;
  const page = hasMore ? rows.slice(0, input.limit) : rows;
  return { data: page, nextCursor: hasMore ? (page.at(-1)?.id ?? null) : null };
}
