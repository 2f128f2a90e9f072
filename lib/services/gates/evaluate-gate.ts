import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { checkState, manualState, recommend, ruleState, type EvaluatedCriterion, type FailingItem } from "@/lib/domain/gates";
import { NotFoundError } from "@/lib/errors";
import { gateRule } from "@/lib/validation/gate";
import { getProjectInWorkspace } from "../projects/get-project";
import { itemKey } from "../items/item-dto";
import { breakingWhere, undeferredWhere } from "./rule-where";

/** How many failing items an evaluation lists per criterion (the count is always exact). */
export const FAILING_ITEMS_SHOWN = 50;

const FAILING_SELECT = { number: true, title: true, status: true, ownerId: true, dueDate: true } as const;

export async function findGate(ctx: WorkspaceContext, projectId: string, gateId: string) {
  const gate = await ctx.db.gate.findFirst({ where: { id: gateId, projectId }, include: { criteria: { orderBy: { position: "asc" } } } });
  if (!gate) throw new NotFoundError("Gate");
  return gate;
}

/**
 * Evaluates a gate live. Each rule criterion is one indexed count in the
 * database (criteria run concurrently), and only failing ones list their first
 * items; manual and check criteria take their latest mark or result. No
 * evaluation ever loads every item.
 */
export async function evaluateGate({ ctx, projectSlug, gateId }: { ctx: WorkspaceContext; projectSlug: string; gateId: string }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const gate = await findGate(ctx, project.id, gateId);
  const toFailing = (row: { number: number; title: string; status: string; ownerId: string | null; dueDate: Date | null }): FailingItem => ({
    key: itemKey(project.keyPrefix, row.number),
    title: row.title,
    status: row.status,
    ownerId: row.ownerId,
    dueDate: row.dueDate ? row.dueDate.toISOString().slice(0, 10) : null,
  });

  const evaluated = await Promise.all(
    gate.criteria.map(async (criterion) => {
      const shared = { id: criterion.id, title: criterion.title, description: criterion.description, type: criterion.type, required: criterion.required };
      if (criterion.type === "manual") {
        const latest = await ctx.db.criterionMark.findFirst({ where: { criterionId: criterion.id }, orderBy: { createdAt: "desc" } });
        return { ...shared, state: manualState(latest), failingItems: [], failingCount: 0, latest: latest ? { result: latest.result, justification: latest.justification, at: latest.createdAt.toISOString() } : null };
      }
      if (criterion.type === "check") {
        const latest = await ctx.db.checkResult.findFirst({ where: { criterionId: criterion.id }, orderBy: { createdAt: "desc" } });
        return {
          ...shared,
          state: checkState(latest),
          failingItems: [],
          failingCount: 0,
          latest: latest ? { status: latest.status, summary: latest.summary, url: latest.url, commitSha: latest.commitSha, buildRef: latest.buildRef, at: latest.createdAt.toISOString() } : null,
        };
      }
      const parsed = gateRule.safeParse(criterion.rule);
      if (!parsed.success) {
        // A rule the evaluator cannot read must never pass silently.
        return { ...shared, state: "pending" as const, failingItems: [], failingCount: 0, latest: null, problem: "This rule cannot be read; edit the criterion." };
      }
      const rule = parsed.data;
      const count = await ctx.db.item.count({ where: breakingWhere(project.id, rule) });
      const state = ruleState(rule, count);
      if (state === "pass") return { ...shared, rule, state, failingItems: [], failingCount: 0, latest: null };
      const [shown, undeferred] = await Promise.all([
        ctx.db.item.findMany({ where: breakingWhere(project.id, rule), select: FAILING_SELECT, orderBy: { number: "asc" }, take: FAILING_ITEMS_SHOWN }),
        criterion.required ? Promise.resolve([]) : ctx.db.item.findMany({ where: undeferredWhere(project.id, rule), select: FAILING_SELECT, orderBy: { number: "asc" }, take: FAILING_ITEMS_SHOWN }),
      ]);
      const failing = new Map([...shown, ...undeferred].map((row) => [row.number, toFailing(row)]));
      return { ...shared, rule, state, failingItems: [...failing.values()], failingCount: count, latest: null };
    }),
  );
  const recommendation = recommend(evaluated as EvaluatedCriterion[]);
  return {
    gate: { id: gate.id, name: gate.name, description: gate.description, targetDate: gate.targetDate?.toISOString() ?? null, requiredApprovals: gate.requiredApprovals },
    criteria: evaluated,
    recommendation,
    evaluatedAt: new Date().toISOString(),
  };
}

/** A gate's evaluated criteria, each with its evidence (oldest first): what a decision snapshot and the checklist export record. */
export async function criteriaWithEvidence(ctx: WorkspaceContext, evaluation: Awaited<ReturnType<typeof evaluateGate>>) {
  const evidence = await ctx.db.evidence.findMany({
    where: { criterionId: { in: evaluation.criteria.map((c) => c.id) } },
    orderBy: { createdAt: "asc" },
    select: { id: true, criterionId: true, kind: true, url: true, command: true, output: true, note: true, filePath: true, createdAt: true },
  });
  return evaluation.criteria.map((c) => ({
    ...c,
    evidence: evidence.filter((e) => e.criterionId === c.id).map(({ criterionId: _c, createdAt, ...e }) => ({ ...e, createdAt: createdAt.toISOString() })),
  }));
}
