import { describe, expect, it } from "vitest";
import { type BatchPlan, type BatchTask, fileConflicts, normaliseFile, planBatches, validateBatches } from "./batches";

const task = (key: string, files: string[], dependsOn: string[] = [], title = `Task ${key}`): BatchTask => ({ key, title, files, dependsOn });

/** The keys of each batch: the shape `validateBatches` checks. */
const groups = (plan: BatchPlan) => plan.batches.map((batch) => batch.keys);

/**
 * The 18 agents of shared/fixtures/plans/audit-implementation-batches.md, with
 * their `**Files:**` lines split on commas as written. 3D's line has its comma
 * inside the parenthetical note, so it stays one entry. No agent names another
 * as a dependency; only the batches are sequential.
 */
const audit: BatchTask[] = [
  task("1A", ["`alembic/versions/` (new migration)", "`services/agent/src/core/db/models.py`"], [], "Database Indices & Composite Index"),
  task("1B", ["`services/agent/src/interfaces/http/admin_auth_oauth.py`"], [], "OAuth Security Fixes"),
  task("1C", ["`docker-compose.yml`", "`docker-compose.prod.yml`"], [], "Docker Hardening"),
  task("1D", ["`services/agent/src/interfaces/http/admin_credentials.py`", "`services/agent/src/interfaces/http/templates/admin_mcp.html`"], [], "Admin Portal Double-Submit Prevention"),
  task("1E", ["`services/agent/src/stack/cli.py`", "`services/agent/src/stack/checks.py`"], [], "Stack CLI -- Architecture Checks & Import Safety"),
  task("2A", ["`services/agent/src/core/tools/git_clone.py`"], [], "git_clone URL Sanitization"),
  task("2B", ["`services/agent/src/modules/fetcher/__init__.py`"], [], "WebFetcher Async Cache"),
  task("2C", ["`services/agent/src/core/mcp/client.py`"], [], "MCP Lightweight Ping"),
  task("2D", ["`services/agent/src/interfaces/http/admin_contexts.py`"], [], "N+1 Query Fix in Admin Contexts"),
  task("2E", ["`services/agent/src/stack/cli.py`", "`services/agent/src/stack/tooling.py`"], [], "Subprocess Timeouts in Stack CLI"),
  task("3A", ["`services/agent/src/core/tests/test_skill_executor_context.py` (new)"], [], "SkillExecutor Context Validation Tests"),
  task("3B", ["`services/agent/src/core/tests/test_unified_orchestrator.py` (new or extend existing)"], [], "UnifiedOrchestrator Plan Parsing Tests"),
  task("3C", ["`.github/workflows/ci.yml`"], [], "CI Coverage Reporting"),
  task("3D", ["Various (survey first, then fix highest-impact ones)"], [], "Fix Swallowed Exceptions"),
  task("4A", ["`.env.template`"], [], "Clean Up .env.template"),
  task("4B", ["`services/agent/src/core/tools/search_code.py`", "`services/agent/src/core/tools/github.py`", "`services/agent/src/core/tools/qa.py`"], [], "Remove Dead Code"),
  task("4C", ["`CLAUDE.md`", "`docs/ARCHITECTURE.md`"], [], "Documentation Fixes"),
  task("4D", ["All `admin_*.py` files", "`templates/admin_mcp.html`"], [], "Admin Portal Fetch Error Handling"),
];

/** The plan's own grouping: "4 sequential batches". */
const auditBatches = [
  ["1A", "1B", "1C", "1D", "1E"],
  ["2A", "2B", "2C", "2D", "2E"],
  ["3A", "3B", "3C", "3D"],
  ["4A", "4B", "4C", "4D"],
];

const byKey = (tasks: BatchTask[], keys: string[]) => keys.map((key) => tasks.find((t) => t.key === key)!);

describe("the audit implementation plan", () => {
  it("has 18 agents, each in exactly one of the plan's batches", () => {
    expect(audit).toHaveLength(18);
    expect(auditBatches.flat().sort()).toEqual(audit.map((t) => t.key).sort());
  });

  it("groups its own batches without a shared file or a misplaced dependency", () => {
    expect(validateBatches(audit, auditBatches)).toEqual({ valid: true, problems: [] });
    for (const keys of auditBatches) expect(fileConflicts(byKey(audit, keys))).toEqual([]);
  });

  it("plans no more batches than the plan's four, all of them valid", () => {
    const plan = planBatches(audit);
    expect(plan.unplaceable).toEqual([]);
    expect(plan.batches.length).toBeLessThanOrEqual(4);
    expect(validateBatches(audit, groups(plan))).toEqual({ valid: true, problems: [] });
    for (const batch of plan.batches) expect(fileConflicts(byKey(audit, batch.keys))).toEqual([]);
  });

  it("needs only two batches, because only 1E and 2E share a listed path", () => {
    // Matching is by path, so "Various" (3D), "All `admin_*.py` files" (4D) and 4D's
    // relative `templates/admin_mcp.html` claim nothing that 1D's full paths can meet.
    const plan = planBatches(audit);
    expect(groups(plan)).toEqual([audit.map((t) => t.key).filter((key) => key !== "2E"), ["2E"]]);
    expect(plan.batches[0]!.deferred).toEqual([{ key: "2E", with: "1E", reason: "file", file: "services/agent/src/stack/cli.py" }]);
    expect(plan.batches[1]!.deferred).toEqual([]);
  });

  it("reproduces the plan's grouping when each batch depends on the one before", () => {
    const sequential = audit.map((t) => {
      const b = auditBatches.findIndex((keys) => keys.includes(t.key));
      return { ...t, dependsOn: b === 0 ? [] : auditBatches[b - 1]! };
    });
    const plan = planBatches(sequential);
    expect(groups(plan)).toEqual(auditBatches);
    expect(plan.batches.flatMap((batch) => batch.deferred)).toEqual([]);
  });
});

describe("normaliseFile", () => {
  it("trims, strips surrounding backticks and a trailing note in parentheses", () => {
    expect(normaliseFile("  `alembic/versions/` (new migration)")).toBe("alembic/versions/");
    expect(normaliseFile("`services/agent/src/core/tests/test_unified_orchestrator.py` (new or extend existing)")).toBe(
      "services/agent/src/core/tests/test_unified_orchestrator.py",
    );
    expect(normaliseFile("`lib/a.ts (new)`")).toBe("lib/a.ts");
    expect(normaliseFile("Various (survey first, then fix highest-impact ones)")).toBe("Various");
  });

  it("leaves parentheses that are part of a name, and text that is not wrapped in backticks", () => {
    expect(normaliseFile("app/(auth)/signin/page.tsx")).toBe("app/(auth)/signin/page.tsx");
    expect(normaliseFile("copy(1).txt")).toBe("copy(1).txt");
    expect(normaliseFile("All `admin_*.py` files")).toBe("All `admin_*.py` files");
  });
});

describe("fileConflicts", () => {
  it("names every pair sharing a file, the later task first", () => {
    const tasks = [task("A", ["x.ts", "y.ts"]), task("B", ["`x.ts`"]), task("C", ["x.ts (edit)", "y.ts"]), task("D", ["z.ts"])];
    expect(fileConflicts(tasks)).toEqual([
      { key: "B", with: "A", reason: "file", file: "x.ts" },
      { key: "C", with: "A", reason: "file", file: "x.ts" },
      { key: "C", with: "A", reason: "file", file: "y.ts" },
      { key: "C", with: "B", reason: "file", file: "x.ts" },
    ]);
  });

  it("treats a directory as holding every file under it, and names the directory", () => {
    expect(fileConflicts([task("A", ["alembic/versions/0042_x.py"]), task("B", ["`alembic/versions/` (new migration)"])])).toEqual([
      { key: "B", with: "A", reason: "file", file: "alembic/versions/" },
    ]);
    expect(fileConflicts([task("A", ["src/"]), task("B", ["src/a/"])])).toEqual([{ key: "B", with: "A", reason: "file", file: "src/" }]);
    expect(fileConflicts([task("A", ["alembic/versions/"]), task("B", ["alembic/versions-old/x.py", "alembic/versionsx"])])).toEqual([]);
  });

  it("finds nothing in disjoint tasks, nor within one task", () => {
    expect(fileConflicts([task("A", ["src/", "src/a.ts"]), task("B", ["lib/a.ts"])])).toEqual([]);
    expect(fileConflicts([])).toEqual([]);
  });
});

describe("planBatches", () => {
  it("splits two tasks sharing a file, recording the file, and lets an unrelated task join the first batch", () => {
    const plan = planBatches([task("A", ["src/a.ts", "src/b.ts"]), task("B", ["src/b.ts"]), task("C", ["src/c.ts"])]);
    expect(plan).toEqual({
      batches: [
        { index: 0, keys: ["A", "C"], deferred: [{ key: "B", with: "A", reason: "file", file: "src/b.ts" }] },
        { index: 1, keys: ["B"], deferred: [] },
      ],
      unplaceable: [],
    });
  });

  it("gives a chain A → B → C three batches, whatever the input order", () => {
    const plan = planBatches([task("C", ["c.ts"], ["B"]), task("B", ["b.ts"], ["A"]), task("A", ["a.ts"])]);
    expect(groups(plan)).toEqual([["A"], ["B"], ["C"]]);
    expect(plan.batches.flatMap((batch) => batch.deferred)).toEqual([]);
  });

  it("keeps a directory and a file under it apart, in either order", () => {
    const dirFirst = planBatches([task("M", ["`alembic/versions/` (new migration)"]), task("F", ["alembic/versions/0042_x.py"])]);
    expect(groups(dirFirst)).toEqual([["M"], ["F"]]);
    expect(dirFirst.batches[0]!.deferred).toEqual([{ key: "F", with: "M", reason: "file", file: "alembic/versions/" }]);
    const fileFirst = planBatches([task("F", ["alembic/versions/0042_x.py"]), task("M", ["alembic/versions/"])]);
    expect(groups(fileFirst)).toEqual([["F"], ["M"]]);
    expect(fileFirst.batches[0]!.deferred).toEqual([{ key: "M", with: "F", reason: "file", file: "alembic/versions/" }]);
  });

  it("records a dependency that a file conflict pushed later", () => {
    // C's level allows batch 1, but B, pushed there by A's file, must come first.
    const plan = planBatches([task("A", ["f.ts"]), task("B", ["f.ts"]), task("C", ["c.ts"], ["B"])]);
    expect(plan.batches).toEqual([
      { index: 0, keys: ["A"], deferred: [{ key: "B", with: "A", reason: "file", file: "f.ts" }] },
      { index: 1, keys: ["B"], deferred: [{ key: "C", with: "B", reason: "dependency" }] },
      { index: 2, keys: ["C"], deferred: [] },
    ]);
  });

  it("reports unknown dependencies, cycles and what waits on them as unplaceable, without throwing", () => {
    const tasks = [
      task("A", [], ["Z"]),
      task("B", [], ["C"]),
      task("C", [], ["B"]),
      task("D", [], ["A"]),
      task("E", [], ["B", "G"]),
      task("F", [], ["F"]),
      task("G", ["g.ts"]),
      task("H", [], ["a", "Y"]),
    ];
    const plan = planBatches(tasks);
    expect(groups(plan)).toEqual([["G"]]);
    expect(plan.unplaceable).toEqual([
      { key: "A", reason: 'depends on unknown task "Z"' },
      { key: "B", reason: "part of dependency cycle B → C → B" },
      { key: "C", reason: "part of dependency cycle C → B → C" },
      { key: "D", reason: 'depends on "A", which cannot be placed' },
      { key: "E", reason: 'depends on "B", which cannot be placed' },
      { key: "F", reason: "part of dependency cycle F → F" },
      // Keys are compared exactly: "a" is not "A".
      { key: "H", reason: 'depends on unknown tasks "a", "Y"' },
    ]);
  });

  it("places the first of two tasks with one key and reports the second", () => {
    const plan = planBatches([task("A", ["a.ts"]), task("A", ["b.ts"])]);
    expect(groups(plan)).toEqual([["A"]]);
    expect(plan.unplaceable).toEqual([{ key: "A", reason: 'duplicate key "A": an earlier task already has it' }]);
  });

  it("gives the same plan for the same input, and leaves the input alone", () => {
    const tasks = [task("A", ["x/"]), task("B", ["x/y.ts"], ["A"]), task("C", ["x/y.ts"]), task("D", ["d.ts"], ["C", "B"])];
    const before = structuredClone(tasks);
    const first = planBatches(tasks);
    expect(planBatches(tasks)).toEqual(first);
    expect(planBatches(structuredClone(tasks))).toEqual(first);
    expect(tasks).toEqual(before);
    // By level first: C (no dependencies) claims batch 2 before B (after A) is placed.
    expect(groups(first)).toEqual([["A"], ["C"], ["B"], ["D"]]);
  });

  it("plans nothing for no tasks", () => {
    expect(planBatches([])).toEqual({ batches: [], unplaceable: [] });
  });
});

describe("validateBatches", () => {
  const tasks = [task("A", ["a.ts"]), task("B", ["shared.ts"], ["A"]), task("C", ["shared.ts"]), task("D", ["d/"])];

  it("accepts a valid grouping", () => {
    expect(validateBatches(tasks, [["A", "C", "D"], ["B"]])).toEqual({ valid: true, problems: [] });
  });

  it("catches a missing task", () => {
    expect(validateBatches(tasks, [["A", "C"], ["B"]])).toEqual({ valid: false, problems: ['"D" is in no batch.'] });
  });

  it("catches a task listed twice, in one batch or in two", () => {
    expect(validateBatches(tasks, [["A", "C", "D", "A"], ["B"]]).problems).toEqual(['"A" appears more than once in batch 1.']);
    expect(validateBatches(tasks, [["A", "C", "D"], ["B", "D"]]).problems).toEqual(['"D" appears in batch 1 and again in batch 2.']);
  });

  it("catches a dependency in the same batch or a later one", () => {
    expect(validateBatches(tasks, [["A", "B"], ["C", "D"]]).problems).toEqual(['"B" depends on "A", which is in the same batch 1.']);
    expect(validateBatches(tasks, [["B", "D"], ["A", "C"]]).problems).toEqual(['"B" (batch 1) depends on "A", which comes later (batch 2).']);
  });

  it("catches a shared file, including a file under a directory", () => {
    const withDir = [...tasks, task("E", ["`d/e.ts` (new)"])];
    expect(validateBatches(withDir, [["A", "C", "D", "E"], ["B"]]).problems).toEqual(['Batch 1: "D" and "E" both touch d/.']);
    expect(validateBatches(tasks, [["A", "D"], ["B", "C"]]).problems).toEqual(['Batch 2: "B" and "C" both touch shared.ts.']);
  });

  it("catches keys that are not tasks and dependencies on them", () => {
    const orphan = [task("A", []), task("B", [], ["Q"])];
    expect(validateBatches(orphan, [["A", "X"], ["B"]]).problems).toEqual([
      'Batch 1 lists "X", which is not a task.',
      '"B" depends on "Q", which is not a task.',
    ]);
  });
});

/** mulberry32: a tiny seeded PRNG, so the random cases are the same on every run. */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const filePool = ["src/", "src/a/", "src/a/x.ts", "`src/a/y.ts`", "src/b.ts", "`src/b.ts` (new)", "lib/", "lib/z.ts", "docs/readme.md", "package.json"];

/** Random tasks; `acyclic` ones only depend on earlier tasks, others also on later, themselves or unknown keys. */
function randomTasks(random: () => number, acyclic: boolean): BatchTask[] {
  const n = 1 + Math.floor(random() * 12);
  const keys = Array.from({ length: n }, (_, i) => `T${i}`);
  return keys.map((key, i) => {
    const files = filePool.filter(() => random() < 0.2);
    const dependsOn = acyclic
      ? keys.slice(0, i).filter(() => random() < 0.25)
      : [...keys.filter(() => random() < 0.12), ...(random() < 0.05 ? ["Unknown"] : [])];
    return task(key, files, dependsOn);
  });
}

/** Which tasks can be placed, found the slow way: add tasks whose dependencies are all placed until nothing changes. */
function placeableKeys(tasks: BatchTask[]): Set<string> {
  const placed = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of tasks) {
      if (!placed.has(t.key) && t.dependsOn.every((dep) => placed.has(dep))) {
        placed.add(t.key);
        grew = true;
      }
    }
  }
  return placed;
}

describe("planBatches on random inputs", () => {
  it("places every task once or reports it, and every plan validates", () => {
    const random = prng(20260210);
    for (let run = 0; run < 200; run++) {
      const tasks = randomTasks(random, run % 2 === 0);
      const plan = planBatches(tasks);
      const context = `run ${run}: ${JSON.stringify(tasks)}`;

      const placed = plan.batches.flatMap((batch) => batch.keys);
      const reported = plan.unplaceable.map((u) => u.key);
      expect([...placed, ...reported].sort(), context).toEqual(tasks.map((t) => t.key).sort());
      expect(new Set(placed), context).toEqual(placeableKeys(tasks));
      if (run % 2 === 0) expect(reported, context).toEqual([]);

      const placeable = tasks.filter((t) => placed.includes(t.key));
      expect(validateBatches(placeable, groups(plan)), context).toEqual({ valid: true, problems: [] });
      expect(planBatches(structuredClone(tasks)), context).toEqual(plan);

      const batchOf = new Map(plan.batches.flatMap((batch) => batch.keys.map((key) => [key, batch.index] as const)));
      for (const batch of plan.batches) {
        expect(batch.index, context).toBe(plan.batches.indexOf(batch));
        expect(batch.keys.length, context).toBeGreaterThan(0);
        expect(fileConflicts(byKey(tasks, batch.keys)), context).toEqual([]);
        // Every recorded deferral is real: the task went later, and for the stated reason.
        for (const d of batch.deferred) {
          expect(batchOf.get(d.key)!, context).toBeGreaterThan(batch.index);
          if (d.reason === "file") {
            expect(batch.keys, context).toContain(d.with);
            expect(fileConflicts(byKey(tasks, [d.with, d.key])).map((c) => c.file), context).toContain(d.file);
          } else {
            expect(byKey(tasks, [d.key])[0]!.dependsOn, context).toContain(d.with);
            expect(batchOf.get(d.with)!, context).toBeGreaterThanOrEqual(batch.index);
          }
        }
      }
      // Greedy: a task sits in the earliest batch after its dependencies unless a file conflict there pushed it on.
      for (const t of placeable) {
        const earliest = Math.max(0, ...t.dependsOn.map((dep) => batchOf.get(dep)! + 1));
        for (let b = earliest; b < batchOf.get(t.key)!; b++) {
          expect(plan.batches[b]!.deferred.some((d) => d.key === t.key && d.reason === "file"), context).toBe(true);
        }
      }
    }
  });
});
