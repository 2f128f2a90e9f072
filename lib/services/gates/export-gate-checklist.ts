import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { gateChecklistMarkdown, type ChecklistCriterion } from "@/lib/domain/gate-checklist";
import { getProjectInWorkspace } from "../projects/get-project";
import { utcToday } from "../risks/list-deferred-risks";
import { listDecisions } from "./decisions";
import { criteriaWithEvidence, evaluateGate } from "./evaluate-gate";

/**
 * The gate as a Markdown checklist (criteria with pass/fail, failing items,
 * latest marks and check results, evidence links, and the last decision with
 * its sign-offs and deferred risks), like the `release-gate-checklist.md`
 * teams keep beside their plans.
 */
export async function exportGateChecklist({ ctx, projectSlug, gateId, origin }: { ctx: WorkspaceContext; projectSlug: string; gateId: string; origin: string }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const [evaluation, decisions] = await Promise.all([evaluateGate({ ctx, projectSlug, gateId }), listDecisions({ ctx, projectSlug, gateId })]);
  const criteria = await criteriaWithEvidence(ctx, evaluation);
  const last = decisions.data[0] ?? null;
  const markdown = gateChecklistMarkdown({
    project: { name: project.name },
    gate: { name: evaluation.gate.name, description: evaluation.gate.description, targetDate: evaluation.gate.targetDate?.slice(0, 10) ?? null },
    evaluatedAt: evaluation.evaluatedAt,
    recommendation: { outcome: evaluation.recommendation.outcome, reason: evaluation.recommendation.reason },
    criteria: criteria.map(
      (c): ChecklistCriterion => ({
        title: c.title,
        description: c.description,
        type: c.type,
        required: c.required,
        state: c.state,
        failingCount: c.failingCount,
        failingItems: c.failingItems,
        latest: c.latest,
        evidence: c.evidence,
      }),
    ),
    lastDecision: last
      ? {
          outcome: last.outcome,
          rationale: last.rationale,
          confidence: last.confidence,
          decidedBy: last.decidedBy?.name ?? null,
          createdAt: last.createdAt,
          snapshotHash: last.snapshotHash,
          requiredApprovals: last.requiredApprovals,
          approvals: last.approvals.map((a) => ({ name: a.name, signedAt: a.signedAt })),
          deferredRisks: last.deferredRisks.map((r) => ({ itemKey: r.itemKey, title: r.title, owner: r.owner.name, dueDate: r.dueDate })),
          outOfDate: last.outOfDate,
        }
      : null,
    itemUrl: `${origin}/${ctx.workspace.slug}/projects/${project.slug}/items`,
    today: utcToday(),
  });
  const fileName = `${project.slug}-${evaluation.gate.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "gate"}-release-gate-checklist.md`;
  return { markdown, fileName };
}
