import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { describe, expect, it } from "vitest";
import type { FailingItem } from "./gates";
import {
  escapeMarkdown,
  gateChecklistMarkdown,
  type ChecklistCriterion,
  type ChecklistDecision,
  type ChecklistEvidence,
  type GateChecklistInput,
} from "./gate-checklist";

/** The parts of a Markdown syntax tree (mdast) the assertions look at. */
interface MdNode {
  type: string;
  value?: string;
  url?: string;
  depth?: number;
  checked?: boolean | null;
  children?: MdNode[];
}

/** Parses Markdown the way the app renders it (react-markdown with GFM) and returns the syntax tree. */
function parse(markdown: string): MdNode {
  let tree: MdNode | undefined;
  const capture = () => (root: MdNode) => {
    tree = root;
  };
  renderToStaticMarkup(createElement(ReactMarkdown, { remarkPlugins: [remarkGfm, capture] }, markdown));
  if (!tree) throw new Error("remark did not run");
  return tree;
}

function all(node: MdNode, type: string): MdNode[] {
  const found = node.type === type ? [node] : [];
  for (const child of node.children ?? []) found.push(...all(child, type));
  return found;
}

/** The text a reader sees in a node, with markup resolved. */
function text(node: MdNode): string {
  return node.value ?? (node.children ?? []).map(text).join("");
}

function lines(markdown: string): string[] {
  return markdown.split("\n");
}

function item(key: string, over: Partial<FailingItem> = {}): FailingItem {
  return { key, title: `Item ${key}`, status: "open", ownerId: null, dueDate: null, ...over };
}

function criterion(title: string, over: Partial<ChecklistCriterion> = {}): ChecklistCriterion {
  return { title, description: "", type: "rule", required: true, state: "pass", failingCount: 0, failingItems: [], latest: null, evidence: [], ...over };
}

function evidence(over: Partial<ChecklistEvidence>): ChecklistEvidence {
  return { kind: "note", url: null, command: null, output: null, note: null, filePath: null, createdAt: "2026-11-18T09:30:00.000Z", ...over };
}

function decision(over: Partial<ChecklistDecision> = {}): ChecklistDecision {
  return {
    outcome: "go",
    rationale: "Everything passed.",
    confidence: "high",
    decidedBy: "Dana Lee",
    createdAt: "2026-11-20T15:04:00.000Z",
    snapshotHash: "9f2c4e".padEnd(64, "0"),
    requiredApprovals: 2,
    approvals: [
      { name: "Ann Ops", signedAt: "2026-11-20T16:00:00.000Z" },
      { name: "Bo Sec", signedAt: "2026-11-21T08:00:00.000Z" },
    ],
    deferredRisks: [],
    outOfDate: false,
    ...over,
  };
}

function input(over: Partial<GateChecklistInput> = {}): GateChecklistInput {
  return {
    project: { name: "Acme OCC" },
    gate: { name: "Phase 1 launch", description: "Ship the ordering flow to all customers.", targetDate: "2026-12-01" },
    evaluatedAt: "2026-11-20T14:05:09.123Z",
    recommendation: { outcome: "go", reason: "Go: every criterion passes." },
    criteria: [criterion("No open critical findings"), criterion("Security sign-off", { type: "manual", latest: { result: "pass", justification: "Pen test clean.", at: "2026-11-19T10:00:00Z" } })],
    lastDecision: null,
    itemUrl: "https://rr.example.com/acme/projects/occ/items",
    today: "2026-11-20",
    ...over,
  };
}

describe("gateChecklistMarkdown: header and criteria", () => {
  it("renders a passing gate as checked items and a Go recommendation", () => {
    const md = gateChecklistMarkdown(input());
    expect(lines(md)).toEqual(
      expect.arrayContaining([
        "# Release gate: Phase 1 launch — Acme OCC",
        "- **Target date:** 2026-12-01",
        "- **Evaluated at:** 2026-11-20 14:05 UTC",
        "- **Recommendation:** Go — every criterion passes.",
        "Ship the ordering flow to all customers.",
        "- [x] No open critical findings — required — **pass** (rule)",
        "- [x] Security sign-off — required — **pass** (manual)",
      ]),
    );
    expect(md).not.toContain("- [ ]");
    const tasks = all(parse(md), "listItem").filter((li) => typeof li.checked === "boolean");
    expect(tasks.map((li) => li.checked)).toEqual([true, true]);
    expect(md.endsWith("\n")).toBe(true);
    expect(md.endsWith("\n\n")).toBe(false);
  });

  it("says when there is no target date, description or criterion", () => {
    const md = gateChecklistMarkdown(input({ gate: { name: "Beta", description: "  ", targetDate: null }, criteria: [], recommendation: { outcome: "go", reason: "Go: this gate has no criteria yet." } }));
    expect(md).toContain("- **Target date:** none\n");
    expect(md).toContain("## Criteria\n\nThis gate has no criteria yet.\n");
    expect(md).not.toMatch(/UTC\n\n\n/);
  });

  it("lists a failing rule's items with links, owners and due dates, and how many more are not listed", () => {
    const failing = criterion("No open blockers", {
      state: "fail",
      failingCount: 5,
      failingItems: [item("OCC-2", { status: "in_progress", ownerId: "own_1", dueDate: "2026-11-25" }), item("OCC-10", { status: "blocked" })],
    });
    const md = gateChecklistMarkdown(input({ criteria: [failing], recommendation: { outcome: "no_go", reason: "No-Go: required “No open blockers” fails." } }));
    expect(md).toContain("- **Recommendation:** No-Go — required “No open blockers” fails.\n");
    expect(lines(md)).toEqual(
      expect.arrayContaining([
        "- [ ] No open blockers — required — **fail** (rule)",
        "  - 5 items fail:",
        "    - [OCC-2](https://rr.example.com/acme/projects/occ/items/OCC-2) Item OCC-2 (in progress, has an owner, due 2026-11-25)",
        "    - [OCC-10](https://rr.example.com/acme/projects/occ/items/OCC-10) Item OCC-10 (blocked)",
        "    - …and 3 more not listed here.",
      ]),
    );
    const links = all(parse(md), "link").map((l) => l.url);
    expect(links).toEqual(["https://rr.example.com/acme/projects/occ/items/OCC-2", "https://rr.example.com/acme/projects/occ/items/OCC-10"]);
  });

  it("leaves item keys unlinked without an item URL, names what a deferral lacks, and says nothing of unlisted items when all are listed", () => {
    const failing = criterion("All done", {
      state: "fail",
      required: false,
      failingCount: 3,
      failingItems: [item("OCC-7", { status: "wont_fix" }), item("OCC-8", { status: "deferred", ownerId: "own_1" }), item("OCC-9", { status: "deferred", dueDate: "2026-12-01" })],
    });
    const md = gateChecklistMarkdown(input({ criteria: [failing], itemUrl: undefined }));
    expect(lines(md)).toEqual(
      expect.arrayContaining([
        "  - 3 items fail:",
        "    - OCC-7 Item OCC-7 (won’t fix)",
        "    - OCC-8 Item OCC-8 (deferred, has an owner, no due date)",
        "    - OCC-9 Item OCC-9 (deferred, no owner, due 2026-12-01)",
      ]),
    );
    expect(lines(md)).toContain("- [ ] All done — advisory — **fail** (rule)");
    expect(md).not.toContain("not listed");
    expect(all(parse(md), "link")).toEqual([]);
  });

  it("renders a manual criterion's latest mark and a check's latest result", () => {
    const md = gateChecklistMarkdown(
      input({
        criteria: [
          criterion("Accessibility review", { type: "manual", state: "fail", latest: { result: "fail", justification: "Focus is lost\nin the cart dialog.", at: "2026-11-19T10:00:00Z" } }),
          criterion("CI green", {
            type: "check",
            state: "fail",
            latest: { status: "fail", summary: "2 of 812 tests failed", url: "https://ci.example.com/runs/41", commitSha: "a1b2c3d4e5f60718293a", buildRef: "main#41", at: "2026-11-20T13:00:00Z" },
          }),
        ],
      }),
    );
    expect(lines(md)).toEqual(
      expect.arrayContaining([
        "- [ ] Accessibility review — required — **fail** (manual)",
        "  - Marked **fail** on 2026-11-19 10:00 UTC: Focus is lost in the cart dialog.",
        "- [ ] CI green — required — **fail** (check)",
        "  - Latest result **fail** on 2026-11-20 13:00 UTC: 2 of 812 tests failed · [details](https://ci.example.com/runs/41) · commit `a1b2c3d` · build `main#41`",
      ]),
    );
  });

  it("leaves pending criteria unchecked and says nothing has been marked or posted", () => {
    const md = gateChecklistMarkdown(
      input({
        criteria: [criterion("Legal review", { type: "manual", state: "pending" }), criterion("Load test", { type: "check", state: "pending", required: false })],
        recommendation: { outcome: "no_go", reason: "No-Go: required “Legal review” is not yet checked." },
      }),
    );
    expect(lines(md)).toEqual(
      expect.arrayContaining([
        "- [ ] Legal review — required — **pending** (manual)",
        "  - Not marked yet.",
        "- [ ] Load test — advisory — **pending** (check)",
        "  - No result posted yet.",
      ]),
    );
    const tasks = all(parse(md), "listItem").filter((li) => typeof li.checked === "boolean");
    expect(tasks.map((li) => li.checked)).toEqual([false, false]);
  });

  it("renders each kind of evidence", () => {
    const md = gateChecklistMarkdown(
      input({
        criteria: [
          criterion("Backups restore", {
            type: "manual",
            latest: { result: "pass", justification: "", at: "2026-11-19T10:00:00Z" },
            evidence: [
              evidence({ kind: "link", url: "https://wiki.example.com/restore_drill" }),
              evidence({ kind: "command", command: "pg_restore --list `latest`", output: "ok" }),
              evidence({ kind: "file", filePath: "ops/restore_drill.md", note: "signed by ops" }),
              evidence({ kind: "note", note: "Restored *staging* in 12 minutes." }),
            ],
          }),
        ],
      }),
    );
    expect(lines(md)).toEqual(
      expect.arrayContaining([
        "  - Marked **pass** on 2026-11-19 10:00 UTC.",
        "  - Evidence (link): [https://wiki.example.com/restore\\_drill](https://wiki.example.com/restore_drill) (2026-11-18)",
        "  - Evidence (command): `` pg_restore --list `latest` `` (2026-11-18)",
        "  - Evidence (file): `ops/restore_drill.md` — signed by ops (2026-11-18)",
        "  - Evidence (note): Restored \\*staging\\* in 12 minutes. (2026-11-18)",
      ]),
    );
    const tree = parse(md);
    expect(all(tree, "inlineCode").map((c) => c.value)).toEqual(["pg_restore --list `latest`", "ops/restore_drill.md"]);
    expect(all(tree, "emphasis")).toEqual([]);
    expect(all(tree, "link").map((l) => text(l))).toEqual(["https://wiki.example.com/restore_drill"]);
  });
});

describe("gateChecklistMarkdown: last decision and deferred risks", () => {
  it("says when no decision has been recorded", () => {
    const md = gateChecklistMarkdown(input());
    expect(md).toContain("## Last decision\n\nNo decision recorded yet.\n");
    expect(md).not.toContain("## Deferred risks");
    expect(md).not.toContain("Out of date");
  });

  it("renders the decision with its sign-offs, snapshot and a multi-line rationale as a blockquote", () => {
    const md = gateChecklistMarkdown(input({ lastDecision: decision({ rationale: "All green.\n\n# Not a heading\n- not a list" }) }));
    expect(lines(md)).toEqual(
      expect.arrayContaining([
        "- **Outcome:** Go",
        "- **Decided:** 2026-11-20 15:04 UTC by Dana Lee",
        "- **Confidence:** high",
        "- **Sign-offs:** 2 of 2 sign-offs: Ann Ops (2026-11-20), Bo Sec (2026-11-21)",
        `- **Snapshot SHA-256:** \`${"9f2c4e".padEnd(64, "0")}\``,
        "> All green.",
        ">",
        "> \\# Not a heading",
        "> \\- not a list",
      ]),
    );
    const tree = parse(md);
    const [quote, ...others] = all(tree, "blockquote");
    expect(others).toEqual([]);
    expect(quote && all(quote, "paragraph").map(text)).toEqual(["All green.", "# Not a heading\n- not a list"]);
    expect(all(tree, "heading").map((h) => h.depth)).toEqual([1, 2, 2]);
    expect(md).not.toContain("Out of date");
  });

  it("says a decision is awaiting sign-off while it has fewer than it requires", () => {
    const md = gateChecklistMarkdown(input({ lastDecision: decision({ approvals: [{ name: "Ann Ops", signedAt: "2026-11-20T16:00:00Z" }] }) }));
    expect(md).toContain("- **Sign-offs:** 1 of 2 sign-offs, awaiting sign-off: Ann Ops (2026-11-20)\n");
    const none = gateChecklistMarkdown(input({ lastDecision: decision({ approvals: [], requiredApprovals: 1, decidedBy: null }) }));
    expect(none).toContain("- **Sign-offs:** 0 of 1 sign-off, awaiting sign-off\n");
    expect(none).toContain("- **Decided:** 2026-11-20 15:04 UTC\n");
  });

  it("warns when the decision is out of date, naming the current recommendation", () => {
    const md = gateChecklistMarkdown(
      input({
        recommendation: { outcome: "no_go", reason: "No-Go: required “CI green” fails." },
        lastDecision: decision({ outOfDate: true }),
      }),
    );
    expect(lines(md)).toContain("⚠ Out of date: the register has changed since this decision; the recommendation is now No-Go.");
    expect(md.indexOf("⚠ Out of date")).toBeGreaterThan(md.indexOf("## Last decision"));
  });

  it("tables the deferred risks and flags the overdue ones", () => {
    const md = gateChecklistMarkdown(
      input({
        recommendation: { outcome: "go_with_risks", reason: "Go with known risks: only advisory “Polish” fails." },
        lastDecision: decision({
          outcome: "go_with_risks",
          deferredRisks: [
            { itemKey: "OCC-3", title: "Slow search on large carts", owner: "Search team", dueDate: "2026-11-19" },
            { itemKey: null, title: "Vendor SLA unsigned", owner: "Legal", dueDate: "2026-11-20" },
            { itemKey: "OCC-9", title: "Copy review", owner: "Docs", dueDate: "2026-12-15T00:00:00.000Z" },
          ],
        }),
      }),
    );
    expect(md).toContain("- **Recommendation:** Go with known risks — only advisory “Polish” fails.\n");
    expect(md).toContain("- **Outcome:** Go with known risks\n");
    expect(md).toContain(
      [
        "## Deferred risks",
        "",
        "| Item | Risk | Owner | Due |",
        "| --- | --- | --- | --- |",
        "| [OCC-3](https://rr.example.com/acme/projects/occ/items/OCC-3) | Slow search on large carts | Search team | 2026-11-19 (overdue) |",
        "| — | Vendor SLA unsigned | Legal | 2026-11-20 |",
        "| [OCC-9](https://rr.example.com/acme/projects/occ/items/OCC-9) | Copy review | Docs | 2026-12-15 |",
        "",
      ].join("\n"),
    );
    const [table] = all(parse(md), "table");
    expect(table?.children?.map((row) => row.children?.map(text))).toEqual([
      ["Item", "Risk", "Owner", "Due"],
      ["OCC-3", "Slow search on large carts", "Search team", "2026-11-19 (overdue)"],
      ["—", "Vendor SLA unsigned", "Legal", "2026-11-20"],
      ["OCC-9", "Copy review", "Docs", "2026-12-15"],
    ]);
  });
});

describe("escaping", () => {
  const hostile = "| *x* <script>alert(1)</script>";

  it("keeps a hostile risk title inside its table cell, as text", () => {
    const md = gateChecklistMarkdown(
      input({
        lastDecision: decision({
          outcome: "go_with_risks",
          deferredRisks: [{ itemKey: "OCC-1|x", title: hostile, owner: "A | B\nC", dueDate: "2026-12-01" }],
        }),
      }),
    );
    const tree = parse(md);
    const [table] = all(tree, "table");
    const rows = table?.children ?? [];
    expect(rows).toHaveLength(2);
    expect(rows.map((row) => row.children?.length)).toEqual([4, 4]);
    expect(rows[1]?.children?.map(text)).toEqual(["OCC-1|x", hostile, "A | B C", "2026-12-01"]);
    expect(all(tree, "html")).toEqual([]);
    expect(all(tree, "emphasis")).toEqual([]);
    expect(all(tree, "link").map((l) => l.url)).toEqual(["https://rr.example.com/acme/projects/occ/items/OCC-1%7Cx"]);
  });

  it("keeps hostile titles, names, summaries and rationales from adding structure", () => {
    const md = gateChecklistMarkdown(
      input({
        project: { name: "Acme #" },
        gate: { name: "# Launch [x](https://evil.example)", description: "Line one\n# not a heading\n1. not a list\n===\n    not code\n<img src=x onerror=alert(1)>", targetDate: null },
        recommendation: { outcome: "no_go", reason: "No-Go: **bold** claim\n## injected" },
        criteria: [
          criterion("[x] fake\n- [x] also fake", { state: "fail" }),
          criterion("CI", { type: "check", state: "fail", latest: { status: "fail", summary: "`code` _em_ ~~gone~~ \\", url: null, commitSha: null, buildRef: "`main`", at: "not a date" } }),
        ],
        lastDecision: decision({ decidedBy: "<b>Eve</b>", rationale: "> nested\n---\n| a | b |\n| - | - |", approvals: [{ name: "*Mallory*", signedAt: "2026-11-20" }] }),
      }),
    );
    const tree = parse(md);
    expect(all(tree, "html")).toEqual([]);
    expect(all(tree, "emphasis")).toEqual([]);
    expect(all(tree, "strong").map(text)).not.toContain("bold");
    expect(all(tree, "delete")).toEqual([]);
    expect(all(tree, "table")).toEqual([]);
    expect(all(tree, "code")).toEqual([]);
    expect(all(tree, "thematicBreak")).toEqual([]);
    // GFM turns a bare http(s) URL in text into a link to itself; nothing gets a hidden destination.
    expect(all(tree, "link").map((l) => [text(l), l.url])).toEqual([["https://evil.example", "https://evil.example"]]);
    expect(all(tree, "heading").map(text)).toEqual(["Release gate: # Launch [x](https://evil.example) — Acme #", "Criteria", "Last decision"]);
    expect(all(tree, "blockquote")).toHaveLength(1);
    const tasks = all(tree, "listItem").filter((li) => typeof li.checked === "boolean");
    expect(tasks.map((li) => [li.checked, text(li)])).toEqual([
      [false, "[x] fake - [x] also fake — required — fail (rule)"],
      [false, expect.stringContaining("CI — required — fail (check)Latest result fail on not a date: `code` _em_ ~~gone~~ \\")],
    ]);
    expect(all(tree, "inlineCode").map((c) => c.value)).toContain("`main`");
    expect(text(tree)).toContain("<img src=x onerror=alert(1)>");
    expect(text(tree)).toContain("by <b>Eve</b>");
  });

  it("links only http(s) URLs", () => {
    const md = gateChecklistMarkdown(
      input({
        itemUrl: "javascript:alert(1)//",
        criteria: [
          criterion("Rule", { state: "fail", failingCount: 1, failingItems: [item("OCC-1")] }),
          criterion("CI", { type: "check", state: "fail", latest: { status: "fail", summary: "", url: "javascript:alert(document.cookie)", commitSha: null, buildRef: null, at: "2026-11-20T13:00:00Z" } }),
          criterion("Docs", {
            type: "manual",
            evidence: [
              evidence({ kind: "link", url: "data:text/html,<script>alert(1)</script>" }),
              evidence({ kind: "link", url: "https://example.com/a b)(c" }),
            ],
          }),
        ],
      }),
    );
    expect(md).not.toContain("](javascript:");
    expect(md).not.toContain("](data:");
    expect(lines(md)).toContain("  - 1 item fails:");
    expect(lines(md)).toContain("    - OCC-1 Item OCC-1 (open)");
    expect(md).toContain("details: javascript:alert(document.cookie)");
    const links = all(parse(md), "link").map((l) => l.url);
    expect(links).toEqual(["https://example.com/a%20b%29%28c"]);
    expect(all(parse(md), "html")).toEqual([]);
  });
});

describe("escapeMarkdown", () => {
  it("escapes inline specials and collapses line breaks to one space", () => {
    expect(escapeMarkdown("a\\b `c` *d* _e_ [f] <g> h|i ~j~ #k")).toBe("a\\\\b \\`c\\` \\*d\\* \\_e\\_ \\[f\\] \\<g\\> h\\|i \\~j\\~ \\#k");
    expect(escapeMarkdown("one\r\n  two\nthree ")).toBe("one two three");
  });

  it("escapes what would open a block at the start of a line", () => {
    expect(escapeMarkdown("# title")).toBe("\\# title");
    expect(escapeMarkdown("- item")).toBe("\\- item");
    expect(escapeMarkdown("+ item")).toBe("\\+ item");
    expect(escapeMarkdown("12. item")).toBe("12\\. item");
    expect(escapeMarkdown("3) item")).toBe("3\\) item");
    expect(escapeMarkdown("> quote")).toBe("\\> quote");
    expect(escapeMarkdown("a - b 1. c")).toBe("a - b 1. c");
  });

  it("keeps lines and single paragraph breaks in multiline mode, escaping each line", () => {
    expect(escapeMarkdown("\n  # one\n\n\n\n    two\n- three\n\n", { multiline: true })).toBe("\\# one\n\ntwo\n\\- three");
  });
});
