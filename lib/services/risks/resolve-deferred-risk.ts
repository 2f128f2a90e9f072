import "server-only";
import { actorFields, type WorkspaceContext } from "@/lib/auth/context";
import { publishChange } from "@/lib/db/events";
import { AppError, NotFoundError } from "@/lib/errors";
import type { ResolveDeferredRiskInput } from "@/lib/validation/gate";
import { recordAuditEvent } from "../audit/record-audit-event";

/**
 * Marks a deferred risk resolved, with what was done about it. The decision
 * that accepted it (and its snapshot) stays as recorded.
 */
export async function resolveDeferredRisk({ ctx, riskId, input }: { ctx: WorkspaceContext; riskId: string; input: ResolveDeferredRiskInput }) {
  const risk = await ctx.db.deferredRisk.findFirst({ where: { id: riskId }, select: { id: true, title: true, resolvedAt: true, decision: { select: { projectId: true, gateId: true } } } });
  if (!risk) throw new NotFoundError("Deferred risk");
  const resolvedAt = new Date();
  await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.deferredRisk.updateMany({ where: { id: riskId, resolvedAt: null }, data: { resolvedAt, resolvedById: actorFields(ctx).actorUserId, resolution: input.resolution } });
    if (count === 0) throw new AppError("conflict", `“${risk.title}” is already resolved.`, { reason: "already_resolved" });
    await recordAuditEvent(tx, ctx, { action: "deferred_risk.resolved", targetType: "deferred_risk", targetId: riskId, metadata: { title: risk.title } });
  });
  await publishChange({ workspaceId: ctx.workspace.id, projectId: risk.decision.projectId, type: "project", ref: risk.decision.gateId });
  return { id: riskId, resolvedAt: resolvedAt.toISOString(), resolution: input.resolution };
}
