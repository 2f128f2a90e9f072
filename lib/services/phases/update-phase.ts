import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { publishChange } from "@/lib/db/events";
import type { UpdatePhaseInput } from "@/lib/validation/phase";
import { recordAuditEvent } from "../audit/record-audit-event";
import { getProjectInWorkspace } from "../projects/get-project";
import { assertOwner } from "./create-phase";
import { listPhases } from "./list-phases";
import { findPhase, placePhase, setPhaseDependencies } from "./phase-helpers";

export async function updatePhase({ ctx, projectSlug, id, input }: { ctx: WorkspaceContext; projectSlug: string; id: string; input: UpdatePhaseInput }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  await assertOwner(ctx, input.defaultOwnerId);
  const { dependsOn, position, ...fields } = input;
  await ctx.db.$transaction(async (tx) => {
    const phase = await findPhase(tx, project.id, id);
    // Dependencies first: a refused cycle is named with the phases' saved names.
    if (dependsOn !== undefined) await setPhaseDependencies(tx, ctx.workspace.id, project.id, phase.id, dependsOn);
    if (Object.keys(fields).length > 0) await tx.phase.update({ where: { id: phase.id }, data: fields });
    if (position !== undefined) await placePhase(tx, project.id, phase.id, position);
    await recordAuditEvent(tx, ctx, { action: "phase.updated", targetType: "phase", targetId: phase.id, metadata: { name: phase.name, fields: Object.keys(input) } });
  });
  await publishChange({ workspaceId: ctx.workspace.id, projectId: project.id, type: "phase", ref: id });
  return (await listPhases({ ctx, projectSlug })).data.find((p) => p.id === id)!;
}
