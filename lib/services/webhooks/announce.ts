import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { Prisma } from "@/lib/generated/prisma/client";
import { evaluateGate } from "../gates/evaluate-gate";
import { emitWebhookEvent } from "./emit-webhook-event";

type Announced = { recommendation: string; criteria: Record<string, string> };

function sameEvaluation(a: Announced, b: Announced): boolean {
  if (a.recommendation !== b.recommendation) return false;
  const ids = new Set([...Object.keys(a.criteria), ...Object.keys(b.criteria)]);
  return [...ids].every((id) => a.criteria[id] === b.criteria[id]);
}

/**
 * Evaluates the project's gates and sends `gate.evaluation_changed` for each
 * whose recommendation or criterion states differ from what was last
 * announced (the first review of a gate announces it). Runs in the job
 * queue, debounced, after changes to the project. Returns the gates announced.
 */
export async function reviewGateEvaluations({ ctx, projectId }: { ctx: WorkspaceContext; projectId: string }): Promise<number> {
  const project = await ctx.db.project.findFirst({ where: { id: projectId }, select: { id: true, slug: true, name: true } });
  if (!project) return 0;
  const gates = await ctx.db.gate.findMany({ where: { projectId }, select: { id: true, announcedEvaluation: true }, orderBy: { position: "asc" } });
  let announced = 0;
  for (const gate of gates) {
    const evaluation = await evaluateGate({ ctx, projectSlug: project.slug, gateId: gate.id });
    const now: Announced = { recommendation: evaluation.recommendation.outcome, criteria: Object.fromEntries(evaluation.criteria.map((c) => [c.id, c.state])) };
    const before = gate.announcedEvaluation as Announced | null;
    if (before && sameEvaluation(before, now)) continue;
    await ctx.db.$transaction(async (tx) => {
      // Claims the change: a concurrent review that saw the same old value updates nothing and sends nothing.
      const claimed = await tx.gate.updateMany({
        where: { id: gate.id, announcedEvaluation: before === null ? { equals: Prisma.DbNull } : { equals: before } },
        data: { announcedEvaluation: now },
      });
      if (claimed.count === 0) return;
      const changed = evaluation.criteria.filter((c) => before?.criteria[c.id] !== c.state).map((c) => ({ id: c.id, title: c.title, from: before?.criteria[c.id] ?? null, to: c.state }));
      await emitWebhookEvent(tx, ctx, "gate.evaluation_changed", {
        project: { slug: project.slug, name: project.name },
        gate: { id: gate.id, name: evaluation.gate.name },
        recommendation: { from: before?.recommendation ?? null, to: now.recommendation },
        changedCriteria: changed,
        evaluatedAt: evaluation.evaluatedAt,
      });
      announced++;
    });
  }
  return announced;
}

/** Sends `deferred_risk.overdue` once for each unresolved deferred risk past its due date. Returns how many. */
export async function announceOverdueRisks({ ctx, now = new Date() }: { ctx: WorkspaceContext; now?: Date }): Promise<number> {
  const due = await ctx.db.deferredRisk.findMany({
    where: { resolvedAt: null, overdueNotifiedAt: null, dueDate: { lt: now } },
    select: {
      id: true,
      title: true,
      dueDate: true,
      notes: true,
      owner: { select: { id: true, name: true } },
      decision: { select: { id: true, outcome: true, gate: { select: { id: true, name: true, project: { select: { slug: true, name: true } } } } } },
    },
    take: 500,
  });
  let sent = 0;
  for (const risk of due) {
    await ctx.db.$transaction(async (tx) => {
      const claimed = await tx.deferredRisk.updateMany({ where: { id: risk.id, overdueNotifiedAt: null }, data: { overdueNotifiedAt: now } });
      if (claimed.count === 0) return;
      const { gate } = risk.decision;
      await emitWebhookEvent(tx, ctx, "deferred_risk.overdue", {
        project: { slug: gate.project.slug, name: gate.project.name },
        gate: { id: gate.id, name: gate.name },
        decision: { id: risk.decision.id, outcome: risk.decision.outcome },
        risk: { id: risk.id, title: risk.title, dueDate: risk.dueDate.toISOString().slice(0, 10), notes: risk.notes, owner: risk.owner },
      });
      sent++;
    });
  }
  return sent;
}
