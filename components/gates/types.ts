import type { CriterionState, FailingItem, Outcome } from "@/lib/domain/gates";
import type { GateRule } from "@/lib/validation/gate";

/** The shapes the gate routes answer with (lib/services/gates). */

export type { CriterionState, FailingItem, Outcome };
export type CriterionType = "rule" | "manual" | "check";
export type Confidence = "low" | "medium" | "high";

export interface GateSummary {
  id: string;
  name: string;
  description: string;
  targetDate: string | null;
  approverIds: string[];
  requiredApprovals: number;
  criteria: { id: string; title: string; description: string; type: CriterionType; required: boolean; position: number; rule: unknown }[];
  lastDecision: { id: string; outcome: Outcome; at: string } | null;
}

export interface ManualLatest {
  result: "pass" | "fail";
  justification: string;
  at: string;
}

export interface CheckLatest {
  status: CriterionState;
  summary: string;
  url: string | null;
  commitSha: string | null;
  buildRef: string | null;
  at: string;
}

interface CriterionBase {
  id: string;
  title: string;
  description: string;
  required: boolean;
  state: CriterionState;
  failingCount: number;
  failingItems: FailingItem[];
  problem?: string;
}

export type EvaluatedCriterion =
  | (CriterionBase & { type: "rule"; rule?: GateRule; latest: null })
  | (CriterionBase & { type: "manual"; latest: ManualLatest | null })
  | (CriterionBase & { type: "check"; latest: CheckLatest | null });

export interface Recommendation {
  outcome: Outcome;
  reason: string;
  deferredRisks: FailingItem[];
}

export interface GateEvaluation {
  gate: { id: string; name: string; description: string; targetDate: string | null; requiredApprovals: number };
  criteria: EvaluatedCriterion[];
  recommendation: Recommendation;
  evaluatedAt: string;
}

export interface DecisionRisk {
  id: string;
  itemKey: string | null;
  title: string;
  owner: { id: string; name: string } | null;
  dueDate: string;
  notes: string;
  resolvedAt: string | null;
}

export interface Decision {
  id: string;
  outcome: Outcome;
  recommendation: Outcome;
  rationale: string;
  confidence: Confidence;
  decidedBy: { id: string; name: string } | null;
  approvals: { userId: string; name: string; signedAt: string }[];
  requiredApprovals: number;
  signedOff: boolean;
  deferredRisks: DecisionRisk[];
  snapshot: unknown;
  snapshotHash: string;
  createdAt: string;
  superseded: boolean;
  outOfDate: boolean;
}

export interface DecisionsResponse {
  currentRecommendation: Recommendation;
  data: Decision[];
}
