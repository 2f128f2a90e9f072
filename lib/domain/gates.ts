/**
 * Release-gate evaluation: pure functions, no I/O. The database supplies, for
 * each rule criterion, the items that break it (from aggregate queries), and
 * for manual and check criteria their latest mark or result; these functions
 * turn that into each criterion's state and the gate's recommendation.
 */
import type { GateRule } from "@/lib/validation/gate";
import { isClosed } from "./items";

export type CriterionState = "pass" | "fail" | "pending";
export type Outcome = "go" | "no_go" | "go_with_risks";

/** An item that makes a criterion fail, with what a deferral needs. */
export interface FailingItem {
  key: string;
  title: string;
  status: string;
  ownerId: string | null;
  dueDate: string | null;
}

/** A deferral counts only with an owner and a due date. */
export function isProperlyDeferred(item: Pick<FailingItem, "status" | "ownerId" | "dueDate">): boolean {
  return item.status === "deferred" && Boolean(item.ownerId) && Boolean(item.dueDate);
}

/**
 * Whether an item breaks a rule, given what the database knows of it. The
 * database applies the same predicate in SQL (lib/services/gates); this is
 * its specification, and the unit tests hold both to it.
 */
export function breaksRule(
  rule: GateRule,
  item: { status: string; blocker: boolean; ownerId: string | null; dueDate: string | null; evidenceCount: number },
): boolean {
  const open = !isClosed(item.status) && item.status !== "deferred";
  switch (rule.type) {
    case "no_open_items":
    case "max_open_items":
      return open;
    case "all_done":
      return !isClosed(item.status);
    case "all_done_or_deferred":
      return !isClosed(item.status) && !isProperlyDeferred(item);
    case "no_open_blockers":
      return item.blocker && open;
    case "all_have_evidence":
      return item.evidenceCount === 0;
  }
}

/** A rule criterion's state from the number of items that break it. */
export function ruleState(rule: GateRule, breaking: number): CriterionState {
  if (rule.type === "max_open_items") return breaking <= rule.max ? "pass" : "fail";
  return breaking === 0 ? "pass" : "fail";
}

/** A manual criterion's state: its latest mark, pending until someone marks it. */
export function manualState(latest: { result: "pass" | "fail" } | null): CriterionState {
  return latest ? latest.result : "pending";
}

/** A check criterion's state: the latest result posted, pending until one arrives. */
export function checkState(latest: { status: "pass" | "fail" | "pending" } | null): CriterionState {
  return latest ? latest.status : "pending";
}

export interface EvaluatedCriterion {
  id: string;
  title: string;
  required: boolean;
  state: CriterionState;
  failingItems: FailingItem[];
}

export interface Recommendation {
  outcome: Outcome;
  /** One sentence a reader understands without help. */
  reason: string;
  /** Items a "Go with known risks" decision would accept as deferred risks. */
  deferredRisks: FailingItem[];
}

function list(titles: string[]): string {
  const quoted = titles.map((t) => `“${t}”`);
  return quoted.length <= 1 ? (quoted[0] ?? "") : `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)}`;
}

/**
 * The recommendation (PRODUCT.md, "Gate"):
 * - No-Go if any required criterion fails or is still pending;
 * - Go with known risks if only advisory criteria fail (or are pending) and
 *   every item that makes them fail is deferred with an owner and a due date;
 * - No-Go if an advisory criterion fails on items that are not so deferred
 *   (advisory failures allow at most Go with known risks, and only deferred);
 * - otherwise Go.
 */
export function recommend(criteria: EvaluatedCriterion[]): Recommendation {
  const required = criteria.filter((c) => c.required && c.state !== "pass");
  if (required.length > 0) {
    const failing = required.filter((c) => c.state === "fail").map((c) => c.title);
    const pending = required.filter((c) => c.state === "pending").map((c) => c.title);
    const parts = [
      failing.length ? `${list(failing)} ${failing.length === 1 ? "fails" : "fail"}` : "",
      pending.length ? `${list(pending)} ${pending.length === 1 ? "is" : "are"} not yet checked` : "",
    ].filter(Boolean);
    return { outcome: "no_go", reason: `No-Go: required ${parts.join(", and ")}.`, deferredRisks: [] };
  }
  const advisory = criteria.filter((c) => !c.required && c.state !== "pass");
  if (advisory.length === 0) {
    return { outcome: "go", reason: criteria.length ? "Go: every criterion passes." : "Go: this gate has no criteria yet.", deferredRisks: [] };
  }
  const items = new Map<string, FailingItem>();
  for (const criterion of advisory) for (const item of criterion.failingItems) items.set(item.key, item);
  const notDeferred = [...items.values()].filter((i) => !isProperlyDeferred(i));
  if (notDeferred.length > 0) {
    const keys = notDeferred.map((i) => i.key).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    return {
      outcome: "no_go",
      reason: `No-Go: advisory ${list(advisory.map((c) => c.title))} ${advisory.length === 1 ? "fails" : "fail"} on ${keys.join(", ")}, which ${keys.length === 1 ? "is" : "are"} not deferred with an owner and a due date.`,
      deferredRisks: [],
    };
  }
  const risks = [...items.values()].sort((a, b) => a.key.localeCompare(b.key, "en", { numeric: true }));
  return {
    outcome: "go_with_risks",
    reason: risks.length
      ? `Go with known risks: only advisory ${list(advisory.map((c) => c.title))} ${advisory.length === 1 ? "fails" : "fail"}, and ${risks.length === 1 ? "its item is" : `all ${risks.length} of its items are`} deferred with owners and due dates.`
      : `Go with known risks: advisory ${list(advisory.map((c) => c.title))} ${advisory.length === 1 ? "is" : "are"} not yet checked.`,
    deferredRisks: risks,
  };
}
