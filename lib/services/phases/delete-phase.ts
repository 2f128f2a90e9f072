import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { publishChange } from "@/lib/db/events";
import { recordAuditEvent } from "../audit/record-audit-event";
import { getProjectInWorkspace } from "../projects/get-project";
import { findPhase } from "./phase-helpers";

/** Deletes a phase; its items stay in the register without a phase, and the rest are renumbered. */
export async function deletePhase({ ctx, projectSlug, id }: { ctx: WorkspaceContext; projectSlug: string; id: string }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  await ctx.db.$transaction(async (tx) => {
    const phase = await findPhase(tx, project.id, id);
    await tx.phase.delete({ where: { id: phase.id } });
    const rest = await tx.phase.findMany({ where: { projectId: project.id }, orderBy: { position: "asc" }, select: { id: true, position: true } });
    for (const [index, p] of rest.entries()) if (p.position !== index) await tx.phase.update({ where: { id: p.id }, data: { position: index } });
    await recordAuditEvent(tx, ctx, { action: "phase.deleted", targetType: "phase", targetId: phase.id, metadata: { name: phase.name } });
  });
  await publishChange({ workspaceId: ctx.workspace.id, projectId: project.id, type: "phase", ref: id });
}
