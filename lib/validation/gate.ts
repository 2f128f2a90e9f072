import { z } from "zod";
import { itemKind, severity } from "./item";

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
]);
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
  dueDate: z.iso.date(),
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
    targetDate: z.iso.date().nullable().default(null),
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
    targetDate: z.iso.date().nullable().optional(),
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
