/**
 * The benchmarks' data: deterministic release registers (a seeded PRNG and
 * fixed dates) shaped like the fixture plans — phases that are further along
 * the earlier they come, skewed owners, labels, blockers, deferrals and
 * evidence on security items — and a release gate modelled on the demo
 * project's, with every rule type and a history of CI results and marks.
 * Written through the workspace-scoped client with createMany.
 */
import { performance } from "node:perf_hooks";
import type { WorkspaceContext } from "@/lib/auth/context";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EvidenceKind, ItemKind, ItemStatus, Severity } from "@/lib/generated/prisma/enums";
import { createGate } from "@/lib/services/gates/create-gate";
import { createPhase } from "@/lib/services/phases/create-phase";
import { createProject } from "@/lib/services/projects/create-project";
import { createGateInput } from "@/lib/validation/gate";
import { createPhaseInput } from "@/lib/validation/phase";
import { createProjectInput } from "@/lib/validation/project";

/** Dates are relative to a fixed day, not to today, so every run seeds the same rows. */
export const BASE_DAY = Date.UTC(2026, 11, 1);
const DAY = 86_400_000;
/** Items per createMany. */
export const ITEM_BATCH = 2_000;

// ───────────────────────────── deterministic data ─────────────────────────────

/** mulberry32: a small seeded PRNG, so the data is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Weighted<T> = readonly (readonly [T, number])[];

function pick<T>(rng: () => number, choices: Weighted<T>): T {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  let r = rng() * total;
  for (const [value, w] of choices) {
    r -= w;
    if (r < 0) return value;
  }
  return choices.at(-1)![0];
}

const SEVERITY: Weighted<Severity> = [["critical", 3], ["high", 14], ["medium", 43], ["low", 40]];
const KIND: Weighted<ItemKind> = [["finding", 40], ["task", 35], ["deliverable", 15], ["risk", 10]];
const OPEN_STATUS: Weighted<ItemStatus> = [["open", 45], ["in_progress", 25], ["blocked", 8], ["in_review", 12], ["deferred", 10]];
const LABELS: Weighted<string> = [
  ["security", 12], ["reliability", 15], ["ux", 12], ["a11y", 6], ["performance", 8], ["docs", 8],
  ["process", 5], ["ci", 7], ["infra", 8], ["api", 10], ["mobile", 5], ["billing", 4],
];
const LABEL_COUNT: Weighted<number> = [[0, 15], [1, 45], [2, 30], [3, 10]];
export const PHASES = [
  { name: "Phase 0 — Baseline and Guardrails", share: 10, done: 0.97 },
  { name: "Phase 1 — Critical Security Blockers", share: 20, done: 0.9 },
  { name: "Phase 2 — Backend Reliability and Abuse Resistance", share: 20, done: 0.8 },
  { name: "Phase 3 — UI/UX and Accessibility Stability", share: 20, done: 0.6 },
  { name: "Phase 4 — Test Gates and CI", share: 15, done: 0.4 },
  { name: "Phase 5 — Deployment and Release Checklist", share: 15, done: 0.2 },
] as const;
const UNPHASED = { share: 8, done: 0.5 };
const OWNER_NAMES = [
  "Platform team", "Security vendor", "Mobile team", "Web team", "SRE on call", "Docs guild",
  "Payments squad", "API team", "QA agents", "Release captain", "Data team", "Design systems",
];
const TOPICS = [
  "token refresh", "report scoping", "webhook headers", "rate limiting", "CSP rollout", "graceful shutdown",
  "session cache", "JSON 404s", "sidebar on mobile", "icon button labels", "smoke suite flakes", "Docker health check",
];
const WORDS = "the fix needs a regression test and a reviewer who knows the module before it can ship to production safely".split(" ");

interface GeneratedItem {
  row: Omit<Prisma.ItemCreateManyInput, "workspaceId" | "projectId">;
  evidence: number;
}

function generateItem(rng: () => number, n: number, phaseIds: string[], ownerIds: string[]): GeneratedItem {
  const phaseIndex = pick(rng, [...PHASES.map((p, i) => [i, p.share] as const), [-1, UNPHASED.share]]);
  const doneShare = phaseIndex === -1 ? UNPHASED.done : PHASES[phaseIndex]!.done;
  const severity = pick(rng, SEVERITY);
  const kind = pick(rng, KIND);
  const closed = rng() < doneShare;
  const status: ItemStatus = closed ? (rng() < 0.92 ? "done" : "wont_fix") : pick(rng, OPEN_STATUS);
  const labels = new Set<string>();
  for (let want = pick(rng, LABEL_COUNT); labels.size < want; ) labels.add(pick(rng, LABELS));
  // Owners are skewed: the first few carry most of the work.
  const ownerId = rng() < 0.88 ? ownerIds[Math.floor(rng() ** 2 * ownerIds.length)]! : null;
  // Deferred items are mostly deferred properly (an owner and a due date); some are not.
  const properlyDeferred = status === "deferred" && ownerId !== null && rng() < 0.8;
  const dueDate = properlyDeferred || rng() < 0.35 ? new Date(BASE_DAY + Math.floor(rng() * 150 - 30) * DAY) : null;
  const blocker = rng() < (severity === "critical" ? 0.3 : 0.015);
  const description = Array.from({ length: 8 + Math.floor(rng() * 60) }, () => WORDS[Math.floor(rng() * WORDS.length)]).join(" ");
  const evidence = labels.has("security") ? (rng() < 0.2 ? 1 : 0) + (rng() < 0.05 ? 1 : 0) : closed && rng() < 0.01 ? 1 : 0;
  return {
    row: {
      number: n,
      title: `${kind === "finding" ? "Fix" : "Ship"} ${TOPICS[n % TOPICS.length]} (#${n})`,
      description,
      kind,
      severity,
      status,
      blocker,
      phaseId: phaseIndex === -1 ? null : phaseIds[phaseIndex]!,
      ownerId,
      dueDate,
      labels: [...labels],
      effort: rng() < 0.5 ? `${1 + Math.floor(rng() * 5)}d` : null,
      position: n,
      closedAt: closed ? new Date(BASE_DAY - Math.floor(rng() * 90) * DAY) : null,
    },
    evidence,
  };
}

// ───────────────────────────── seeding ─────────────────────────────

/** The workspace's owners (teams), created once per workspace; returns their ids in OWNER_NAMES order. */
export async function seedOwners(ctx: WorkspaceContext): Promise<string[]> {
  await ctx.db.owner.createMany({ data: OWNER_NAMES.map((name) => ({ workspaceId: ctx.workspace.id, name, kind: "team" as const })) });
  const owners = await ctx.db.owner.findMany({ select: { id: true, name: true } });
  return OWNER_NAMES.map((name) => owners.find((o) => o.name === name)!.id);
}

export interface SeededProject {
  projectId: string;
  projectSlug: string;
  phaseIds: string[];
  gateId: string;
  evidenceRows: number;
  criteria: number;
  timings: { setupMs: number; itemsMs: number; evidenceMs: number; gateMs: number };
}

/**
 * One project of `items` items in the six phases, their evidence, and the
 * release gate. `rng` makes the rows; the same seed gives the same project.
 */
export async function seedProject(options: {
  ctx: WorkspaceContext;
  userId: string;
  ownerIds: string[];
  project: { slug: string; name: string; keyPrefix: string };
  items: number;
  rng: () => number;
  log?: (message: string) => void;
}): Promise<SeededProject> {
  const { ctx, userId, ownerIds, items, rng } = options;
  const workspaceId = ctx.workspace.id;
  const started = performance.now();
  const project = await createProject({ ctx, input: createProjectInput.parse(options.project) });
  const phaseIds: string[] = [];
  for (const phase of PHASES) {
    const input = createPhaseInput.parse({ name: phase.name, dependsOn: phaseIds.slice(-1) });
    phaseIds.push((await createPhase({ ctx, projectSlug: project.slug, input })).id);
  }
  const setupMs = performance.now() - started;

  const itemsStarted = performance.now();
  const evidenceByNumber = new Map<number, number>();
  for (let from = 1; from <= items; from += ITEM_BATCH) {
    const data: Prisma.ItemCreateManyInput[] = [];
    for (let n = from; n < from + ITEM_BATCH && n <= items; n++) {
      const item = generateItem(rng, n, phaseIds, ownerIds);
      data.push({ workspaceId, projectId: project.id, ...item.row });
      if (item.evidence) evidenceByNumber.set(n, item.evidence);
    }
    await ctx.db.item.createMany({ data });
    if (items >= 20_000 && (from - 1) % 20_000 === 0) options.log?.(`  items ${from - 1 + data.length}/${items}`);
  }
  await ctx.db.project.update({ where: { id: project.id }, data: { nextItemNumber: items + 1 } });
  const itemsMs = performance.now() - itemsStarted;

  const evidenceStarted = performance.now();
  const ids = new Map((await ctx.db.item.findMany({ where: { projectId: project.id }, select: { id: true, number: true } })).map((i) => [i.number, i.id]));
  const evidence: Prisma.EvidenceCreateManyInput[] = [];
  const kinds: EvidenceKind[] = ["link", "command", "note"];
  for (const [number, count] of [...evidenceByNumber].sort((a, b) => a[0] - b[0])) {
    for (let k = 0; k < count; k++) {
      const kind = kinds[(number + k) % kinds.length]!;
      evidence.push({
        workspaceId,
        projectId: project.id,
        itemId: ids.get(number)!,
        kind,
        url: kind === "link" ? `https://ci.example.com/runs/${number}-${k}` : null,
        command: kind === "command" ? "npm test -- security" : null,
        output: kind === "command" ? "✓ 42 passed" : null,
        note: kind === "note" ? `Verified ${options.project.keyPrefix}-${number} by hand.` : null,
        createdById: userId,
        createdAt: new Date(BASE_DAY - (number % 60) * DAY),
      });
    }
  }
  for (let i = 0; i < evidence.length; i += ITEM_BATCH) await ctx.db.evidence.createMany({ data: evidence.slice(i, i + ITEM_BATCH) });
  const evidenceMs = performance.now() - evidenceStarted;

  const gateStarted = performance.now();
  // A release gate like the demo project's (imported from prisma/seed/plans/open-claude-final-plan.plan.md), with every rule type.
  const [p1, p2, p3, p4] = [phaseIds[1]!, phaseIds[2]!, phaseIds[3]!, phaseIds[4]!];
  const gate = await createGate({
    ctx,
    projectSlug: project.slug,
    input: createGateInput.parse({
      name: "v1.0 release",
      description: "Benchmark gate modelled on the demo plan's release gate.",
      targetDate: "2026-12-22",
      criteria: [
        { title: "Phase 1 items complete with tests", type: "rule", required: true, rule: { type: "all_done", filter: { phase: p1 } } },
        { title: "Phase 2 lifecycle/resource protections complete", type: "rule", required: true, rule: { type: "all_done", filter: { phase: p2, label: ["reliability"] } } },
        { title: "CI workflows active and passing on target branch", type: "check", required: true },
        { title: "Production env/deploy checklist documented and verified", type: "manual", required: true },
        { title: "No open blockers", type: "rule", required: true, rule: { type: "no_open_blockers" } },
        { title: "No open critical or high findings", type: "rule", required: true, rule: { type: "no_open_items", filter: { severity: ["critical", "high"], kind: ["finding"] } } },
        { title: "Every security item has evidence", type: "rule", required: true, rule: { type: "all_have_evidence", filter: { label: ["security"] } } },
        { title: "At most 25 open medium items", type: "rule", required: true, rule: { type: "max_open_items", filter: { severity: ["medium"] }, max: 25 } },
        { title: "Phase 4 done or deferred with owners and dates", type: "rule", required: true, rule: { type: "all_done_or_deferred", filter: { phase: p4 } } },
        { title: "Phase 3 polish explicitly deferred with owners and dates", type: "rule", required: false, rule: { type: "all_done", filter: { phase: p3 } } },
      ],
    }),
  });
  const criteria = await ctx.db.criterion.findMany({ where: { gateId: gate.id }, orderBy: { position: "asc" } });
  const check = criteria.find((c) => c.type === "check")!;
  const manual = criteria.find((c) => c.type === "manual")!;
  // A history of CI results and marks: evaluation reads only the latest.
  await ctx.db.checkResult.createMany({
    data: Array.from({ length: 40 }, (_, i) => ({
      workspaceId,
      criterionId: check.id,
      status: i === 39 ? ("pass" as const) : i % 3 === 0 ? ("fail" as const) : ("pass" as const),
      summary: `CI run ${i + 1}`,
      commitSha: (0x1000000 + i).toString(16).padStart(7, "0"),
      createdAt: new Date(BASE_DAY - (40 - i) * 3_600_000),
    })),
  });
  await ctx.db.criterionMark.createMany({
    data: [
      { workspaceId, criterionId: manual.id, result: "fail" as const, justification: "Deploy doc missing the health check.", markedById: userId, createdAt: new Date(BASE_DAY - 2 * DAY) },
      { workspaceId, criterionId: manual.id, result: "pass" as const, justification: "Fresh deploy verified.", markedById: userId, createdAt: new Date(BASE_DAY - DAY) },
    ],
  });
  const gateMs = performance.now() - gateStarted;
  return { projectId: project.id, projectSlug: project.slug, phaseIds, gateId: gate.id, evidenceRows: evidence.length, criteria: criteria.length, timings: { setupMs, itemsMs, evidenceMs, gateMs } };
}
