import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { NotFoundError } from "@/lib/errors";

/** A project of this workspace by slug; another workspace's project is simply not found. */
export async function getProjectInWorkspace({ ctx, slug }: { ctx: WorkspaceContext; slug: string }) {
  const project = await ctx.db.project.findFirst({ where: { slug } });
  if (!project) throw new NotFoundError("Project");
  return project;
}
