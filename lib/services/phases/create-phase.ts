import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { publishChange } from "@/lib/db/events";
import { AppError } from "@/lib/errors";
import type { CreatePhaseInput } from "@/lib/validation/phase";
import { recordAuditEvent } from "../audit/record-audit-event";
import { getProjectInWorkspace } from "../projects/get-project";
import { listPhases } from "./list-phases";
import { placePhase, setPhaseDependencies } from "./phase-helpers";

export async function assertOwner(ctx: WorkspaceContext, ownerId: string | null | undefined) {
  if (!ownerId) return;
  if (!(await ctx.db.owner.findFirst({ where: { id: ownerId }, select: { id: true } }))) {
    throw new AppError("validation_failed", "Invalid defaultOwnerId: no such owner in this workspace.", [{ path: "defaultOwnerId", message: "no such owner in this workspace" }]);
  }
}

export async function createPhase({ ctx, projectSlug, input }: { ctx: WorkspaceContext; projectSlug: string; input: CreatePhaseInput }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  await assertOwner(ctx, input.defaultOwnerId);
  const { dependsOn, position, ...fields } = input;
  const id = await ctx.db.$transaction(async (tx) => {
    const count = await tx.phase.count({ where: { projectId: project.id } });
    const phase = await tx.phase.create({ data: { workspaceId: ctx.workspace.id, projectId: project.id, ...fields, position: count } });
    if (position !== undefined && position < count) await placePhase(tx, project.id, phase.id, position);
    await setPhaseDependencies(tx, ctx.workspace.id, project.id, phase.id, dependsOn);
    await recordAuditEvent(tx, ctx, { action: "phase.created", targetType: "phase", targetId: phase.id, metadata: { name: phase.name } });
    return phase.id;
  });
  await publishChange({ workspaceId: ctx.workspace.id, projectId: project.id, type: "phase", ref: id });
  return (await listPhases({ ctx, projectSlug })).data.find((p) => p.id === id)!;
}
