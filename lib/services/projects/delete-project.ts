import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { recordAuditEvent } from "../audit/record-audit-event";
import { getProjectInWorkspace } from "./get-project";

/** Deletes a project and everything in it (phases, items, gates, decisions). */
export async function deleteProject({ ctx, slug }: { ctx: WorkspaceContext; slug: string }) {
  const project = await getProjectInWorkspace({ ctx, slug });
  await ctx.db.$transaction(async (tx) => {
    await tx.project.delete({ where: { id: project.id } });
    await recordAuditEvent(tx, ctx, { action: "project.deleted", targetType: "project", targetId: project.id, metadata: { slug: project.slug, name: project.name } });
  });
}
