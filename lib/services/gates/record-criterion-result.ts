import "server-only";
import { actorFields, type WorkspaceContext } from "@/lib/auth/context";
import { publishChange } from "@/lib/db/events";
import { AppError, NotFoundError } from "@/lib/errors";
import type { CheckResultInput, ManualMarkInput } from "@/lib/validation/gate";
import { recordAuditEvent } from "../audit/record-audit-event";
import { getProjectInWorkspace } from "../projects/get-project";

export async function findCriterion(ctx: WorkspaceContext, projectId: string, gateId: string, criterionId: string) {
  const criterion = await ctx.db.criterion.findFirst({ where: { id: criterionId, gateId, gate: { projectId } } });
  if (!criterion) throw new NotFoundError("Criterion");
  return criterion;
}

/** A check result posted by CI (or a person) for a `check` criterion. The latest counts; all are kept. */
export async function recordCheckResult({ ctx, projectSlug, gateId, criterionId, input }: { ctx: WorkspaceContext; projectSlug: string; gateId: string; criterionId: string; input: CheckResultInput }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const criterion = await findCriterion(ctx, project.id, gateId, criterionId);
  if (criterion.type !== "check") throw new AppError("conflict", `“${criterion.title}” is a ${criterion.type} criterion; only check criteria take posted results.`);
  const actor = actorFields(ctx);
  const result = await ctx.db.$transaction(async (tx) => {
    const created = await tx.checkResult.create({
      data: {
        workspaceId: ctx.workspace.id,
        criterionId,
        status: input.status,
        summary: input.summary,
        url: input.url ?? null,
        commitSha: input.commitSha ?? null,
        buildRef: input.buildRef ?? null,
        apiKeyId: actor.actorApiKeyId,
        createdById: actor.actorUserId,
      },
    });
    await recordAuditEvent(tx, ctx, { action: "check.recorded", targetType: "criterion", targetId: criterionId, metadata: { status: input.status, commitSha: input.commitSha ?? null } });
    return created;
  });
  await publishChange({ workspaceId: ctx.workspace.id, projectId: project.id, type: "project", ref: gateId });
  return { id: result.id, status: result.status, summary: result.summary, url: result.url, commitSha: result.commitSha, buildRef: result.buildRef, createdAt: result.createdAt.toISOString() };
}

/** A person's pass/fail mark on a `manual` criterion, with a justification. Earlier marks stay in the history. */
export async function recordManualMark({ ctx, projectSlug, gateId, criterionId, input }: { ctx: WorkspaceContext; projectSlug: string; gateId: string; criterionId: string; input: ManualMarkInput }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const criterion = await findCriterion(ctx, project.id, gateId, criterionId);
  if (criterion.type !== "manual") throw new AppError("conflict", `“${criterion.title}” is a ${criterion.type} criterion; only manual criteria are marked by people.`);
  const markedById = actorFields(ctx).actorUserId;
  if (!markedById) throw new AppError("forbidden", "Manual criteria are marked by people, not API keys.");
  const mark = await ctx.db.$transaction(async (tx) => {
    const created = await tx.criterionMark.create({ data: { workspaceId: ctx.workspace.id, criterionId, result: input.result, justification: input.justification, markedById } });
    if (input.evidenceUrl || input.evidenceNote) {
      await tx.evidence.create({
        data: { workspaceId: ctx.workspace.id, projectId: project.id, criterionId, kind: input.evidenceUrl ? "link" : "note", url: input.evidenceUrl ?? null, note: input.evidenceNote ?? null, createdById: markedById },
      });
    }
    await recordAuditEvent(tx, ctx, { action: "criterion.marked", targetType: "criterion", targetId: criterionId, metadata: { result: input.result } });
    return created;
  });
  await publishChange({ workspaceId: ctx.workspace.id, projectId: project.id, type: "project", ref: gateId });
  return { id: mark.id, result: mark.result, justification: mark.justification, createdAt: mark.createdAt.toISOString() };
}
