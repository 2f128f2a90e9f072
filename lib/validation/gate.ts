import { z } from "zod";
import { isoDay } from "./common";
import { itemKind, itemStatus, severity } from "./item";

/**
 * Which items a rule looks at. Every part narrows: severity and kind are lists,
 * phase is one phase id, labels match when an item has any of them.
 */
export const itemFilter = z.strictObject({
  severity: z.array(severity).min(1).max(4).optional(),
  kind: z.array(itemKind).min(1).max(4).optional(),
  phase: z.string().min(1).max(64).optional(),
  label: z.array(z.string().trim().min(1).max(60)).min(1).max(20).optional(),
});
export type ItemFilter = z.infer<typeof itemFilter>;

/** The rules a `rule` criterion can state about the register. */
export const gateRule = z.discriminatedUnion("type", [
  /** "No open critical/high items in Phase 1." */
  z.strictObject({ type: z.literal("no_open_items"), filter: itemFilter.default({}) }),
  /**
   * "Phase 1 items complete": every matching item is done (or won't fix). As an
   * advisory criterion it expresses "Go with known risks only if the rest is
   * deferred": its failing items must each be deferred with an owner and a date.
   */
  z.strictObject({ type: z.literal("all_done"), filter: itemFilter.default({}) }),
  /** "Every item in Phase 3 is done, or deferred with an owner and a due date" (deferred items then pass). */
  z.strictObject({ type: z.literal("all_done_or_deferred"), filter: itemFilter.default({}) }),
  /** "No open blockers." */
  z.strictObject({ type: z.literal("no_open_blockers"), filter: itemFilter.default({}) }),
  /** "Every security item has evidence." */
  z.strictObject({ type: z.literal("all_have_evidence"), filter: itemFilter.default({}) }),
  /** "At most 3 open medium items." */
  z.strictObject({ type: z.literal("max_open_items"), filter: itemFilter.default({}), max: z.number().int().min(0).max(100_000) }),
]).meta({ id: "GateRule", description: "What a `rule` criterion states about the register; the filter narrows the items it looks at." });
export type GateRule = z.infer<typeof gateRule>;

export const checkResultInput = z.strictObject({
  status: z.enum(["pass", "fail", "pending"]),
  summary: z.string().trim().max(2000).default(""),
  url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  /** The commit the result refers to. */
  commitSha: z.string().trim().regex(/^[0-9a-f]{7,64}$/i, "must be a commit hash").optional(),
  /** The build or run it refers to (CI run id, job URL…). */
  buildRef: z.string().trim().min(1).max(300).optional(),
});
export type CheckResultInput = z.infer<typeof checkResultInput>;

export const manualMarkInput = z.strictObject({
  result: z.enum(["pass", "fail"]),
  justification: z.string().trim().min(1, "is required").max(5000),
  evidenceUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  evidenceNote: z.string().trim().min(1).max(5000).optional(),
});
export type ManualMarkInput = z.infer<typeof manualMarkInput>;

export const deferredRiskInput = z.strictObject({
  itemKey: z.string().regex(/^[A-Za-z][A-Za-z0-9]{1,9}-\d{1,9}$/, "is not an item key such as OCC-12"),
  ownerId: z.string().min(1).max(64),
  dueDate: isoDay,
  notes: z.string().max(5000).default(""),
});

export const recordDecisionInput = z
  .strictObject({
    outcome: z.enum(["go", "no_go", "go_with_risks"]),
    rationale: z.string().trim().min(1, "is required").max(20_000),
    confidence: z.enum(["low", "medium", "high"]),
    deferredRisks: z.array(deferredRiskInput).max(500).default([]),
  })
  .superRefine((value, issue) => {
    if (value.outcome === "go_with_risks" && value.deferredRisks.length === 0) {
      issue.addIssue({ code: "custom", path: ["deferredRisks"], message: "Go with known risks needs the deferred-risk list: each risk an item with an owner and a due date" });
    }
    if (value.outcome !== "go_with_risks" && value.deferredRisks.length > 0) {
      issue.addIssue({ code: "custom", path: ["deferredRisks"], message: "only a Go with known risks decision defers risks" });
    }
  });
export type RecordDecisionInput = z.infer<typeof recordDecisionInput>;

const criterionFields = {
  title: z.string().trim().min(1, "is required").max(300),
  description: z.string().max(5000).default(""),
  type: z.enum(["rule", "manual", "check"]),
  required: z.boolean().default(true),
  rule: gateRule.optional(),
};

function ruleMatchesType(value: { type: string; rule?: GateRule }, issue: z.RefinementCtx) {
  if (value.type === "rule" && !value.rule) issue.addIssue({ code: "custom", path: ["rule"], message: "a rule criterion needs a rule" });
  if (value.type !== "rule" && value.rule) issue.addIssue({ code: "custom", path: ["rule"], message: "only rule criteria have a rule" });
}

export const criterionInput = z.strictObject(criterionFields).superRefine(ruleMatchesType);
export type CriterionInput = z.infer<typeof criterionInput>;

/** A criterion in a gate update: with the `id` of an existing criterion it is kept (its marks and results too), without one it is new. */
export const criterionUpdateInput = z.strictObject({ id: z.string().min(1).max(64).optional(), ...criterionFields }).superRefine(ruleMatchesType);
export type CriterionUpdateInput = z.infer<typeof criterionUpdateInput>;

/** With approvers named, only they record and sign decisions; without, any owner or admin does. */
const requiredApprovals = z.number().int().min(1).max(20);

function approvalsWithinApprovers(value: { approverIds?: string[]; requiredApprovals?: number }, issue: z.RefinementCtx) {
  const approvers = new Set(value.approverIds ?? []).size;
  if (value.requiredApprovals !== undefined && approvers > 0 && value.requiredApprovals > approvers) {
    issue.addIssue({ code: "custom", path: ["requiredApprovals"], message: `cannot exceed the ${approvers} approver${approvers === 1 ? "" : "s"} named` });
  }
}

export const createGateInput = z
  .strictObject({
    name: z.string().trim().min(1, "is required").max(200),
    description: z.string().max(20_000).default(""),
    targetDate: isoDay.nullable().default(null),
    approverIds: z.array(z.string().min(1).max(64)).max(20).default([]),
    requiredApprovals: requiredApprovals.default(1),
    criteria: z.array(criterionInput).max(100).default([]),
  })
  .superRefine(approvalsWithinApprovers);
export type CreateGateInput = z.infer<typeof createGateInput>;

/**
 * A gate update. Every field is optional; `criteria`, when given, is the whole
 * ordered list: criteria with an `id` are kept and updated, new ones created,
 * and existing ones left out are removed (decisions keep their snapshots).
 */
export const updateGateInput = z
  .strictObject({
    name: z.string().trim().min(1, "is required").max(200).optional(),
    description: z.string().max(20_000).optional(),
    targetDate: isoDay.nullable().optional(),
    approverIds: z.array(z.string().min(1).max(64)).max(20).optional(),
    requiredApprovals: requiredApprovals.optional(),
    criteria: z.array(criterionUpdateInput).max(100).optional(),
  })
  .superRefine(approvalsWithinApprovers)
  .refine((value) => Object.keys(value).length > 0, { message: "nothing to update" });
export type UpdateGateInput = z.infer<typeof updateGateInput>;

export const resolveDeferredRiskInput = z.strictObject({
  resolution: z.string().trim().min(1, "is required").max(5000),
});
export type ResolveDeferredRiskInput = z.infer<typeof resolveDeferredRiskInput>;

export const deferredRiskListQuery = z.strictObject({
  status: z.enum(["open", "resolved", "all"]).default("open"),
  project: z.string().min(1).max(64).optional(),
});
export type DeferredRiskListQuery = z.infer<typeof deferredRiskListQuery>;

export const projectDeferredRiskListQuery = deferredRiskListQuery.omit({ project: true });

// ───────────────────────────── responses ─────────────────────────────
// The services return dates as ISO strings already (days as YYYY-MM-DD).

const dateTime = z.string().meta({ format: "date-time" });
const day = z.string().meta({ format: "date" });

export const criterionType = z.enum(["rule", "manual", "check"]);
export const criterionState = z.enum(["pass", "fail", "pending"]).meta({ description: "`pending`: a manual criterion nobody has marked, a check without a result, or a rule that cannot be read." });
export const decisionOutcome = z.enum(["go", "no_go", "go_with_risks"]);
const confidence = z.enum(["low", "medium", "high"]);
const evidenceKind = z.enum(["link", "command", "note", "file"]);

/** A rule as stored; one this version cannot read is returned as it is (its evaluation is `pending` with a `problem`). */
const storedRule = z.union([gateRule, z.record(z.string(), z.unknown())]);

export const gateOutput = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    targetDate: dateTime.nullable(),
    approverIds: z.array(z.string()).meta({ description: "The named approvers who are still owners or admins." }),
    requiredApprovals: z.number().int(),
    criteria: z.array(
      z.object({ id: z.string(), title: z.string(), description: z.string(), type: criterionType, required: z.boolean(), position: z.number().int(), rule: storedRule.nullable() }),
    ),
    lastDecision: z.object({ id: z.string(), outcome: decisionOutcome, at: dateTime }).nullable(),
  })
  .meta({ id: "Gate" });

export const failingItemOutput = z
  .object({ key: z.string(), title: z.string(), status: itemStatus, ownerId: z.string().nullable(), dueDate: day.nullable() })
  .meta({ id: "FailingItem", description: "An item that makes a criterion fail, with what a deferral needs (an owner and a due date)." });

export const recommendationOutput = z
  .object({
    outcome: decisionOutcome,
    reason: z.string().meta({ description: "One sentence naming the criteria and items." }),
    deferredRisks: z.array(failingItemOutput).meta({ description: "Items a Go with known risks decision would accept as deferred risks." }),
  })
  .meta({ id: "Recommendation" });

const evaluatedShared = {
  id: z.string(),
  title: z.string(),
  description: z.string(),
  required: z.boolean().meta({ description: "Required: failing means No-Go. Advisory: failing allows at most Go with known risks." }),
  state: criterionState,
  failingItems: z.array(failingItemOutput).meta({ description: "The first 50 items that make a rule fail (advisory rules also list the ones not properly deferred)." }),
  failingCount: z.number().int().meta({ description: "How many items break the rule: always exact." }),
};

export const evaluatedCriterionOutput = z
  .discriminatedUnion("type", [
    z.object({ ...evaluatedShared, type: z.literal("rule"), rule: gateRule.optional(), latest: z.null(), problem: z.string().optional().meta({ description: "Set when the stored rule cannot be read." }) }),
    z.object({ ...evaluatedShared, type: z.literal("manual"), latest: z.object({ result: z.enum(["pass", "fail"]), justification: z.string(), at: dateTime }).nullable() }),
    z.object({
      ...evaluatedShared,
      type: z.literal("check"),
      latest: z.object({ status: criterionState, summary: z.string(), url: z.string().nullable(), commitSha: z.string().nullable(), buildRef: z.string().nullable(), at: dateTime }).nullable(),
    }),
  ])
  .meta({ id: "EvaluatedCriterion" });

export const gateEvaluationOutput = z
  .object({
    gate: z.object({ id: z.string(), name: z.string(), description: z.string(), targetDate: dateTime.nullable(), requiredApprovals: z.number().int() }),
    criteria: z.array(evaluatedCriterionOutput),
    recommendation: recommendationOutput,
    evaluatedAt: dateTime,
  })
  .meta({ id: "GateEvaluation" });

export const checkResultOutput = z
  .object({ id: z.string(), status: criterionState, summary: z.string(), url: z.string().nullable(), commitSha: z.string().nullable(), buildRef: z.string().nullable(), createdAt: dateTime })
  .meta({ id: "CheckResult" });

export const manualMarkOutput = z.object({ id: z.string(), result: z.enum(["pass", "fail"]), justification: z.string(), createdAt: dateTime }).meta({ id: "ManualMark" });

const recordedBy = z
  .object({ type: z.enum(["user", "apiKey"]), name: z.string() })
  .nullable()
  .meta({ description: "A person's name or an API key's name; null when neither is known." });

export const criterionHistoryOutput = z
  .object({
    criterion: z.object({ id: z.string(), title: z.string(), type: criterionType }),
    marks: z.array(z.object({ id: z.string(), result: z.enum(["pass", "fail"]), justification: z.string(), by: recordedBy, at: dateTime })),
    checks: z.array(z.object({ id: z.string(), status: criterionState, summary: z.string(), url: z.string().nullable(), commitSha: z.string().nullable(), buildRef: z.string().nullable(), by: recordedBy, at: dateTime })),
    evidence: z.array(
      z.object({ id: z.string(), kind: evidenceKind, url: z.string().nullable(), command: z.string().nullable(), note: z.string().nullable(), filePath: z.string().nullable(), by: recordedBy, at: dateTime }),
    ),
  })
  .meta({ id: "CriterionHistory" });

const named = z.object({ id: z.string(), name: z.string() });

export const decisionOutput = z
  .object({
    id: z.string(),
    outcome: decisionOutcome,
    recommendation: decisionOutcome.meta({ description: "What Readyroom recommended when the decision was recorded." }),
    rationale: z.string(),
    confidence,
    decidedBy: named.nullable(),
    approvals: z.array(z.object({ userId: z.string(), name: z.string(), signedAt: dateTime })).meta({ description: "Sign-offs, oldest first; the recorder's is the first." }),
    requiredApprovals: z.number().int(),
    signedOff: z.boolean().meta({ description: "Whether the decision has the sign-offs it needs to take effect." }),
    deferredRisks: z.array(z.object({ id: z.string(), itemKey: z.string().nullable(), title: z.string(), owner: named, dueDate: day, notes: z.string(), resolvedAt: dateTime.nullable() })),
    snapshot: z.record(z.string(), z.unknown()).meta({ description: "The immutable record of every criterion, failing item, latest mark or result and evidence at the moment of the decision." }),
    snapshotHash: z.string().meta({ description: "SHA-256 (hex) of the snapshot's canonical JSON (sorted keys)." }),
    createdAt: dateTime,
    superseded: z.boolean().meta({ description: "A newer decision exists." }),
    outOfDate: z.boolean().meta({ description: "The latest decision, and the live recommendation no longer matches the one it was recorded against." }),
  })
  .meta({ id: "Decision" });

export const decisionListOutput = z.object({ currentRecommendation: recommendationOutput, data: z.array(decisionOutput).meta({ description: "Newest first." }) });

export const deferredRiskOutput = z
  .object({
    id: z.string(),
    title: z.string(),
    notes: z.string(),
    itemKey: z.string().nullable().meta({ description: "Null once the item is deleted." }),
    itemStatus: itemStatus.nullable(),
    owner: named,
    dueDate: day,
    overdue: z.boolean().meta({ description: "The due day (UTC) has passed and the risk is not resolved." }),
    resolvedAt: dateTime.nullable(),
    resolvedBy: z.string().nullable(),
    resolution: z.string(),
    project: z.object({ slug: z.string(), name: z.string() }),
    gate: z.object({ id: z.string(), name: z.string() }),
    decision: z.object({ id: z.string(), outcome: decisionOutcome, createdAt: dateTime }),
  })
  .meta({ id: "DeferredRisk" });

export const deferredRiskListOutput = z.object({ total: z.number().int().meta({ description: "All matching risks; `data` lists at most 500." }), data: z.array(deferredRiskOutput) });

export const resolvedDeferredRiskOutput = z.object({ id: z.string(), resolvedAt: dateTime, resolution: z.string() });
