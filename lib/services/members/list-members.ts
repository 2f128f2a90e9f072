import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";

export async function listMembers({ ctx }: { ctx: WorkspaceContext }) {
  const rows = await ctx.db.membership.findMany({
    include: { user: { select: { id: true, email: true, name: true } } },
    orderBy: [{ createdAt: "asc" }],
  });
  return rows.map((m) => ({ userId: m.userId, email: m.user.email, name: m.user.name, role: m.role, joinedAt: m.createdAt }));
}
