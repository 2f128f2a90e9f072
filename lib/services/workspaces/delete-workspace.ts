import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";

/** Deletes the workspace and, by cascade, everything it owns. Owners only (checked by the route). */
export async function deleteWorkspace({ ctx }: { ctx: WorkspaceContext }) {
  await ctx.db.workspace.delete({ where: { id: ctx.workspace.id } });
}
