import "server-only";
import { createHash } from "node:crypto";
import { actorUserId, type WorkspaceContext } from "@/lib/auth/context";
import { publishChange } from "@/lib/db/events";
import { canonicalJson } from "@/lib/domain/canonical";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RecordDecisionInput } from "@/lib/validation/gate";
import { recordAuditEvent } from "../audit/record-audit-event";
import { resolveItemKeys } from "../items/item-rules";
import { getProjectInWorkspace } from "../projects/get-project";
import { evaluateGate } from "./evaluate-gate";

export function snapshotHash(snapshot: unknown): string {
  return createHash("sha256").update(canonicalJson(snapshot)).digest("hex");
}

/**
 * Records a gate decision. The decision keeps an immutable snapshot of every
 * criterion's state, the failing items and the criteria's evidence at that
 * moment, with a SHA-256 over its canonical JSON. Go (with or without known
 * risks) is refused while a required criterion fails or is pending.
 * Decisions are never edited or deleted; a new one supersedes the last.
 */
export async function recordDecision({ ctx, projectSlug, gateId, input }: { ctx: WorkspaceContext; projectSlug: string; gateId: string; input: RecordDecisionInput }) {
  const decidedById = actorUserId(ctx);
  if (!decidedById) throw new AppError("forbidden", "Decisions are recorded by people, not API keys.");
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const evaluation = await evaluateGate({ ctx, projectSlug, gateId });

  const blocking = evaluation.criteria.filter((c) => c.required && c.state !== "pass");
  if (input.outcome !== "no_go" && blocking.length > 0) {
    throw new AppError("conflict", `Go is refused while required criteria are not met: ${blocking.map((c) => `“${c.title}” (${c.state})`).join(", ")}.`, {
      reason: "required_criteria_not_met",
      criteria: blocking.map((c) => ({ id: c.id, title: c.title, state: c.state })),
    });
  }

  const evidence = await ctx.db.evidence.findMany({
    where: { criterionId: { in: evaluation.criteria.map((c) => c.id) } },
    orderBy: { createdAt: "asc" },
    select: { id: true, criterionId: true, kind: true, url: true, command: true, output: true, note: true, filePath: true, createdAt: true },
  });

  const decision = await ctx.db.$transaction(async (tx) => {
    const risks: { itemId: string; itemKey: string; title: string; ownerId: string; dueDate: string; notes: string }[] = [];
    if (input.deferredRisks.length > 0) {
      const ids = await resolveItemKeys(tx, project, input.deferredRisks.map((r) => r.itemKey), "deferredRisks");
      const owners = new Set((await tx.owner.findMany({ where: { id: { in: input.deferredRisks.map((r) => r.ownerId) } }, select: { id: true } })).map((o) => o.id));
      for (const [index, risk] of input.deferredRisks.entries()) {
        if (!owners.has(risk.ownerId)) {
          throw new AppError("validation_failed", `Invalid deferredRisks.${index}.ownerId: no such owner in this workspace.`, [{ path: `deferredRisks.${index}.ownerId`, message: "no such owner in this workspace" }]);
        }
        const itemId = ids.get(risk.itemKey.toUpperCase())!;
        const item = await tx.item.findFirstOrThrow({ where: { id: itemId }, select: { title: true } });
        risks.push({ itemId, itemKey: risk.itemKey.toUpperCase(), title: item.title, ownerId: risk.ownerId, dueDate: risk.dueDate, notes: risk.notes });
      }
    }
    const snapshot = {
      gate: evaluation.gate,
      evaluatedAt: evaluation.evaluatedAt,
      recommendation: { outcome: evaluation.recommendation.outcome, reason: evaluation.recommendation.reason },
      criteria: evaluation.criteria.map((c) => ({
        id: c.id,
        title: c.title,
        type: c.type,
        required: c.required,
        state: c.state,
        failingCount: c.failingCount,
        failingItems: c.failingItems,
        latest: c.latest,
        evidence: evidence.filter((e) => e.criterionId === c.id).map(({ criterionId: _c, createdAt, ...e }) => ({ ...e, createdAt: createdAt.toISOString() })),
      })),
      decision: { outcome: input.outcome, rationale: input.rationale, confidence: input.confidence, decidedById },
      deferredRisks: risks.map(({ itemId: _id, ...r }) => r),
    };
    const created = await tx.decision.create({
      data: {
        workspaceId: ctx.workspace.id,
        projectId: project.id,
        gateId,
        outcome: input.outcome,
        recommendation: evaluation.recommendation.outcome,
        rationale: input.rationale,
        confidence: input.confidence,
        snapshot: JSON.parse(canonicalJson(snapshot)) as Prisma.InputJsonObject,
        snapshotHash: snapshotHash(snapshot),
        decidedById,
      },
    });
    await tx.decisionApproval.create({ data: { workspaceId: ctx.workspace.id, decisionId: created.id, userId: decidedById } });
    if (risks.length > 0) {
      await tx.deferredRisk.createMany({
        data: risks.map((r) => ({
          workspaceId: ctx.workspace.id,
          decisionId: created.id,
          itemId: r.itemId,
          title: r.title,
          ownerId: r.ownerId,
          dueDate: new Date(`${r.dueDate}T00:00:00Z`),
          notes: r.notes,
        })),
      });
    }
    await recordAuditEvent(tx, ctx, { action: "decision.recorded", targetType: "gate", targetId: gateId, metadata: { outcome: input.outcome, recommendation: evaluation.recommendation.outcome, hash: created.snapshotHash } });
    return created;
  });
  await publishChange({ workspaceId: ctx.workspace.id, projectId: project.id, type: "project", ref: gateId });
  return (await listDecisions({ ctx, projectSlug, gateId })).data.find((d) => d.id === decision.id)!;
}

/**
 * A gate's decisions, newest first. The latest is out of date when the live
 * recommendation no longer matches the one it was recorded against.
 */
export async function listDecisions({ ctx, projectSlug, gateId }: { ctx: WorkspaceContext; projectSlug: string; gateId: string }) {
  const evaluation = await evaluateGate({ ctx, projectSlug, gateId });
  const rows = await ctx.db.decision.findMany({
    where: { gateId },
    orderBy: { createdAt: "desc" },
    include: { approvals: { select: { userId: true, signedAt: true } }, deferredRisks: { include: { owner: { select: { id: true, name: true } } } } },
  });
  const users = await ctx.db.user.findMany({ where: { id: { in: rows.flatMap((r) => [r.decidedById, ...r.approvals.map((a) => a.userId)]).filter((id): id is string => Boolean(id)) } }, select: { id: true, name: true, email: true } });
  const names = new Map(users.map((u) => [u.id, u.name ?? u.email]));
  return {
    currentRecommendation: evaluation.recommendation,
    data: rows.map((row, index) => ({
      id: row.id,
      outcome: row.outcome,
      recommendation: row.recommendation,
      rationale: row.rationale,
      confidence: row.confidence,
      decidedBy: row.decidedById ? { id: row.decidedById, name: names.get(row.decidedById) ?? "Former member" } : null,
      approvals: row.approvals.map((a) => ({ userId: a.userId, name: names.get(a.userId) ?? "Former member", signedAt: a.signedAt.toISOString() })),
      deferredRisks: row.deferredRisks.map((r) => ({ id: r.id, title: r.title, owner: r.owner, dueDate: r.dueDate.toISOString().slice(0, 10), notes: r.notes, resolvedAt: r.resolvedAt?.toISOString() ?? null })),
      snapshot: row.snapshot,
      snapshotHash: row.snapshotHash,
      createdAt: row.createdAt.toISOString(),
      superseded: index > 0,
      outOfDate: index === 0 && row.recommendation !== evaluation.recommendation.outcome,
    })),
  };
}
