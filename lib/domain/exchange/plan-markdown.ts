/**
 * The plan back as Markdown, with current statuses. Pure: no I/O.
 *
 * - `rewritePlanStatuses` takes the Markdown a project was imported from and
 *   changes only status values: the front matter's `todos[].status` (Cursor's
 *   words, through the `yaml` Document API: only the bytes of each changed
 *   value are replaced, so comments, key order and formatting stay) and GFM
 *   task-list boxes (`- [ ]` / `- [x]`) of the entries it can locate without
 *   doubt. Every other byte is unchanged.
 * - `generatePlanMarkdown` writes a plan from the register in the shape
 *   lib/domain/plan-import/parse-plan.ts reads back.
 */
import type { Root } from "mdast";
import { isMap, isScalar, isSeq, parseDocument, stringify as yamlStringify, type Scalar } from "yaml";
import { escapeMarkdown } from "@/lib/domain/gate-checklist";
import { parseMarkdown } from "@/lib/domain/plan-import/markdown";
import { parsePlan, slug, stageOfHeading, statusFromWord } from "@/lib/domain/plan-import/parse-plan";
import type { ITEM_STATUSES } from "@/lib/validation/item";
import type { RegisterV1 } from "./register-json";

type Status = (typeof ITEM_STATUSES)[number];

/**
 * Item status → the word a Cursor plan's `todos[].status` takes. Cursor knows
 * four: anything started is in_progress, anything not started (deferred too)
 * is pending.
 */
export const CURSOR_STATUS: Record<Status, "pending" | "in_progress" | "completed" | "cancelled"> = {
  open: "pending",
  in_progress: "in_progress",
  in_review: "in_progress",
  blocked: "in_progress",
  done: "completed",
  wont_fix: "cancelled",
  deferred: "pending",
};

interface Edit {
  start: number;
  end: number;
  text: string;
}

function applyEdits(source: string, edits: Edit[]): string {
  let out = source;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** `todos[].status` edits, as byte ranges of the whole source. */
function frontMatterEdits(source: string, root: Root, statuses: Map<string, Status>): Edit[] {
  const yamlNode = root.children[0];
  if (!yamlNode || yamlNode.type !== "yaml") return [];
  const offset = source.indexOf("\n") + 1;
  if (offset <= 0 || source.slice(offset, offset + yamlNode.value.length) !== yamlNode.value) return [];
  const doc = parseDocument(yamlNode.value);
  if (doc.errors.length) return [];
  const todos = doc.get("todos", true);
  if (!isSeq(todos)) return [];
  const edits: Edit[] = [];
  for (const todo of todos.items) {
    if (!isMap(todo) || todo.flow) continue;
    const id = todo.get("id");
    const content = todo.get("content");
    const todoId = typeof id === "string" || typeof id === "number" ? String(id) : typeof content === "string" && content.trim() ? slug(content) : null;
    const status = todoId === null ? undefined : statuses.get(`todo:${todoId}`);
    if (!status) continue;
    const wanted = CURSOR_STATUS[status];
    const pair = todo.items.find((p) => isScalar(p.key) && p.key.value === "status");
    if (pair) {
      const value = pair.value;
      if (!isScalar(value) || !value.range) continue;
      const current = typeof value.value === "string" ? value.value : "";
      const read = statusFromWord(current);
      // Left alone when it already says this status, or a word of the same Cursor state.
      if (current === wanted || (read && (read === status || CURSOR_STATUS[read] === wanted))) continue;
      const quote = (value as Scalar).type === "QUOTE_DOUBLE" ? '"' : (value as Scalar).type === "QUOTE_SINGLE" ? "'" : (value as Scalar).type === "PLAIN" ? "" : null;
      if (quote === null) continue;
      edits.push({ start: offset + value.range[0], end: offset + value.range[1], text: `${quote}${wanted}${quote}` });
      continue;
    }
    // No status yet: a line after the entry's last one, indented as its keys are.
    const first = todo.items[0];
    const last = todo.items.at(-1);
    const lastValue = last?.value;
    if (!first || !isScalar(first.key) || !first.key.range || !isScalar(lastValue) || !lastValue.range || !["PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE"].includes(String(lastValue.type))) continue;
    const keyStart = first.key.range[0];
    const lineStart = yamlNode.value.lastIndexOf("\n", keyStart - 1) + 1;
    const indent = " ".repeat(keyStart - lineStart);
    const newline = yamlNode.value.indexOf("\n", lastValue.range[1]);
    const at = newline < 0 ? yamlNode.value.length : newline;
    edits.push({ start: offset + at, end: offset + at, text: `\n${indent}status: ${wanted}` });
  }
  return edits;
}

/** Task-list box edits: the parser says where each entry's box is, under the ref the import gave the item. */
function checkboxEdits(source: string, statuses: Map<string, Status>): Edit[] {
  const edits: Edit[] = [];
  for (const item of parsePlan(source).items) {
    const status = statuses.get(item.ref);
    if (item.checkbox === null || !status || status === "wont_fix") continue;
    const checked = source[item.checkbox] !== " ";
    if ((status === "done") === checked) continue;
    edits.push({ start: item.checkbox, end: item.checkbox + 1, text: status === "done" ? "x" : " " });
  }
  return edits;
}

/**
 * The imported plan with current statuses. `statuses` maps item external ids
 * (`todo:<id>`, `md:<phase>:<slug>`) to their status now. Returns the text and
 * how many values changed.
 */
export function rewritePlanStatuses(source: string, statuses: Map<string, Status>): { markdown: string; todos: number; checkboxes: number } {
  const root = parseMarkdown(source);
  const todos = frontMatterEdits(source, root, statuses);
  const boxes = checkboxEdits(source, statuses);
  return { markdown: applyEdits(source, [...todos, ...boxes]), todos: todos.length, checkboxes: boxes.length };
}

// ───────────────────────────── generating a plan ─────────────────────────────

const STATUS_TEXT: Record<Status, string> = { open: "open", in_progress: "in progress", blocked: "blocked", in_review: "in review", done: "done", deferred: "deferred", wont_fix: "won't fix" };

/** Words the parser reads back as exactly this status (front-matter todos). */
const TODO_WORD: Record<Status, string> = { open: "pending", in_progress: "in_progress", in_review: "in_review", blocked: "blocked", done: "completed", deferred: "deferred", wont_fix: "cancelled" };

/** How a stage ref is written so that the parser's "Dependencies:" reading finds it again. */
function mention(ref: string): string | null {
  const m = ref.match(/^(phase|batch|stage|wave|sprint)-(\d+[a-z]?)$/);
  if (m) return `${m[1]![0]!.toUpperCase()}${m[1]!.slice(1)} ${m[2]}`;
  const short = ref.match(/^(m|ws)(\d+)$/);
  return short ? `${short[1]!.toUpperCase()}${short[2]}` : null;
}

/**
 * The register as a Markdown plan: a `## Phase N — name` section per phase
 * with its labelled fields and, under "Tasks", its items as task-list entries
 * (`- [x]` when done; other statuses are written under the entry), items in no phase as
 * front-matter `todos`, and each gate as a Go/No-Go section. Ends with one
 * newline.
 */
export function generatePlanMarkdown(register: RegisterV1): string {
  const phases = [...register.phases].sort((a, b) => a.position - b.position);
  // A phase named like a stage ("M2: Tooling", "Phase 0 — Baseline") keeps its name as the heading,
  // unless two would read as the same stage; else every heading is "Phase N — name".
  const own = phases.map((p) => stageOfHeading(p.name));
  const ownRefs = own.map((s) => s?.ref ?? null);
  const keepNames = ownRefs.every((r) => r !== null && mention(r) !== null) && new Set(ownRefs).size === ownRefs.length;
  const headings = phases.map((p, i) => (keepNames ? p.name : `Phase ${i + 1} — ${p.name}`));
  const refOf = new Map(phases.map((p, i) => [p.ref, keepNames ? ownRefs[i]! : `phase-${i + 1}`]));

  const lines: string[] = [];
  const unphased = [...register.items].filter((i) => i.phase === null || !refOf.has(i.phase)).sort((a, b) => a.number - b.number);
  if (unphased.length) {
    const front = { name: register.project.name, todos: unphased.map((i) => ({ id: `item-${i.number}`, content: i.title, status: TODO_WORD[i.status] })) };
    lines.push("---", yamlStringify(front, { lineWidth: 0 }).trimEnd(), "---", "");
  }
  lines.push(`# ${escapeMarkdown(register.project.name)}`, "");
  const description = escapeMarkdown(register.project.description, { multiline: true });
  if (description) lines.push(description, "");

  const field = (label: string, value: string | null) => {
    const text = value ? escapeMarkdown(value) : "";
    if (text) lines.push(`${label}: ${text}`, "");
  };
  phases.forEach((phase, index) => {
    lines.push(`## ${escapeMarkdown(headings[index]!)}`, "");
    field("Objective", phase.objective);
    field("Deliverables", phase.deliverables);
    field("Acceptance Criteria", phase.acceptanceCriteria);
    field("Exit Criteria", phase.exitCriteria);
    field("Risks", phase.risks);
    field("Owner", phase.owner);
    field("Estimate", phase.estimate);
    const deps = phase.dependsOn.map((d) => refOf.get(d)).filter((r): r is string => Boolean(r)).map((r) => mention(r)!);
    lines.push(`Dependencies: ${deps.length ? deps.join(", ") : "none"}`, "");
    const items = register.items.filter((i) => i.phase === phase.ref).sort((a, b) => a.position - b.position || a.number - b.number);
    // Under a sub-heading: a list right after a labelled line would be read as that field's text.
    if (items.length) lines.push("### Tasks", "");
    for (const item of items) {
      lines.push(`- [${item.status === "done" ? "x" : " "}] ${escapeMarkdown(item.title)}`);
      if (item.status !== "done" && item.status !== "open") lines.push(`  - Status: ${STATUS_TEXT[item.status]}`);
    }
    if (items.length) lines.push("");
  });

  for (const gate of [...register.gates].sort((a, b) => a.position - b.position)) {
    lines.push(`## ${escapeMarkdown(gate.name)} (Go/No-Go)`, "");
    const required = gate.criteria.filter((c) => c.required);
    const advisory = gate.criteria.filter((c) => !c.required);
    if (required.length) lines.push("Release is **No-Go** until all are true:", "", ...required.map((c) => `- ${escapeMarkdown(c.title)}`), "");
    if (advisory.length) lines.push("Release can be **Go with Known Risks** only if:", "", ...advisory.map((c) => `- ${escapeMarkdown(c.title)}`), "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
