/**
 * The demo workspace is built the way a team would build it: by importing its
 * plans (the fixture plans in prisma/seed/plans) and then working on them.
 * The plans give every phase, item, owner, dependency and gate. What a plan
 * cannot say — how severe a finding is, who took it, how far it got, the
 * evidence posted — is the team's triage below, keyed by the refs the import
 * gives items (a test checks each key still names exactly one imported item).
 */
import type { ItemKind, ItemStatus, OwnerKind, Severity } from "@/lib/generated/prisma/enums";

export interface DemoProject {
  slug: string;
  name: string;
  keyPrefix: string;
  /** A file in prisma/seed/plans. */
  plan: string;
  /** Published at this public slug. */
  publicSlug?: string;
  triage?: DemoTriage;
}

export interface DemoOwner {
  ref: string;
  name: string;
  kind: OwnerKind;
  /** A demo user's email, for member owners. */
  userEmail?: string;
}

export interface DemoItemTriage {
  severity?: Severity;
  status?: ItemStatus;
  kind?: ItemKind;
  blocker?: boolean;
  owner?: string;
  effort?: string;
  dueInDays?: number;
  /** Refs (prefixes, as for `items`) of the items that block this one. */
  blockedBy?: string[];
  evidence?: { kind: "link" | "command" | "note"; url?: string; command?: string; output?: string; note?: string }[];
  comments?: string[];
}

export interface DemoTriage {
  owners: DemoOwner[];
  /** Phase ref → its default owner and the severity its findings start at. */
  phases: Record<string, { owner?: string; severity: Severity }>;
  /** Item ref, or the start of one (list entries' refs end in a long slug of their title) → triage. */
  items: Record<string, DemoItemTriage>;
  gate: { approver: string; targetInDays: number };
}

const OWNERS: DemoOwner[] = [
  { ref: "olivia", name: "Olivia Owner", kind: "member", userEmail: "olivia.owner@demo.readyroom.dev" },
  { ref: "max", name: "Max Member", kind: "member", userEmail: "max.member@demo.readyroom.dev" },
  { ref: "vera", name: "Vera Viewer", kind: "member", userEmail: "vera.viewer@demo.readyroom.dev" },
  { ref: "platform", name: "Platform team", kind: "team" },
  { ref: "ncc", name: "Security vendor (NCC)", kind: "vendor" },
];

const finalPlanTriage: DemoTriage = {
  owners: OWNERS,
  phases: {
    "phase-0": { owner: "olivia", severity: "medium" },
    "phase-1": { owner: "max", severity: "high" },
    "phase-2": { owner: "platform", severity: "medium" },
    "phase-3": { owner: "max", severity: "low" },
    "phase-4": { owner: "platform", severity: "medium" },
    "phase-5": { owner: "olivia", severity: "low" },
  },
  items: {
    // Phase 0 is behind the team.
    "md:phase-0:reconcile-the-current-dirty-working-tree": { status: "done", evidence: [{ kind: "command", command: "git status --short", output: "" }] },
    "md:phase-0:freeze-acceptance-criteria": { status: "done", comments: ["Blocker list signed off in the release review."] },
    "md:phase-0:define-a-single-issue-tracker-format": { status: "done", evidence: [{ kind: "note", note: "This register is the tracker: severity, owner, effort and evidence on every item." }] },
    "todo:phase0-baseline": { status: "done" },
    // Phase 1: the security blockers, found by the review and the vendor.
    "md:phase-1:add-field-allowlist-in-updateprofile": {
      kind: "finding",
      severity: "critical",
      blocker: true,
      status: "in_review",
      effort: "S",
      dueInDays: 2,
      evidence: [{ kind: "link", url: "https://github.com/example/open-claude-cowork/pull/412", note: "Allowlist with a regression test" }],
      comments: ["The test posts `role: admin` in the profile body and expects it ignored."],
    },
    "md:phase-1:scope-report-result-updates-by-user": { kind: "finding", severity: "critical", blocker: true, status: "in_progress", effort: "S", dueInDays: 3 },
    "md:phase-1:remove-global-jwt-storage-on-window": {
      kind: "finding",
      status: "done",
      evidence: [{ kind: "command", command: "grep -rn 'window.__jwt' renderer/", output: "" }],
    },
    "md:phase-1:harden-html-safety-in-renderer": { kind: "finding", status: "blocked", owner: "ncc", blockedBy: ["md:phase-1:remove-global-jwt-storage-on-window"] },
    "md:phase-1:replace-client-facing-err-message-leakage": { kind: "finding", status: "done" },
    "md:phase-1:add-route-level-rate-limiting": { kind: "finding", blocker: true, effort: "M", dueInDays: 5 },
    "md:phase-1:restrict-scheduler-webhook-headers": { kind: "finding", severity: "medium", owner: "ncc" },
    "md:phase-1:add-csp-to-renderer-index-html": { kind: "finding", status: "in_progress", owner: "ncc", effort: "M" },
    "md:phase-1:pin-cdn-versions-and-add-sri": { kind: "finding", severity: "medium", status: "done" },
    "md:phase-1:apply-restrictive-file-permissions": { kind: "finding", severity: "medium" },
    "todo:phase1-authz-and-xss": { status: "in_progress", owner: "max" },
    "todo:phase1-api-hardening": { status: "in_progress", owner: "max" },
    // Phase 2 has started.
    "md:phase-2:add-sigterm-graceful-shutdown-path": { severity: "high", status: "in_progress", effort: "M" },
    "md:phase-2:bound-evict-composiosessions-cache": { severity: "high", status: "done" },
    "md:phase-2:evaluate-auth-validation-strategy": { severity: "low", status: "deferred" },
    // Phase 3: the polish the gate lets the team defer.
    "md:phase-3:replace-alert-based-error-handling": { severity: "medium" },
    "md:phase-3:dark-mode-support-in-renderer": { status: "deferred" },
    "md:phase-3:additional-explicit-token-expiry-ux": { status: "deferred" },
    // Phase 4: CI is the other release blocker.
    "md:phase-4:add-workflows-under-github-workflows": { severity: "high", blocker: true, dueInDays: 7 },
    "md:phase-5:replace-latest-dependency-pins": { severity: "medium" },
  },
  gate: { approver: "olivia", targetInDays: 14 },
};

export const DEMO_PROJECTS: DemoProject[] = [
  { slug: "demo", name: "Open Claude Cowork", keyPrefix: "OCC", plan: "open-claude-final-plan.plan.md", publicSlug: "demo", triage: finalPlanTriage },
  { slug: "agent-audit", name: "Agent platform audit", keyPrefix: "AUD", plan: "audit-implementation-batches.md" },
  { slug: "rauskuclaw", name: "RauskuClaw", keyPrefix: "RC", plan: "rauskuclaw-milestones.md" },
];
