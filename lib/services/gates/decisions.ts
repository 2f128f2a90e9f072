import "server-only";
import { createHash } from "node:crypto";
import { actorUserId, type WorkspaceContext } from "@/lib/auth/context";
import { publishChange } from "@/lib/db/events";
import { canonicalJson } from "@/lib/domain/canonical";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { AppError, NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RecordDecisionInput } from "@/lib/validation/gate";
import { recordAuditEvent } from "../audit/record-audit-event";
import { emitWebhookEvent } from "../webhooks/emit-webhook-event";
import { itemKey } from "../items/item-dto";
import { resolveItemKeys } from "../items/item-rules";
import { getProjectInWorkspace } from "../projects/get-project";
import { criteriaWithEvidence, evaluateGate } from "./evaluate-gate";

export function snapshotHash(snapshot: unknown): string {
  return createHash("sha256").update(canonicalJson(snapshot)).digest("hex");
}

/**
 * Who may record and sign a gate's decisions: its named approvers who are
 * still owners or admins, or, when it names none (or none of them still
 * decide), every owner and admin. Null means "any owner or admin".
 */
async function eligibleApprovers(ctx: WorkspaceContext, gateId: string): Promise<Set<string> | null> {
  const named = await ctx.db.gateApprover.findMany({ where: { gateId }, select: { userId: true } });
  if (named.length === 0) return null;
  const deciders = await ctx.db.membership.findMany({ where: { userId: { in: named.map((a) => a.userId) }, role: { in: [...PERMISSIONS["gates.decide"]] } }, select: { userId: true } });
  return deciders.length ? new Set(deciders.map((m) => m.userId)) : null;
}

async function assertApprover(ctx: WorkspaceContext, gateId: string, userId: string): Promise<Set<string> | null> {
  const eligible = await eligibleApprovers(ctx, gateId);
  if (eligible && !eligible.has(userId)) throw new AppError("forbidden", "Only this gate’s approvers record and sign its decisions.");
  return eligible;
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
  const eligible = await assertApprover(ctx, gateId, decidedById);
  // A decision can never need more sign-offs than there are approvers left to give them.
  const requiredApprovals = eligible ? Math.min(evaluation.gate.requiredApprovals, eligible.size) : evaluation.gate.requiredApprovals;

  const blocking = evaluation.criteria.filter((c) => c.required && c.state !== "pass");
  if (input.outcome !== "no_go" && blocking.length > 0) {
    throw new AppError("conflict", `Go is refused while required criteria are not met: ${blocking.map((c) => `“${c.title}” (${c.state})`).join(", ")}.`, {
      reason: "required_criteria_not_met",
      criteria: blocking.map((c) => ({ id: c.id, title: c.title, state: c.state })),
    });
  }

  const criteria = await criteriaWithEvidence(ctx, evaluation);

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
      criteria: criteria.map((c) => ({
        id: c.id,
        title: c.title,
        type: c.type,
        required: c.required,
        state: c.state,
        failingCount: c.failingCount,
        failingItems: c.failingItems,
        latest: c.latest,
        evidence: c.evidence,
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
        requiredApprovals,
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
    await emitWebhookEvent(tx, ctx, "decision.recorded", {
      project: { slug: project.slug, name: project.name },
      gate: { id: gateId, name: evaluation.gate.name },
      decision: { id: created.id, outcome: input.outcome, recommendation: evaluation.recommendation.outcome, rationale: input.rationale, snapshotHash: created.snapshotHash, decidedAt: created.createdAt.toISOString() },
      deferredRisks: risks.map((r) => ({ itemKey: r.itemKey, title: r.title, ownerId: r.ownerId, dueDate: r.dueDate })),
    });
    return created;
  });
  await publishChange({ workspaceId: ctx.workspace.id, projectId: project.id, type: "project", ref: gateId });
  return (await listDecisions({ ctx, projectSlug, gateId })).data.find((d) => d.id === decision.id)!;
}

/**
 * An approver signs the gate's latest decision. A decision takes effect once
 * it has the sign-offs its gate required when it was recorded; the recorder's
 * signature is the first. Superseded and fully signed decisions take none.
 */
export async function signDecision({ ctx, projectSlug, gateId, decisionId }: { ctx: WorkspaceContext; projectSlug: string; gateId: string; decisionId: string }) {
  const userId = actorUserId(ctx);
  if (!userId) throw new AppError("forbidden", "Decisions are signed by people, not API keys.");
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const decision = await ctx.db.decision.findFirst({ where: { id: decisionId, gateId, projectId: project.id }, include: { approvals: { select: { userId: true } } } });
  if (!decision) throw new NotFoundError("Decision");
  await assertApprover(ctx, gateId, userId);
  await ctx.db.$transaction(async (tx) => {
    // Lock the decision's row (a no-op update) so two approvers signing at once cannot both take the last place.
    await tx.decision.updateMany({ where: { id: decisionId }, data: { requiredApprovals: decision.requiredApprovals } });
    const latest = await tx.decision.findFirst({ where: { gateId }, orderBy: { createdAt: "desc" }, select: { id: true } });
    if (latest?.id !== decisionId) throw new AppError("conflict", "This decision has been superseded by a newer one; sign the latest decision instead.", { reason: "superseded" });
    const approvals = await tx.decisionApproval.findMany({ where: { decisionId }, select: { userId: true } });
    if (approvals.some((a) => a.userId === userId)) throw new AppError("conflict", "You have already signed this decision.", { reason: "already_signed" });
    if (approvals.length >= decision.requiredApprovals) throw new AppError("conflict", "This decision already has every sign-off it needs.", { reason: "fully_signed" });
    await tx.decisionApproval.create({ data: { workspaceId: ctx.workspace.id, decisionId, userId } });
    await recordAuditEvent(tx, ctx, { action: "decision.signed", targetType: "gate", targetId: gateId, metadata: { decisionId, signatures: approvals.length + 1, required: decision.requiredApprovals } });
  });
  await publishChange({ workspaceId: ctx.workspace.id, projectId: project.id, type: "project", ref: gateId });
  return (await listDecisions({ ctx, projectSlug, gateId })).data.find((d) => d.id === decisionId)!;
}

/**
 * A gate's decisions, newest first. The latest is out of date when the live
 * recommendation no longer matches the one it was recorded against.
 */
export async function listDecisions({ ctx, projectSlug, gateId }: { ctx: WorkspaceContext; projectSlug: string; gateId: string }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const evaluation = await evaluateGate({ ctx, projectSlug, gateId });
  const rows = await ctx.db.decision.findMany({
    where: { gateId },
    orderBy: { createdAt: "desc" },
    include: {
      approvals: { select: { userId: true, signedAt: true } },
      deferredRisks: { orderBy: { dueDate: "asc" }, include: { owner: { select: { id: true, name: true } }, item: { select: { number: true } } } },
    },
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
      approvals: row.approvals
        .map((a) => ({ userId: a.userId, name: names.get(a.userId) ?? "Former member", signedAt: a.signedAt.toISOString() }))
        .sort((a, b) => a.signedAt.localeCompare(b.signedAt)),
      requiredApprovals: row.requiredApprovals,
      /** Whether the decision has the sign-offs it needs to take effect. */
      signedOff: row.approvals.length >= row.requiredApprovals,
      deferredRisks: row.deferredRisks.map((r) => ({
        id: r.id,
        itemKey: r.item ? itemKey(project.keyPrefix, r.item.number) : null,
        title: r.title,
        owner: r.owner,
        dueDate: r.dueDate.toISOString().slice(0, 10),
        notes: r.notes,
        resolvedAt: r.resolvedAt?.toISOString() ?? null,
      })),
      snapshot: row.snapshot,
      snapshotHash: row.snapshotHash,
      createdAt: row.createdAt.toISOString(),
      superseded: index > 0,
      outOfDate: index === 0 && row.recommendation !== evaluation.recommendation.outcome,
    })),
  };
}
