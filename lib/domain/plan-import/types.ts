/** What a Markdown plan parses into (lib/domain/plan-import/parse-plan.ts). No I/O. */

export type ParsedStatus = "open" | "in_progress" | "blocked" | "in_review" | "done" | "deferred" | "wont_fix";
export type ParsedKind = "finding" | "task" | "deliverable" | "risk";

export interface ParsedPhase {
  /** Stable id for re-import: the stage's number or code ("phase-1", "batch-2", "m3", "ws1"), else its heading path. */
  ref: string;
  name: string;
  position: number;
  objective: string;
  deliverables: string;
  acceptanceCriteria: string;
  exitCriteria: string;
  risks: string;
  estimate: string | null;
  owner: string | null;
  /** As the plan states it ("done" in a status table or line), when it does. */
  status: ParsedStatus | null;
  /** Refs of the phases this one starts after. */
  dependsOn: string[];
  /** Text of the section that maps to no field. */
  description: string;
}

export interface ParsedItem {
  /** Stable id for re-import: "todo:<id>", "task:<code>" or "md:<heading path>#<n>". */
  ref: string;
  title: string;
  description: string;
  kind: ParsedKind;
  status: ParsedStatus;
  /** Whether the plan states the status (a todo's status, a checkbox, "Status:", a done stage): a re-import changes an item's status only then. */
  statusStated: boolean;
  phaseRef: string | null;
  owner: string | null;
  estimate: string | null;
  files: string[];
  auditRefs: string[];
  acceptanceCriteria: string;
  verificationCommand: string | null;
  labels: string[];
  /** For a task-list entry ("- [ ] …"): the source offset of the character between its brackets, so an export can tick it. */
  checkbox: number | null;
}

export interface ParsedCriterion {
  title: string;
  required: boolean;
  type: "rule" | "manual" | "check";
  /** For rule criteria: the rule, naming phases by ref (resolved to ids when applied). */
  rule: { type: "all_done"; filter: { phaseRef?: string } } | null;
}

export interface ParsedGate {
  ref: string;
  name: string;
  description: string;
  criteria: ParsedCriterion[];
}

export interface UnmappedText {
  /** Where it was: the heading path ("Execution Summary › Pre-flight Checks"). */
  at: string;
  text: string;
}

export interface ParsedPlan {
  title: string | null;
  overview: string;
  phases: ParsedPhase[];
  items: ParsedItem[];
  owners: string[];
  gates: ParsedGate[];
  /** Text kept as description rather than mapped to a field, so nothing is silently lost. */
  unmapped: UnmappedText[];
  /** Headings (levels 1–3) read as no stage, gate or de-scoped section: `parsePlan`'s `stageHeadings` can make them stages. */
  otherHeadings: string[];
  /** "headings": stages named as such ("Phase 1", "M2"…) or chosen in the mapping step; "sections": the plan names none, so its top sections holding work are its stages. */
  stagesFrom: "headings" | "sections";
  report: { phases: number; items: number; gates: number; criteria: number; owners: number; dependencies: number; unmappedSections: number };
}
