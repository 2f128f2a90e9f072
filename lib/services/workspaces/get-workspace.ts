import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";

export async function getWorkspace({ ctx }: { ctx: WorkspaceContext }) {
  return ctx.db.workspace.findFirstOrThrow({ where: { id: ctx.workspace.id } });
}
