import { readFileSync } from "node:fs";
import path from "node:path";
import { makeRegisterItem } from "@/test/register-item";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parsePlan } from "@/lib/domain/plan-import/parse-plan";
import { CURSOR_STATUS, generatePlanMarkdown, rewritePlanStatuses } from "./plan-markdown";
import type { RegisterItem, RegisterV1 } from "./register-json";

const fixture = (name: string) => readFileSync(path.resolve(__dirname, "../../../prisma/seed/plans", name), "utf8");

function frontMatter(markdown: string) {
  const match = markdown.match(/^---\n([\s\S]*?)\n---\n/);
  if (!match) throw new Error("no front matter");
  return parseYaml(match[1]!) as { name: string; overview: string; todos: { id: string; content: string; status: string }[]; isProject: boolean };
}

/** The lines that differ between two texts of the same number of lines. */
function changedLines(before: string, after: string) {
  const a = before.split("\n");
  const b = after.split("\n");
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [{ line: i + 1, before: line, after: b[i]! }]));
}

describe("rewriting an imported Cursor plan's front matter", () => {
  const source = fixture("open-claude-final-plan.plan.md");

  it("changes only the status values of the todos whose items changed", () => {
    const statuses = new Map<string, RegisterItem["status"]>([
      ["todo:phase0-baseline", "done"],
      ["todo:phase1-authz-and-xss", "in_review"],
      ["todo:phase2-reliability", "open"],
      ["todo:phase3-ux-a11y", "deferred"],
      ["todo:release-gate-decision", "wont_fix"],
    ]);
    const { markdown, todos } = rewritePlanStatuses(source, statuses);
    expect(todos).toBe(3);

    const before = frontMatter(source);
    const after = frontMatter(markdown);
    expect(after.todos.map((t) => t.status)).toEqual(["completed", "in_progress", "pending", "pending", "pending", "pending", "pending", "pending", "cancelled"]);
    expect(after.todos.map((t) => [t.id, t.content])).toEqual(before.todos.map((t) => [t.id, t.content]));
    expect({ ...after, todos: [] }).toEqual({ ...before, todos: [] });

    // Byte for byte, only the three values differ.
    expect(changedLines(source, markdown)).toEqual([
      { line: 7, before: "    status: pending", after: "    status: completed" },
      { line: 10, before: "    status: pending", after: "    status: in_progress" },
      { line: 31, before: "    status: pending", after: "    status: cancelled" },
    ]);
    expect(markdown.replace("status: completed", "status: pending").replace("status: in_progress", "status: pending").replace("status: cancelled", "status: pending")).toBe(source);

    // Imported again, the plan says what the register says.
    const parsed = parsePlan(markdown).items;
    const status = (ref: string) => parsed.find((i) => i.ref === ref)!.status;
    expect([status("todo:phase0-baseline"), status("todo:phase1-authz-and-xss"), status("todo:release-gate-decision"), status("todo:phase2-reliability")]).toEqual(["done", "in_progress", "wont_fix", "open"]);
  });

  it("leaves the plan as it is when every status already matches", () => {
    const statuses = new Map(parsePlan(source).items.map((i) => [i.ref, i.status]));
    expect(rewritePlanStatuses(source, statuses)).toEqual({ markdown: source, todos: 0, checkboxes: 0 });
  });

  it("maps every status to one of Cursor's four words", () => {
    expect(CURSOR_STATUS).toEqual({ open: "pending", in_progress: "in_progress", in_review: "in_progress", blocked: "in_progress", done: "completed", wont_fix: "cancelled", deferred: "pending" });
  });
});

const PLAN = `---
name: small
# a comment the rewrite keeps
todos:
  - id: x1   # keep me
    content: First todo
    status: "pending"
  - id: x2
    content: 'No status yet'
  - {id: x3, content: Flow style, status: pending}
---
# Small plan

## Phase 1 — Security

- [ ] Add CSP header
- [x] Remove the token from window
- [ ] Same title
- [ ] Same title
- Plain bullet

### Notes

- [ ] Rotate the signing keys

## Phase 2 — Reliability

Deliverables:

- [ ] Shutdown runbook

1. [ ] Bounded session cache

## Release Gates (Go/No-Go)

- [ ] Phase 1 complete
`;

describe("rewriting task-list boxes and todos without a status", () => {
  const parsed = parsePlan(PLAN);
  const refs = parsed.items.map((i) => i.ref);

  it("locates each entry by the ref the parser gives it", () => {
    expect(refs).toEqual(
      expect.arrayContaining([
        "md:phase-1:add-csp-header",
        "md:phase-1:remove-the-token-from-window",
        "md:phase-1:same-title",
        "md:phase-1:same-title-2",
        "md:phase-1:rotate-the-signing-keys",
        "md:phase-2:deliverable:shutdown-runbook",
        "md:phase-2:bounded-session-cache",
        "todo:x1",
        "todo:x2",
      ]),
    );
    // Every item done: every open box is ticked (entries with the same title too: the parser told them apart), and the parser reads them done.
    const { markdown, checkboxes } = rewritePlanStatuses(PLAN, new Map(refs.map((r) => [r, "done" as const])));
    expect(checkboxes).toBe(6);
    const again = parsePlan(markdown).items;
    for (const ref of ["md:phase-1:add-csp-header", "md:phase-1:same-title", "md:phase-1:same-title-2", "md:phase-1:rotate-the-signing-keys", "md:phase-2:deliverable:shutdown-runbook", "md:phase-2:bounded-session-cache"]) {
      expect(again.find((i) => i.ref === ref)!.status).toBe("done");
    }
  });

  it("toggles the boxes, keeps quotes and comments, adds a missing status, and touches nothing it cannot place", () => {
    const statuses = new Map<string, RegisterItem["status"]>([
      ["md:phase-1:add-csp-header", "done"],
      ["md:phase-1:remove-the-token-from-window", "in_progress"],
      ["md:phase-1:same-title", "done"],
      ["md:phase-1:same-title-2", "done"],
      ["md:phase-2:deliverable:shutdown-runbook", "wont_fix"],
      ["md:phase-2:bounded-session-cache", "done"],
      ["todo:x1", "blocked"],
      ["todo:x2", "done"],
      ["todo:x3", "done"],
    ]);
    const { markdown, todos, checkboxes } = rewritePlanStatuses(PLAN, statuses);
    expect({ todos, checkboxes }).toEqual({ todos: 2, checkboxes: 5 });
    expect(markdown).toBe(
      PLAN.replace('status: "pending"', 'status: "in_progress"')
        .replace("    content: 'No status yet'", "    content: 'No status yet'\n    status: completed")
        .replace("- [ ] Add CSP header", "- [x] Add CSP header")
        .replaceAll("- [ ] Same title", "- [x] Same title")
        .replace("- [x] Remove the token", "- [ ] Remove the token")
        .replace("1. [ ] Bounded", "1. [x] Bounded"),
    );
    expect(frontMatter(markdown).todos.map((t) => t.status)).toEqual(["in_progress", "completed", "pending"]);
    expect(markdown).toContain("- id: x1   # keep me");
    expect(markdown).toContain("# a comment the rewrite keeps");
  });
});

// ───────────────────────────── generated plans ─────────────────────────────

const item = (number: number, title: string, status: RegisterItem["status"], phase: string | null, position = number): RegisterItem => makeRegisterItem(number, { title, status, phase, position });

function register(phaseNames: string[], items: RegisterItem[], dependsOn: string[][] = []): RegisterV1 {
  return {
    schema: "readyroom.register",
    version: 1,
    exportedAt: "2026-01-01T00:00:00.000Z",
    project: { name: "Cowork *release*", keyPrefix: "OCC", description: "Ship it." },
    owners: [{ name: "Platform team", kind: "team", email: null }],
    phases: phaseNames.map((name, i) => ({ ref: `#${i + 1}`, externalId: null, name, position: i, objective: i === 0 ? "Know where we stand" : "", deliverables: "", acceptanceCriteria: "", exitCriteria: i === 1 ? "No open criticals" : "", risks: "", estimate: i === 0 ? "2 days" : null, estimateDays: null, owner: i === 0 ? "Platform team" : null, dependsOn: dependsOn[i] ?? [] })),
    items,
    dependencies: [],
    gates: [
      {
        externalId: null,
        name: "v1.0 release",
        description: "",
        targetDate: null,
        position: 0,
        requiredApprovals: 1,
        approvers: [],
        criteria: [
          { title: "Phase 2 complete", description: "", type: "rule", required: true, rule: { type: "all_done", filter: { phase: "#2" } }, evidence: [] },
          { title: "Docs reviewed by support", description: "", type: "manual", required: false, rule: null, evidence: [] },
        ],
      },
    ],
  };
}

describe("a plan written from the register", () => {
  it("parses back to the same phases, items, statuses and gate", () => {
    const reg = register(
      ["Baseline", "Security_blockers [must fix]", "Polish"],
      [
        item(1, "Reconcile the working tree", "done", "#1"),
        item(2, "Add CSP to index.html", "open", "#2"),
        item(3, "Remove `window.token` usage", "blocked", "#2"),
        item(4, "Sanitize *template* values", "done", "#2"),
        item(5, "Dark mode", "deferred", "#3"),
        item(6, "Write the deferred-risk list", "in_review", null),
        item(7, "Decide go/no-go", "wont_fix", null),
      ],
      [[], ["#1"], ["#1", "#2"]],
    );
    const markdown = generatePlanMarkdown(reg);
    const plan = parsePlan(markdown);
    expect(plan.title).toBe("Cowork *release*");
    expect(plan.overview).toBe("Ship it.");
    expect(plan.phases.map((p) => [p.ref, p.name, p.dependsOn, p.owner, p.objective, p.estimate, p.exitCriteria])).toEqual([
      ["phase-1", "Phase 1 — Baseline", [], "Platform team", "Know where we stand", "2 days", ""],
      ["phase-2", "Phase 2 — Security_blockers [must fix]", ["phase-1"], null, "", null, "No open criticals"],
      ["phase-3", "Phase 3 — Polish", ["phase-1", "phase-2"], null, "", null, ""],
    ]);
    const byPhase = (ref: string | null) => plan.items.filter((i) => i.phaseRef === ref).map((i) => [i.title, i.status]);
    // Titles come back exactly, Markdown characters and all. A task-list box has two states: done, or open; the exact status is written under the entry.
    expect(byPhase("phase-1")).toEqual([["Reconcile the working tree", "done"]]);
    expect(byPhase("phase-2")).toEqual([["Add CSP to index.html", "open"], ["Remove `window.token` usage", "open"], ["Sanitize *template* values", "done"]]);
    expect(byPhase("phase-3")).toEqual([["Dark mode", "open"]]);
    expect(plan.items.find((i) => i.title === "Remove `window.token` usage")!.description).toBe("- Status: blocked");
    // Items in no phase are front-matter todos, which carry their status exactly.
    expect(byPhase(null)).toEqual([["Write the deferred-risk list", "in_review"], ["Decide go/no-go", "wont_fix"]]);
    expect(plan.gates).toHaveLength(1);
    expect(plan.gates[0]!.name).toBe("v1.0 release");
    expect(plan.gates[0]!.criteria.map((c) => [c.title, c.required])).toEqual([["Phase 2 complete", true], ["Docs reviewed by support", false]]);
  });

  it("keeps stage names as headings when they are stages already, and their dependencies", () => {
    const reg = register(["M1: Reliable core", "M2: Tooling"], [item(1, "Runner retries", "in_progress", "#1"), item(2, "Job types UI", "done", "#2")], [[], ["#1"]]);
    const plan = parsePlan(generatePlanMarkdown(reg));
    expect(plan.phases.map((p) => [p.ref, p.name, p.dependsOn])).toEqual([
      ["m1", "M1: Reliable core", []],
      ["m2", "M2: Tooling", ["m1"]],
    ]);
    expect(plan.items.map((i) => [i.ref, i.status])).toEqual([
      ["md:m1:runner-retries", "open"],
      ["md:m2:job-types-ui", "done"],
    ]);
  });

  it("numbers every phase when stage names would collide", () => {
    const plan = parsePlan(generatePlanMarkdown(register(["Phase 1 — A", "Phase 1 — B"], [])));
    expect(plan.phases.map((p) => [p.ref, p.name])).toEqual([
      ["phase-1", "Phase 1 — Phase 1 — A"],
      ["phase-2", "Phase 2 — Phase 1 — B"],
    ]);
  });
});
