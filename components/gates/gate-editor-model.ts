import type { GateRule, ItemFilter } from "@/lib/validation/gate";
import type { CriterionType, GateSummary } from "./types";

/** The rule kinds in the words of the plans teams bring. */
export const RULE_KINDS: { type: GateRule["type"]; label: string; hint: string }[] = [
  { type: "no_open_items", label: "No open items", hint: "Fails while any matching item is open (deferred items do not count)." },
  { type: "all_done", label: "Every item done", hint: "Fails on every matching item not done or won’t fix. As an advisory criterion, its items can be accepted as deferred risks." },
  { type: "all_done_or_deferred", label: "Every item done, or deferred with an owner and a due date", hint: "Properly deferred items pass." },
  { type: "no_open_blockers", label: "No open blockers", hint: "Fails while a matching item flagged as a release blocker is open." },
  { type: "all_have_evidence", label: "Every item has evidence", hint: "Fails on matching items without any evidence." },
  { type: "max_open_items", label: "At most N open items", hint: "Fails when more than N matching items are open." },
];

export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
export const KINDS = ["finding", "task", "deliverable", "risk"] as const;

export interface CriterionDraft {
  /** Client-side identity for React keys; `id` is the server's, absent for new criteria. */
  key: string;
  id?: string;
  title: string;
  description: string;
  type: CriterionType;
  required: boolean;
  ruleType: GateRule["type"];
  severity: string[];
  kind: string[];
  phase: string;
  labels: string;
  max: string;
}

export interface GateDraft {
  name: string;
  description: string;
  targetDate: string;
  approverIds: string[];
  requiredApprovals: string;
  criteria: CriterionDraft[];
}

let counter = 0;
const nextKey = () => `c${++counter}`;

export function newCriterion(type: CriterionType = "rule"): CriterionDraft {
  return { key: nextKey(), title: "", description: "", type, required: true, ruleType: "no_open_items", severity: [], kind: [], phase: "", labels: "", max: "0" };
}

function fromRule(rule: unknown): Pick<CriterionDraft, "ruleType" | "severity" | "kind" | "phase" | "labels" | "max"> {
  const r = (rule ?? { type: "no_open_items", filter: {} }) as GateRule;
  const filter: ItemFilter = r.filter ?? {};
  return {
    ruleType: r.type,
    severity: filter.severity ?? [],
    kind: filter.kind ?? [],
    phase: filter.phase ?? "",
    labels: (filter.label ?? []).join(", "),
    max: r.type === "max_open_items" ? String(r.max) : "0",
  };
}

/** The form's starting values: an existing gate's, or an empty gate. */
export function draftFromGate(gate: GateSummary | null): GateDraft {
  if (!gate) return { name: "", description: "", targetDate: "", approverIds: [], requiredApprovals: "1", criteria: [newCriterion()] };
  return {
    name: gate.name,
    description: gate.description,
    targetDate: gate.targetDate?.slice(0, 10) ?? "",
    approverIds: gate.approverIds,
    requiredApprovals: String(gate.requiredApprovals),
    criteria: gate.criteria.map((c) => ({ key: nextKey(), id: c.id, title: c.title, description: c.description, type: c.type, required: c.required, ...fromRule(c.rule) })),
  };
}

function ruleOf(c: CriterionDraft): GateRule {
  const filter: ItemFilter = {};
  if (c.severity.length) filter.severity = c.severity as ItemFilter["severity"];
  if (c.kind.length) filter.kind = c.kind as ItemFilter["kind"];
  if (c.phase) filter.phase = c.phase;
  const labels = c.labels.split(",").map((l) => l.trim()).filter(Boolean);
  if (labels.length) filter.label = labels;
  if (c.ruleType === "max_open_items") return { type: "max_open_items", filter, max: Number(c.max) };
  return { type: c.ruleType, filter };
}

/** The body POST …/gates and PATCH …/gates/{gate} take: the whole gate, criteria in order. */
export function gateBody(draft: GateDraft) {
  return {
    name: draft.name.trim(),
    description: draft.description,
    targetDate: draft.targetDate || null,
    approverIds: draft.approverIds,
    requiredApprovals: Number(draft.requiredApprovals),
    criteria: draft.criteria.map((c) => ({
      ...(c.id ? { id: c.id } : {}),
      title: c.title.trim(),
      description: c.description,
      type: c.type,
      required: c.required,
      ...(c.type === "rule" ? { rule: ruleOf(c) } : {}),
    })),
  };
}

/** Moves the criterion at `index` by `delta` places (criteria are ordered). */
export function moveCriterion(list: CriterionDraft[], index: number, delta: -1 | 1): CriterionDraft[] {
  const target = index + delta;
  if (target < 0 || target >= list.length) return list;
  const copy = [...list];
  [copy[index], copy[target]] = [copy[target]!, copy[index]!];
  return copy;
}

/** Criteria that would lose their marks or check results when saved (removed ones that exist on the server). */
export function removedCriteria(gate: GateSummary | null, draft: GateDraft): string[] {
  if (!gate) return [];
  const kept = new Set(draft.criteria.map((c) => c.id).filter(Boolean));
  return gate.criteria.filter((c) => !kept.has(c.id)).map((c) => c.title);
}
