import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";

export async function listProjects({ ctx }: { ctx: WorkspaceContext }) {
  return ctx.db.project.findMany({ orderBy: { name: "asc" } });
}
