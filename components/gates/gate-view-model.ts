/**
 * What the Gates page says, and how: labels, rule statements, the decision
 * draft and its checks. Pure functions, no I/O.
 */
import type { GateRule, ItemFilter } from "@/lib/validation/gate";
import type { CriterionState, CriterionType, Decision, EvaluatedCriterion, FailingItem, Outcome } from "./types";

export const OUTCOME_LABEL: Record<Outcome, string> = { go: "Go", no_go: "No-Go", go_with_risks: "Go with known risks" };
export const OUTCOME_TONE = { go: "green", no_go: "red", go_with_risks: "amber" } as const satisfies Record<Outcome, string>;
export const OUTCOMES: readonly Outcome[] = ["go", "no_go", "go_with_risks"];

export const STATE_LABEL: Record<CriterionState, string> = { pass: "Passing", fail: "Failing", pending: "Pending" };
export const STATE_TONE = { pass: "green", fail: "red", pending: "neutral" } as const satisfies Record<CriterionState, string>;

export const TYPE_LABEL: Record<CriterionType, string> = { rule: "Rule", manual: "Manual", check: "Check" };

export const CONFIDENCE_LABEL = { low: "Low", medium: "Medium", high: "High" } as const;

const KIND_NOUN: Record<string, [string, string]> = {
  finding: ["finding", "findings"],
  task: ["task", "tasks"],
  deliverable: ["deliverable", "deliverables"],
  risk: ["risk", "risks"],
};

function either(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

/**
 * "critical or high findings labelled “security” in Phase 1". `noun` replaces
 * "item(s)" when no kind narrows the rule (e.g. "blockers").
 */
export function describeItems(filter: ItemFilter, plural: boolean, phaseName: (id: string) => string | undefined, noun?: [string, string]): string {
  const parts: string[] = [];
  if (filter.severity?.length) parts.push(either(filter.severity));
  const kinds = filter.kind?.length ? filter.kind.map((k) => KIND_NOUN[k]?.[plural ? 1 : 0] ?? k) : null;
  const base = noun ? noun[plural ? 1 : 0] : plural ? "items" : "item";
  parts.push(kinds ? (noun ? `${either(kinds)} ${base}` : either(kinds)) : base);
  if (filter.label?.length) parts.push(`labelled ${either(filter.label.map((l) => `“${l}”`))}`);
  if (filter.phase) parts.push(`in ${phaseName(filter.phase) ?? "a phase that no longer exists"}`);
  return parts.join(" ");
}

/** The rule in plain language: "No open critical or high items in Phase 1". */
export function describeRule(rule: GateRule, phaseName: (id: string) => string | undefined = () => undefined): string {
  const filter = rule.filter ?? {};
  switch (rule.type) {
    case "no_open_items":
      return `No open ${describeItems(filter, true, phaseName)}`;
    case "all_done":
      return `Every ${describeItems(filter, false, phaseName)} is done`;
    case "all_done_or_deferred":
      return `Every ${describeItems(filter, false, phaseName)} is done, or deferred with an owner and a due date`;
    case "no_open_blockers":
      return `No open ${describeItems(filter, true, phaseName, ["blocker", "blockers"])}`;
    case "all_have_evidence":
      return `Every ${describeItems(filter, false, phaseName)} has evidence`;
    case "max_open_items":
      if (rule.max === 0) return `No open ${describeItems(filter, true, phaseName)}`;
      return `At most ${rule.max} open ${describeItems(filter, rule.max !== 1, phaseName)}`;
  }
}

/** "3 items break this rule", with "at most N allowed" for a maximum. */
export function failingSummary(criterion: Pick<EvaluatedCriterion, "failingCount" | "failingItems"> & { rule?: GateRule }): string {
  const count = criterion.failingCount;
  const head = `${count} ${count === 1 ? "item breaks" : "items break"} this rule`;
  const limit = criterion.rule?.type === "max_open_items" ? ` (at most ${criterion.rule.max} allowed)` : "";
  const shown = criterion.failingItems.length < count ? `; the first ${criterion.failingItems.length} are listed` : "";
  return `${head}${limit}${shown}.`;
}

const localDate = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

/** A moment ("2025-03-01T10:00:00Z") as the viewer's calendar date. */
export function formatDecisionDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : localDate.format(date);
}

/**
 * The warning shown when the last decision no longer matches what Readyroom
 * recommends now; null while it still does.
 */
export function outOfDateWarning(latest: Pick<Decision, "outcome" | "createdAt" | "outOfDate"> | undefined, current: Outcome): string | null {
  if (!latest?.outOfDate) return null;
  return `Decided ${OUTCOME_LABEL[latest.outcome]} on ${formatDecisionDate(latest.createdAt)}; the register has changed and Readyroom now recommends ${OUTCOME_LABEL[current]}.`;
}

/** The required criteria that are not passing: while any remain, only No-Go can be recorded. */
export function blockingCriteria<T extends Pick<EvaluatedCriterion, "required" | "state">>(criteria: readonly T[]): T[] {
  return criteria.filter((c) => c.required && c.state !== "pass");
}

/** "“CI passing” is failing and “Security review” is pending" — why Go is not available. */
export function goRefusal(criteria: readonly Pick<EvaluatedCriterion, "required" | "state" | "title">[]): string | null {
  const blocking = blockingCriteria(criteria);
  if (blocking.length === 0) return null;
  const parts = blocking.map((c) => `“${c.title}” is ${c.state === "fail" ? "failing" : "not yet checked"}`);
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
  return `Go and Go with known risks need every required criterion to pass: ${list}.`;
}

export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** A risk is overdue once its due date lies before today (UTC) and it is not resolved. */
export function isRiskOverdue(risk: { dueDate: string; resolvedAt: string | null }, now: number): boolean {
  if (risk.resolvedAt) return false;
  return risk.dueDate.slice(0, 10) < new Date(now).toISOString().slice(0, 10);
}

/** The item keys a decision's snapshot recorded for its risks, by title (the list route returns titles). */
export function riskKeysFromSnapshot(snapshot: unknown): Map<string, string> {
  const keys = new Map<string, string>();
  const risks = (snapshot as { deferredRisks?: unknown } | null)?.deferredRisks;
  if (!Array.isArray(risks)) return keys;
  for (const risk of risks) {
    const { title, itemKey } = (risk ?? {}) as { title?: unknown; itemKey?: unknown };
    if (typeof title === "string" && typeof itemKey === "string" && !keys.has(title)) keys.set(title, itemKey);
  }
  return keys;
}

/** One row of the deferred-risk list in the decision form. */
export interface RiskDraft {
  itemKey: string;
  title: string;
  ownerId: string;
  dueDate: string;
  notes: string;
}

/** The rows a Go with known risks starts from: the items the recommendation would defer, with their owner and due date. */
export function initialRisks(items: readonly FailingItem[]): RiskDraft[] {
  return items.map((item) => ({ itemKey: item.key, title: item.title, ownerId: item.ownerId ?? "", dueDate: item.dueDate ?? "", notes: "" }));
}

/** Every failing item the evaluation names, by key, so a key typed into the risk list can show its title. */
export function failingItemsByKey(criteria: readonly Pick<EvaluatedCriterion, "failingItems">[]): Map<string, FailingItem> {
  const byKey = new Map<string, FailingItem>();
  for (const criterion of criteria) for (const item of criterion.failingItems) byKey.set(item.key.toUpperCase(), item);
  return byKey;
}

const ITEM_KEY = /^[A-Za-z][A-Za-z0-9]{1,9}-\d{1,9}$/;

/** Why a key cannot be added to the risk list, or null when it can. */
export function riskKeyProblem(key: string, rows: readonly RiskDraft[]): string | null {
  const value = key.trim();
  if (!value) return "Enter an item key such as OCC-12.";
  if (!ITEM_KEY.test(value)) return "That is not an item key such as OCC-12.";
  if (rows.some((r) => r.itemKey.toUpperCase() === value.toUpperCase())) return `${value.toUpperCase()} is already in the list.`;
  return null;
}

export interface DecisionDraft {
  outcome: Outcome | null;
  rationale: string;
  confidence: "low" | "medium" | "high";
  risks: RiskDraft[];
}

export interface DecisionBody {
  outcome: Outcome;
  rationale: string;
  confidence: "low" | "medium" | "high";
  deferredRisks: { itemKey: string; ownerId: string; dueDate: string; notes: string }[];
}

/**
 * Checks a draft the way the API will, and builds the body it takes. Errors
 * are keyed by the API's field paths ("rationale", "deferredRisks.0.ownerId").
 */
export function buildDecision(draft: DecisionDraft, goAllowed: boolean): { body: DecisionBody | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!draft.outcome) errors.outcome = "Choose an outcome.";
  else if (draft.outcome !== "no_go" && !goAllowed) errors.outcome = "Only No-Go can be recorded while a required criterion is not passing.";
  if (!draft.rationale.trim()) errors.rationale = "Say why: the rationale is required.";
  const withRisks = draft.outcome === "go_with_risks";
  if (withRisks) {
    if (draft.risks.length === 0) errors.deferredRisks = "Go with known risks needs at least one deferred risk, each with an owner and a due date.";
    draft.risks.forEach((risk, index) => {
      if (!risk.ownerId) errors[`deferredRisks.${index}.ownerId`] = "Choose an owner.";
      if (!/^\d{4}-\d{2}-\d{2}$/.test(risk.dueDate)) errors[`deferredRisks.${index}.dueDate`] = "Choose a due date.";
    });
  }
  if (Object.keys(errors).length > 0 || !draft.outcome) return { body: null, errors };
  return {
    body: {
      outcome: draft.outcome,
      rationale: draft.rationale.trim(),
      confidence: draft.confidence,
      deferredRisks: withRisks ? draft.risks.map((r) => ({ itemKey: r.itemKey.toUpperCase(), ownerId: r.ownerId, dueDate: r.dueDate, notes: r.notes.trim() })) : [],
    },
    errors,
  };
}

/** The curl command CI runs to post a check result. */
export function checkCurlExample(origin: string, ws: string, project: string, gateId: string, criterionId: string): string {
  const url = `${origin}/api/v1/workspaces/${ws}/projects/${project}/gates/${gateId}/criteria/${criterionId}/checks`;
  return [
    `curl -X POST "${url}" \\`,
    `  -H "Authorization: Bearer $READYROOM_API_KEY" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -H "Idempotency-Key: $CI_RUN_ID-${criterionId}" \\`,
    `  -d '{ "status": "pass", "summary": "Smoke suite green (42 tests)", "commitSha": "3f9c2ab", "url": "https://ci.example.com/runs/1234" }'`,
  ].join("\n");
}

/** The same through the `readyroom check` command, which retries safely and fills the commit and build from the CI service. */
export function checkCliExample(ws: string, project: string, gateId: string, criterionId: string): string {
  return [`readyroom check --workspace ${ws} --project ${project} \\`, `  --gate ${gateId} --criterion ${criterionId} \\`, `  --status pass --summary "Smoke suite green (42 tests)"`].join("\n");
}

/** The gate to show: the one picked if it still exists, else the first. */
export function pickGate<T extends { id: string }>(gates: readonly T[], selected: string | null): T | undefined {
  return gates.find((g) => g.id === selected) ?? gates[0];
}
