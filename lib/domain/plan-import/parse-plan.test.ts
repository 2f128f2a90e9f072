import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePlan, stageOfHeading, statusFromWord } from "./parse-plan";

/** The fixture plans, copied into the repository (prisma/seed/plans) so tests and the seed need nothing outside it. */
const fixture = (name: string) => readFileSync(path.resolve(__dirname, "../../../prisma/seed/plans", name), "utf8");

describe("the final production plan (Cursor plan with front-matter todos)", () => {
  const plan = parsePlan(fixture("open-claude-final-plan.plan.md"));

  it("gives phases 0–5 chained in order by the flowchart", () => {
    expect(plan.title).toBe("open-claude-final-plan");
    expect(plan.overview).toMatch(/^Consolidated, de-duplicated production-readiness plan/);
    expect(plan.phases.map((p) => p.ref)).toEqual(["phase-0", "phase-1", "phase-2", "phase-3", "phase-4", "phase-5"]);
    expect(plan.phases[1]!.name).toBe("Phase 1 — Critical Security Blockers (Must Fix Before Release)");
    expect(plan.phases.map((p) => p.dependsOn)).toEqual([[], ["phase-0"], ["phase-1"], ["phase-2"], ["phase-3"], ["phase-4"]]);
  });

  it("imports the todos with their ids and statuses, in the phase their id names", () => {
    const todos = plan.items.filter((i) => i.ref.startsWith("todo:"));
    expect(todos.map((t) => t.ref)).toEqual([
      "todo:phase0-baseline",
      "todo:phase1-authz-and-xss",
      "todo:phase1-api-hardening",
      "todo:phase2-reliability",
      "todo:phase2-performance-faults",
      "todo:phase3-ux-a11y",
      "todo:phase4-test-and-ci",
      "todo:phase5-deploy-readiness",
      "todo:release-gate-decision",
    ]);
    expect(new Set(todos.map((t) => t.status))).toEqual(new Set(["open"]));
    expect(todos.find((t) => t.ref === "todo:phase2-reliability")!.phaseRef).toBe("phase-2");
    expect(todos.find((t) => t.ref === "todo:release-gate-decision")!.phaseRef).toBeNull();
  });

  it("turns each phase's bullets into items with their files, grouped by the bold numbered headings", () => {
    const allowlist = plan.items.find((i) => i.title.startsWith("Add field allowlist in updateProfile"))!;
    expect(allowlist).toMatchObject({ phaseRef: "phase-1", files: ["server/supabase/chat-store.js"], labels: ["fix-privilege-and-ownership-flaws"] });
    expect(allowlist.description).toContain("Part of “Fix privilege and ownership flaws”.");
    const csp = plan.items.find((i) => i.title === "Add CSP to renderer/index.html")!;
    expect(csp.phaseRef).toBe("phase-1");
    expect(plan.items.filter((i) => i.phaseRef === "phase-1" && i.ref.startsWith("md:"))).toHaveLength(10);
  });

  it("reads the release gate: five No-Go conditions required, the known-risks condition advisory", () => {
    expect(plan.gates).toHaveLength(1);
    const [gate] = plan.gates;
    expect(gate!.name).toBe("Release Gates");
    expect(gate!.criteria.map((c) => [c.title, c.required, c.type])).toEqual([
      ["Phase 1 items complete with tests", true, "rule"],
      ["Phase 2 lifecycle/resource protections complete (shutdown, bounded caches, validation)", true, "rule"],
      ["CI workflows are active and passing on target branch", true, "check"],
      ["Smoke suite passes agreed baseline across primary browser targets", true, "check"],
      ["Production env/deploy checklist is documented and verified", true, "manual"],
      ["Phase 3 polish items marked non-blocking are explicitly deferred with owners and dates", false, "rule"],
    ]);
    expect(gate!.criteria[0]!.rule).toEqual({ type: "all_done", filter: { phaseRef: "phase-1" } });
    expect(gate!.criteria[5]!.rule).toEqual({ type: "all_done", filter: { phaseRef: "phase-3" } });
  });

  it("marks de-scoped items won't fix and reports the text it kept", () => {
    const descoped = plan.items.filter((i) => i.status === "wont_fix");
    expect(descoped).toHaveLength(2);
    expect(descoped[0]!.title).toMatch(/tests are not configured/);
    expect(plan.unmapped.map((u) => u.at)).toContain("Open Claude Cowork Final Production Plan › Goal");
    expect(plan.phases[0]!.description).toContain("Key files to baseline");
  });
});

describe("the audit implementation batches plan", () => {
  const plan = parsePlan(fixture("audit-implementation-batches.md"));

  it("gives 4 sequential batches with 18 tasks carrying files, audit refs and verification commands", () => {
    expect(plan.phases.map((p) => p.ref)).toEqual(["batch-1", "batch-2", "batch-3", "batch-4"]);
    expect(plan.phases.map((p) => p.dependsOn)).toEqual([[], ["batch-1"], ["batch-2"], ["batch-3"]]);
    expect(plan.items).toHaveLength(18);
    expect(plan.phases.map((p) => plan.items.filter((i) => i.phaseRef === p.ref).length)).toEqual([5, 5, 4, 4]);
    const indices = plan.items.find((i) => i.ref === "task:1a")!;
    expect(indices).toMatchObject({
      title: "Database Indices & Composite Index",
      files: ["alembic/versions/", "services/agent/src/core/db/models.py"],
      auditRefs: ["#1 (FK indices)", "#2 (composite index)", "#16-P (FK indices)"],
      verificationCommand: "./stack check",
    });
    expect(indices.description).toContain("Create new Alembic migration adding:");
    expect(plan.items.find((i) => i.ref === "task:4b")!.files).toHaveLength(3);
    expect(plan.items.every((i) => i.verificationCommand)).toBe(true);
  });

  it("takes the plan's executor as the owner and keeps the execution summary as text", () => {
    expect(plan.owners).toEqual(["Engineer agents"]);
    expect(plan.phases[0]!.owner).toBe("Engineer agents");
    expect(plan.unmapped.map((u) => u.at).some((at) => at.endsWith("Execution Summary"))).toBe(true);
  });
});

describe("the milestones plan", () => {
  const plan = parsePlan(fixture("rauskuclaw-milestones.md"));

  it("gives M1–M4 done, with deliverables, acceptance criteria, dependencies, risks and exit criteria", () => {
    expect(plan.phases.map((p) => [p.ref, p.status])).toEqual([["m1", "done"], ["m2", "done"], ["m3", "done"], ["m4", "done"]]);
    expect(plan.phases.map((p) => p.dependsOn)).toEqual([[], ["m1"], ["m1"], ["m1", "m3"]]);
    const m1 = plan.phases[0]!;
    expect(m1.objective).toContain("operationally reliable");
    expect(m1.deliverables).toContain("Callback allowlist behavior documented and testable.");
    expect(m1.acceptanceCriteria).toContain("Retry behavior matches `max_attempts`.");
    expect(m1.risks).toContain("Callback security misconfiguration");
    expect(m1.exitCriteria).toContain("New contributors can run and verify the system");
    expect(m1.description).toContain("Docker Compose environment.");
    const deliverables = plan.items.filter((i) => i.phaseRef === "m1");
    expect(deliverables).toHaveLength(5);
    expect(deliverables.every((d) => d.kind === "deliverable" && d.status === "done")).toBe(true);
  });

  it("reads the definition of done as a gate and keeps the changelog as text", () => {
    expect(plan.gates.map((g) => [g.name, g.criteria.length])).toEqual([["Definition of Done for Each Milestone", 5]]);
    expect(plan.unmapped.find((u) => u.at === "RauskuClaw Plan › Changelog")!.text).toContain("parseSuggestedJobs");
  });
});

describe("plans it has never seen", () => {
  it("names stages whatever the word, with owners in the heading", () => {
    expect(stageOfHeading("WS1 — Backend hardening (Owner: CLAUDE)")).toEqual({ ref: "ws1", name: "WS1 — Backend hardening", status: null });
    expect(stageOfHeading("Batch 2: Security & Performance")?.ref).toBe("batch-2");
    expect(stageOfHeading("M3: Provider Integration")?.ref).toBe("m3");
    expect(stageOfHeading("2) Security audit")?.ref).toBe("step-2");
    expect(stageOfHeading("Milestone 4 - Launch")?.ref).toBe("m4");
    expect(stageOfHeading("Migration notes")).toBeNull();
    expect(stageOfHeading("Making it work")).toBeNull();
    expect(stageOfHeading("Week 2 — Hardening")?.ref).toBe("week-2");
    expect(stageOfHeading("Phase 1.5: Stabilise")?.ref).toBe("phase-1.5");
  });

  it("reads emoji and statuses written into headings", () => {
    expect(stageOfHeading("🚀 Phase 1: Launch ✅")).toEqual({ ref: "phase-1", name: "Phase 1: Launch", status: "done" });
    expect(stageOfHeading("Phase 2: Scale (in progress)")).toMatchObject({ name: "Phase 2: Scale", status: "in_progress" });
    expect(stageOfHeading("Phase 3 — Polish — DONE")).toMatchObject({ name: "Phase 3 — Polish", status: "done" });
    expect(stageOfHeading("Phase 4: Make it complete")).toMatchObject({ name: "Phase 4: Make it complete", status: null });
    const plan = parsePlan("## ✅ Phase 1: Setup\n\n- Create repo\n\n## Phase 2: Build 🚧\n\n### ✅ Task 2.1: Scaffold API\n\nFiles: `api/index.ts`\n\n### Task 2.2: Add auth\n\nOwner: Dana");
    expect(plan.phases.map((p) => [p.ref, p.name, p.status])).toEqual([
      ["phase-1", "Phase 1: Setup", "done"],
      ["phase-2", "Phase 2: Build", "in_progress"],
    ]);
    expect(plan.items.map((i) => [i.ref, i.title, i.status, i.phaseRef, i.owner])).toEqual([
      ["md:phase-1:create-repo", "Create repo", "done", "phase-1", null],
      ["task:2.1", "Scaffold API", "done", "phase-2", null],
      ["task:2.2", "Add auth", "open", "phase-2", "Dana"],
    ]);
    expect(plan.items[1]!.files).toEqual(["api/index.ts"]);
  });

  it("reads a stage's sub-headings as fields, groups of items, or items, and loses none of their text", () => {
    const plan = parsePlan(
      [
        "## Phase 1 — Security",
        "### Deliverables",
        "- Threat model",
        "### Frontend",
        "- Add CSP in `app/layout.tsx`",
        "- Escape user HTML",
        "### 1.2 Add rate limiting",
        "Limit sign-in attempts per IP.",
        "**Estimate:** 2d",
        "### Background",
        "The audit found these in March.",
      ].join("\n\n"),
    );
    const [phase] = plan.phases;
    expect(phase!.deliverables).toContain("Threat model");
    expect(phase!.description).toContain("**Background**");
    expect(phase!.description).toContain("The audit found these in March.");
    expect(plan.items.map((i) => [i.ref, i.title, i.kind, i.labels])).toEqual([
      ["md:phase-1:deliverable:threat-model", "Threat model", "deliverable", []],
      ["md:phase-1:add-csp-in-app-layout-tsx", "Add CSP in app/layout.tsx", "task", ["frontend"]],
      ["md:phase-1:escape-user-html", "Escape user HTML", "task", ["frontend"]],
      ["md:phase-1:1-2-add-rate-limiting", "Add rate limiting", "task", []],
    ]);
    expect(plan.items[3]).toMatchObject({ description: "Limit sign-in attempts per IP.", estimate: "2d" });
  });

  it("reads a table of work as items with owner, status, estimate and files", () => {
    const plan = parsePlan(
      "## Sprint 1: Foundations\n\n| ID | Task | Owner | Status | Estimate | Files | Notes |\n|---|---|---|---|---|---|---|\n| T-1 | Set up CI | Platform | ✅ | 1d | `.github/workflows/ci.yml` | |\n| T-2 | Add health check | Dana | in progress | 2h | `app/api/health/route.ts` | Needed by the LB |\n\n| Metric | Target |\n|---|---|\n| p99 | 200 ms |",
    );
    expect(plan.items.map((i) => [i.ref, i.title, i.owner, i.status, i.estimate, i.files])).toEqual([
      ["md:sprint-1:t-1", "Set up CI", "Platform", "done", "1d", [".github/workflows/ci.yml"]],
      ["md:sprint-1:t-2", "Add health check", "Dana", "in_progress", "2h", ["app/api/health/route.ts"]],
    ]);
    expect(plan.items[1]!.description).toBe("Notes: Needed by the LB");
    // A table that lists no work stays as text.
    expect(plan.unmapped.map((u) => u.text).join("\n")).toContain("| Metric | Target |");
  });

  it("takes the top sections as stages when a plan names none", () => {
    const plan = parsePlan("# Launch checklist\n\nIntro.\n\n## Security\n\n- [ ] Enable CSP\n- [x] Rotate keys\n\n## Performance\n\n- [ ] Add caching\n\n## Notes\n\nNothing to do here.");
    expect(plan.stagesFrom).toBe("sections");
    expect(plan.phases.map((p) => [p.ref, p.name])).toEqual([
      ["section-security", "Security"],
      ["section-performance", "Performance"],
    ]);
    expect(plan.items.map((i) => [i.title, i.status, i.phaseRef])).toEqual([
      ["Enable CSP", "open", "section-security"],
      ["Rotate keys", "done", "section-security"],
      ["Add caching", "open", "section-performance"],
    ]);
    expect(plan.otherHeadings).toEqual(["Notes"]);
    const checklist = parsePlan("# Release checklist\n\n- [ ] Tag the release\n- [ ] Announce it");
    expect(checklist.phases.map((p) => p.name)).toEqual(["Release checklist"]);
    expect(checklist.items).toHaveLength(2);
    expect(parsePlan("## Phase 1\n\n- one").stagesFrom).toBe("headings");
  });

  it("reads statuses, 'start after' dependencies, checkboxes and heading owners", () => {
    const plan = parsePlan(
      [
        "# Launch",
        "## WS1 — API (Owner: CLAUDE)",
        "- [x] Add rate limits to `api/server.ts`",
        "- [ ] Add CSP",
        "## WS2 — UI",
        "Start after WS1 is merged.",
        "1. Fix focus rings",
        "   - nested detail stays in the description",
        "## WS3 — Docs",
        "Status: in progress",
      ].join("\n"),
    );
    expect(plan.phases.map((p) => [p.ref, p.owner, p.dependsOn])).toEqual([["ws1", "CLAUDE", []], ["ws2", null, ["ws1"]], ["ws3", null, ["ws2"]]]);
    expect(plan.phases[2]!.status).toBe("in_progress");
    expect(plan.items.map((i) => [i.title, i.status, i.files])).toEqual([
      ["Add rate limits to api/server.ts", "done", ["api/server.ts"]],
      ["Add CSP", "open", []],
      ["Fix focus rings", "open", []],
    ]);
    expect(plan.items[2]!.description).toContain("nested detail stays in the description");
    expect(plan.items[0]!.owner).toBe("CLAUDE");
  });

  it("reports headings it read as no stage, and reads them as stages when asked", () => {
    const source = "# Plan\n\n## Hardening sprint\n\n- Add CSP in `app/layout.tsx`\n- Rotate keys\n\n## Phase 2 — Launch\n\n- Ship\n\n## Notes\n\nJust text.";
    const plain = parsePlan(source);
    expect(plain.phases.map((p) => p.ref)).toEqual(["phase-2"]);
    expect(plain.otherHeadings).toEqual(["Hardening sprint", "Notes"]);
    const mapped = parsePlan(source, { stageHeadings: ["Hardening sprint"] });
    expect(mapped.phases.map((p) => [p.ref, p.name, p.dependsOn])).toEqual([
      ["section-hardening-sprint", "Hardening sprint", []],
      ["phase-2", "Phase 2 — Launch", ["section-hardening-sprint"]],
    ]);
    expect(mapped.items.filter((i) => i.phaseRef === "section-hardening-sprint").map((i) => [i.title, i.files])).toEqual([
      ["Add CSP in app/layout.tsx", ["app/layout.tsx"]],
      ["Rotate keys", []],
    ]);
    expect(mapped.otherHeadings).toEqual(["Notes"]);
  });

  it("maps the plan status words", () => {
    expect(["pending", "in_progress", "completed", "cancelled", "`done`", "whatever"].map(statusFromWord)).toEqual(["open", "in_progress", "done", "wont_fix", "done", null]);
  });

  it("never throws on arbitrary Markdown, and keeps refs unique", () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const pieces = [
      "# ", "## Phase ", "### Agent 1A: ", "M", "WS", "1", "2)", " — ", ": ", "**Files:** ", "`a/b.ts`", "- ", "1. ", "  - ", "- [x] ",
      "---\nname: x\ntodos: [1, {id: 2}]\n---\n", "---\n: : :\n---\n", "```mermaid\nflowchart TD\n a --> b --> \n```\n", "| a | b |\n|---|---|\n| 1 | 2 |\n",
      "Release is **No-Go** until:\n", "Go with Known Risks only if:\n", "Dependencies:\n", "Status: done\n", "[x](y)", "<div>", "\n", "\n\n", "Phase 0", "é漢字🙂", "\u0000", "*", "_", ">",
    ];
    for (let run = 0; run < 300; run++) {
      const length = Math.floor(random() * 60);
      const doc = Array.from({ length }, () => pieces[Math.floor(random() * pieces.length)]).join("");
      const plan = parsePlan(doc);
      const refs = plan.items.map((i) => i.ref);
      expect(new Set(refs).size, doc).toBe(refs.length);
      expect(new Set(plan.phases.map((p) => p.ref)).size, doc).toBe(plan.phases.length);
      for (const phase of plan.phases) for (const dep of phase.dependsOn) expect(plan.phases.some((p) => p.ref === dep)).toBe(true);
    }
  });
});
