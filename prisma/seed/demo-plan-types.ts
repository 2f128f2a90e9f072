import type { CriterionType, ItemKind, ItemStatus, OwnerKind, Severity } from "@/lib/generated/prisma/enums";

/**
 * The shape of the hand-entered demo plan (prisma/seed/demo-plan.ts), a
 * representative copy of shared/fixtures/plans/open-claude-final-plan.plan.md.
 * Owners, phases and items refer to each other by `ref`.
 */
export interface DemoOwner {
  ref: string;
  name: string;
  kind: OwnerKind;
  /** Email of a demo user when the owner is a member. */
  userEmail?: string;
}

export interface DemoPhase {
  ref: string;
  name: string;
  objective: string;
  deliverables?: string;
  acceptanceCriteria?: string;
  exitCriteria?: string;
  risks?: string;
  estimate?: string;
  estimateDays?: number;
  defaultOwner?: string;
  dependsOn: string[];
}

export interface DemoItem {
  ref: string;
  title: string;
  description?: string;
  phase: string;
  kind: ItemKind;
  severity: Severity;
  status: ItemStatus;
  blocker?: boolean;
  owner?: string;
  effort?: string;
  dueInDays?: number;
  impact?: string;
  recommendedFix?: string;
  files?: string[];
  labels?: string[];
  acceptanceCriteria?: string;
  verificationCommand?: string;
  blockedBy?: string[];
  evidence?: { kind: "link" | "command" | "note"; url?: string; command?: string; output?: string; note?: string }[];
  comments?: string[];
}

export interface DemoCriterion {
  title: string;
  description?: string;
  type: CriterionType;
  required: boolean;
  rule?: Record<string, unknown>;
}

export interface DemoPlan {
  project: { slug: string; name: string; description: string; keyPrefix: string };
  owners: DemoOwner[];
  phases: DemoPhase[];
  items: DemoItem[];
  gate: { name: string; description: string; targetInDays: number; criteria: DemoCriterion[] };
}
