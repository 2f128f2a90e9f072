/**
 * Bench suite "plan-import": a Markdown plan of about 1 MB — the fixture plans'
 * shapes (task blocks with files, numbered groups of bullets, milestones with
 * labelled fields, a release gate) repeated under new stage numbers — parsed
 * (pure), previewed and applied to a fresh project. Target: a 1 MB import in
 * under a second (reported, not asserted).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { systemWorkspaceContext } from "@/lib/auth/system";
// Cleanup after a PostgreSQL run removes the benchmark's own workspace and user, outside any workspace scope.
// eslint-disable-next-line no-restricted-imports
import { rawDb } from "@/lib/db/client";
import { ensureUser } from "@/lib/db/global/identity";
import { parsePlan } from "@/lib/domain/plan-import/parse-plan";
import { importPlan } from "@/lib/services/imports/import-plan";
import { createProject } from "@/lib/services/projects/create-project";
import { createWorkspace } from "@/lib/services/workspaces/create-workspace";
import { createProjectInput } from "@/lib/validation/project";
import { createWorkspaceInput } from "@/lib/validation/workspace";
import type { BenchEnv, Suite, SuiteResult } from "./run";

const TARGET_BYTES = 1_000_000;
const PARSE_RUNS = 5;

const plans = path.join(process.cwd(), "prisma", "seed", "plans");

/** One stage of each shape, numbered `n`: a batch of task blocks, a phase of grouped bullets, a milestone with fields. */
function stages(n: number): string {
  const batches = readFileSync(path.join(plans, "audit-implementation-batches.md"), "utf8");
  const tasks = batches.slice(batches.indexOf("### Agent 1A"), batches.indexOf("## Batch 2")).replace(/Agent 1([A-E])/g, `Agent ${n}$1`);
  const final = readFileSync(path.join(plans, "open-claude-final-plan.plan.md"), "utf8");
  const bullets = final.slice(final.indexOf("## Phase 1 —"), final.indexOf("## Phase 2 —")).replace("## Phase 1 —", `## Phase ${n} —`);
  const milestones = readFileSync(path.join(plans, "rauskuclaw-milestones.md"), "utf8");
  const milestone = milestones.slice(milestones.indexOf("### M1:"), milestones.indexOf("### M2:")).replace("### M1:", `### M${n}:`);
  return [`## Batch ${n}: Generated batch ${n}`, tasks, bullets, milestone].join("\n\n");
}

export function largePlan(targetBytes = TARGET_BYTES): string {
  const final = readFileSync(path.join(plans, "open-claude-final-plan.plan.md"), "utf8");
  const gate = final.slice(final.indexOf("## Release Gates (Go/No-Go)"), final.indexOf("## Explicitly De-scoped"));
  const parts = ["# Generated benchmark plan", ""];
  let size = 0;
  for (let n = 1; size < targetBytes; n++) {
    const chunk = stages(n);
    parts.push(chunk);
    size += Buffer.byteLength(chunk);
  }
  parts.push(gate);
  return parts.join("\n\n");
}

function ms(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}

async function run(env: BenchEnv): Promise<SuiteResult> {
  const source = largePlan();
  const bytes = Buffer.byteLength(source);
  env.log(`plan of ${(bytes / 1_000_000).toFixed(2)} MB`);

  const parses: number[] = [];
  let parsed = parsePlan(source);
  for (let i = 0; i < PARSE_RUNS; i++) {
    const start = performance.now();
    parsed = parsePlan(source);
    parses.push(ms(start));
  }
  parses.sort((a, b) => a - b);

  const suffix = crypto.randomUUID().slice(0, 8);
  const user = await ensureUser(`bench-import-${suffix}@bench.readyroom.dev`, "Bench owner");
  const workspace = await createWorkspace({ userId: user.id, input: createWorkspaceInput.parse({ slug: `bench-import-${suffix}`, name: "Import benchmark" }) });
  const ctx = await systemWorkspaceContext(workspace.slug, "bench");
  const project = await createProject({ ctx, input: createProjectInput.parse({ slug: "plan", name: "Imported plan", keyPrefix: "IMP" }) });
  try {
    let start = performance.now();
    await importPlan({ ctx, projectSlug: project.slug, source, apply: false });
    const previewMs = ms(start);
    start = performance.now();
    await importPlan({ ctx, projectSlug: project.slug, source, apply: true });
    const applyMs = ms(start);
    start = performance.now();
    const again = await importPlan({ ctx, projectSlug: project.slug, source, apply: true });
    const reimportMs = ms(start);
    const parseMedian = parses[Math.floor(parses.length / 2)]!;
    const summary = {
      bytes,
      phases: parsed.phases.length,
      items: parsed.items.length,
      criteria: parsed.report.criteria,
      parseMs: { median: parseMedian, min: parses[0], max: parses.at(-1) },
      previewMs,
      applyMs,
      reimportMs,
      reimportUnchanged: again.diff.totals.items.unchanged === parsed.items.length,
      targetMs: 1000,
    };
    const yes = (v: number) => (v <= 1000 ? "yes" : "no");
    const markdown = [
      `A ${(bytes / 1_000_000).toFixed(2)} MB plan built from the fixture plans' shapes: ${parsed.phases.length} stages, ${parsed.items.length} items, a gate of ${parsed.report.criteria} criteria. Target: a 1 MB import in under a second (reported, not asserted).`,
      "",
      "| Step | time | ≤ 1 s |",
      "|---|--:|:-:|",
      `| parse (pure, median of ${PARSE_RUNS}) | ${parseMedian} ms | ${yes(parseMedian)} |`,
      `| preview (parse + diff against the project) | ${previewMs} ms | ${yes(previewMs)} |`,
      `| apply to an empty project (one transaction) | ${applyMs} ms | ${yes(applyMs)} |`,
      `| re-import, nothing changed | ${reimportMs} ms | ${yes(reimportMs)} |`,
      "",
      `Re-import left every item unchanged: ${summary.reimportUnchanged ? "yes" : "no"}.`,
    ].join("\n");
    return { summary, markdown };
  } finally {
    if (env.database === "postgres" && process.env.BENCH_KEEP !== "1") {
      const raw = await rawDb();
      await raw.workspace.delete({ where: { id: ctx.workspace.id } });
      await raw.user.delete({ where: { id: user.id } });
    }
  }
}

export const planImportSuite: Suite = { title: "Plan import (1 MB Markdown)", run };
