/**
 * Markdown plans → phases, items, owners, dependencies and gates. Pure: no
 * I/O. Built on remark (with GFM and YAML front matter) and `yaml`; it reads
 * the shapes teams write (docs/decisions/0008-plan-import.md) and keeps every
 * piece of text it cannot map in the nearest description, reported in
 * `unmapped`. It never throws on Markdown, whatever it is.
 */
import type { Code, List, ListItem, Nodes, Paragraph, PhrasingContent, Root, RootContent, Table, Text } from "mdast";
import { toString } from "mdast-util-to-string";
import { parse as parseYaml } from "yaml";
import { parseMarkdown } from "./markdown";
import type { ParsedCriterion, ParsedGate, ParsedItem, ParsedKind, ParsedPhase, ParsedPlan, ParsedStatus, UnmappedText } from "./types";

// ───────────────────────────── words the plans use ─────────────────────────────

const STAGE_WORDS: [RegExp, string][] = [
  [/^phase$/i, "phase-"],
  [/^batch$/i, "batch-"],
  [/^(milestone|m)$/i, "m"],
  [/^(workstream|ws)$/i, "ws"],
  [/^stage$/i, "stage-"],
  [/^step$/i, "step-"],
  [/^wave$/i, "wave-"],
  [/^sprint$/i, "sprint-"],
  [/^week$/i, "week-"],
  [/^iteration$/i, "iteration-"],
  [/^epic$/i, "epic-"],
  [/^part$/i, "part-"],
];
const STAGE_HEADING = /^(phase|batch|milestone|workstream|stage|step|wave|sprint|week|iteration|epic|part|ws|m)\s*[-_]?\s*(\d+(?:\.\d+)?[a-z]?)\b\s*(?:[:.)\-—–]+\s*)?(.*)$/i;
const NUMBERED_HEADING = /^(\d+)\)\s+(.+)$/;
const STAGE_MENTION = /\b(phase|batch|milestone|workstream|stage|wave|sprint|week|iteration|epic)\s*[-_]?\s*(\d+(?:\.\d+)?[a-z]?)\b|\b(ws|m)(\d+)\b/gi;
const TASK_HEADING = /^(agent|task|ticket|workitem|work item|story|issue)\s+([0-9]+(?:\.[0-9]+)*[a-z]?|[a-z]{1,6}-?\d+)\s*[:\-—–.)]\s*(.+)$/i;
/** A numbered sub-heading of a stage ("1.2 Add rate limiting", "3) Rotate keys"): one item. */
const NUMBERED_SUBHEADING = /^(\d+(?:\.\d+)+\.?|\d+[.)])\s+\S/;
/** Emoji, bullets and other marks a heading may start with ("🚀 Phase 1", "✅ Task 2"). */
const LEADING_MARKS = /^[^\p{L}\p{N}]+/u;
/** A status written at the end of a heading: "✅", "(done)", "— Complete", "DONE", "🚧", "(in progress)". */
const HEADING_STATUS: [RegExp, ParsedStatus][] = [
  [/\s*(?:[✅✔☑]\uFE0F?|\[x\]|\((?:done|complete|completed|finished|shipped)\)|[—–:-]\s*(?:done|complete|completed|finished))\s*$/i, "done"],
  [/\s+\(?(?:DONE|COMPLETED?|FINISHED)\)?\s*$/, "done"],
  [/\s*(?:[🚧⏳🔄]\uFE0F?|\((?:in progress|wip|ongoing|started)\)|[—–:-]\s*in progress)\s*$/iu, "in_progress"],
  [/\s*(?:\((?:blocked)\)|[—–:-]\s*blocked)\s*$/i, "blocked"],
  [/\s*(?:\((?:deferred|postponed)\)|[—–:-]\s*deferred)\s*$/i, "deferred"],
];
const GATE_HEADING = /release gates?|go\s*\/\s*no-?go|gates?\s*(?:&|and)\s*verification|definition of done|^exit criteria$/i;
const DESCOPED_HEADING = /de-?scoped|out of scope|not in scope|won'?t do/i;
const OWNER_IN_HEADING = /\((?:owner|owned by|lead)\s*:\s*([^)]+)\)/i;

const STATUS_WORDS: [RegExp, ParsedStatus][] = [
  [/^([✅✔☑]\uFE0F?|\[x\]|x|yes)$/iu, "done"],
  [/^([🚧⏳🔄]\uFE0F?)$/u, "in_progress"],
  [/^([⬜☐]\uFE0F?|\[ \]|no)$/iu, "open"],
  [/^(done|complete|completed|closed|finished|shipped|resolved)$/i, "done"],
  [/^(in[ _-]?progress|doing|started|active|wip)$/i, "in_progress"],
  [/^(in[ _-]?review|review)$/i, "in_review"],
  [/^blocked$/i, "blocked"],
  [/^(deferred|postponed|later)$/i, "deferred"],
  [/^(cancelled|canceled|wont[ _-]?fix|won't fix|dropped|de-?scoped)$/i, "wont_fix"],
  [/^(pending|todo|to do|open|not started|planned|new)$/i, "open"],
];

/** A plan's status word ("completed", "in_progress", `done`…) as an item status, or null. */
export function statusFromWord(word: string): ParsedStatus | null {
  const w = word.trim().replace(/^[`*_]+|[`*_.]+$/g, "");
  for (const [pattern, status] of STATUS_WORDS) if (pattern.test(w)) return status;
  return null;
}

type Field = "objective" | "deliverables" | "acceptanceCriteria" | "exitCriteria" | "risks" | "dependencies" | "owner" | "estimate" | "status" | "files" | "auditRefs" | "tasks" | "verification";

const LABELS: [RegExp, Field][] = [
  [/^(objective|goal|purpose)s?$/i, "objective"],
  [/^deliverables?$/i, "deliverables"],
  [/^acceptance criteria$/i, "acceptanceCriteria"],
  [/^(exit criteria|done when)$/i, "exitCriteria"],
  [/^risks?( and mitigations)?$/i, "risks"],
  [/^(dependencies|depends on|start after|prerequisites?)$/i, "dependencies"],
  [/^(owner|owners|executor|assignee|lead)$/i, "owner"],
  [/^(estimate|effort|duration|estimated duration)$/i, "estimate"],
  [/^status$/i, "status"],
  [/^(files?|files touched)$/i, "files"],
  [/^(audit refs?|audit references?|refs?)$/i, "auditRefs"],
  [/^(tasks?|steps)$/i, "tasks"],
  [/^(verification|verify|verification command)$/i, "verification"],
];

// ───────────────────────────── small helpers ─────────────────────────────

export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "section";
}

export function clean(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** First sentence (or line) as a title of at most 200 characters. */
function titleOf(text: string): string {
  const line = clean(unlink(text.split("\n")[0] ?? ""));
  const sentence = line.match(/^(.{8,200}?[.!?])(\s|$)/)?.[1] ?? line;
  const title = sentence.length > 200 ? `${sentence.slice(0, 197).trimEnd()}…` : sentence;
  return title.replace(/[.:]$/, "") || "Untitled";
}

function stageRef(word: string, number: string): string {
  const prefix = STAGE_WORDS.find(([pattern]) => pattern.test(word))?.[1] ?? `${word.toLowerCase()}-`;
  return `${prefix}${number.toLowerCase()}`;
}

/** A heading without the marks it starts with and the status it ends with ("✅ Phase 1: Setup (done)" → "Phase 1: Setup", done). */
export function headingParts(heading: string): { text: string; status: ParsedStatus | null } {
  const whole = clean(heading);
  const marks = whole.match(LEADING_MARKS)?.[0] ?? "";
  let text = whole.slice(marks.length);
  let status: ParsedStatus | null = /[✅✔☑]/u.test(marks) ? "done" : /[🚧⏳🔄]/u.test(marks) ? "in_progress" : null;
  for (const [pattern, stated] of HEADING_STATUS) {
    if (!pattern.test(text)) continue;
    text = text.replace(pattern, "").trim();
    status = stated;
    break;
  }
  return { text: text || whole, status };
}

/** The stage a heading names ("Phase 0 — Baseline", "M3: Provider Integration", "### 2) Security audit"), or null; with the status the heading states. */
export function stageOfHeading(heading: string): { ref: string; name: string; status: ParsedStatus | null } | null {
  const { text, status } = headingParts(heading);
  const stage = text.match(STAGE_HEADING);
  if (stage) {
    const [, word, number] = stage;
    // "M" and "WS" must be glued to their number ("M3", "WS1"); "Phase 2" may have a space.
    if (/^(m|ws)$/i.test(word!) && !new RegExp(`^${word}${number!.replace(".", "\\.")}`, "i").test(text)) return null;
    return { ref: stageRef(word!, number!), name: text.replace(OWNER_IN_HEADING, "").trim(), status };
  }
  const numbered = text.match(NUMBERED_HEADING);
  if (numbered) return { ref: `step-${numbered[1]}`, name: text, status };
  return null;
}

/** Refs of the stages a text mentions ("Stable M1 behavior", "after Phase 2 and Phase 3"). */
function mentionedStages(text: string): string[] {
  const refs: string[] = [];
  for (const match of text.matchAll(STAGE_MENTION)) {
    const ref = match[1] ? stageRef(match[1], match[2]!) : stageRef(match[3]!, match[4]!);
    if (!refs.includes(ref)) refs.push(ref);
  }
  return refs;
}

function labelOf(paragraph: Paragraph): { label: string; field: Field | null; rest: string } | null {
  const first = paragraph.children[0];
  const whole = toString(paragraph);
  // "**Files:** …", "Objective:", "Owner: CLAUDE"
  const match = whole.match(/^\s*([A-Za-z][A-Za-z /&()-]{1,40}?)\s*:\s*([\s\S]*)$/);
  if (!match) return null;
  const label = match[1]!.trim();
  const looksLabelled = first?.type === "strong" || /^[A-Z]/.test(label);
  if (!looksLabelled || label.split(/\s+/).length > 5) return null;
  const field = LABELS.find(([pattern]) => pattern.test(label))?.[1] ?? null;
  return { label, field, rest: match[2]!.trim() };
}

/** "`[server/server.js](server/server.js)`" (a link written inside code, as some agents do) is the path "server/server.js". */
function unlink(text: string): string {
  return text.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, "$1");
}

function inlineCodes(node: Nodes): string[] {
  const found: string[] = [];
  const visit = (n: Nodes) => {
    if (n.type === "inlineCode") found.push(unlink(n.value));
    if (n.type === "link") {
      const label = toString(n);
      if (label) found.push(label);
    }
    if ("children" in n) for (const child of n.children as Nodes[]) visit(child);
  };
  visit(node);
  return found;
}

const PATH_LIKE = /^[\w@.~-]*[\w-]+(\/[\w@.\-[\]]*)*(\.[\w-]+|\/)$|^\.[\w-]+$/;

function filesIn(node: Nodes): string[] {
  return [...new Set(inlineCodes(node).map((f) => f.trim()).filter((f) => PATH_LIKE.test(f) && !/\s/.test(f)))];
}

// ───────────────────────────── sections ─────────────────────────────

interface Section {
  depth: number;
  title: string;
  path: string[];
  nodes: RootContent[];
}

function sectionsOf(root: Root): { preamble: RootContent[]; sections: Section[] } {
  const preamble: RootContent[] = [];
  const sections: Section[] = [];
  const stack: Section[] = [];
  for (const node of root.children) {
    if (node.type === "yaml") continue;
    if (node.type === "heading") {
      while (stack.length && stack.at(-1)!.depth >= node.depth) stack.pop();
      const title = clean(toString(node));
      const section: Section = { depth: node.depth, title, path: [...stack.map((s) => s.title), title], nodes: [] };
      stack.push(section);
      sections.push(section);
    } else if (stack.length) {
      stack.at(-1)!.nodes.push(node);
    } else {
      preamble.push(node);
    }
  }
  return { preamble, sections };
}

// ───────────────────────────── the parser ─────────────────────────────

interface FrontMatter {
  name?: unknown;
  overview?: unknown;
  todos?: unknown;
}

function readFrontMatter(root: Root): FrontMatter {
  const yaml = root.children.find((n) => n.type === "yaml");
  if (!yaml || yaml.type !== "yaml") return {};
  try {
    const data = parseYaml(yaml.value) as unknown;
    return data && typeof data === "object" && !Array.isArray(data) ? (data as FrontMatter) : {};
  } catch {
    return {};
  }
}

class PlanBuilder {
  readonly phases: ParsedPhase[] = [];
  readonly items: ParsedItem[] = [];
  readonly gates: ParsedGate[] = [];
  readonly owners = new Set<string>();
  readonly unmapped: UnmappedText[] = [];
  readonly explicitDeps = new Map<string, string[]>();
  readonly mermaidEdges: [string, string][] = [];
  readonly mermaidLabels = new Map<string, string>();
  readonly statedStatus = new Map<string, ParsedStatus>();
  /** Headings outside any stage, gate or de-scoped section: what the mapping step may turn into stages. */
  readonly otherHeadings: string[] = [];
  private readonly refCounts = new Map<string, number>();

  constructor(private readonly source: string) {}

  markdown(nodes: RootContent[] | Nodes[]): string {
    return nodes
      .map((n) => {
        const raw = (n.data as { raw?: string } | undefined)?.raw;
        if (raw !== undefined) return raw;
        return n.position?.start.offset !== undefined && n.position.end.offset !== undefined ? this.source.slice(n.position.start.offset, n.position.end.offset) : toString(n);
      })
      .join("\n\n")
      .trim();
  }

  /** Where a task-list entry's box is: the offset of the character between its brackets ("- [x] …"). */
  checkboxAt(entry: ListItem): number | null {
    const start = entry.position?.start.offset;
    if (start === undefined) return null;
    const box = this.source.slice(start, start + 40).match(/^((?:[-*+]|\d{1,9}[.)])[ \t]+)\[([ xX])\]/);
    return box ? start + box[1]!.length + 1 : null;
  }

  uniqueRef(ref: string): string {
    const n = (this.refCounts.get(ref) ?? 0) + 1;
    this.refCounts.set(ref, n);
    return n === 1 ? ref : `${ref}-${n}`;
  }

  owner(name: string | null | undefined): string | null {
    const value = name ? clean(name.replace(/[`*_]/g, "")) : "";
    if (!value || value.length > 120) return null;
    this.owners.add(value);
    return value;
  }

  newItem(partial: Partial<ParsedItem> & { ref: string; title: string }): ParsedItem {
    const item: ParsedItem = {
      description: "",
      kind: "task",
      status: "open",
      phaseRef: null,
      owner: null,
      estimate: null,
      files: [],
      auditRefs: [],
      acceptanceCriteria: "",
      verificationCommand: null,
      labels: [],
      checkbox: null,
      // A status other than the default is one the plan states; an explicit "open" (`- [ ]`, `pending`) says so itself.
      statusStated: partial.status !== undefined && partial.status !== "open",
      ...partial,
      ref: this.uniqueRef(partial.ref),
    };
    this.items.push(item);
    return item;
  }

  leave(at: string[], nodes: RootContent[]) {
    const text = this.markdown(nodes);
    if (text) this.unmapped.push({ at: at.join(" › "), text });
  }

  collectCode(node: RootContent) {
    if (node.type !== "code") return;
    const code = node as Code;
    if (code.lang !== "mermaid" || !/^\s*(flowchart|graph)\b/i.test(code.value)) return;
    for (const line of code.value.split("\n")) {
      for (const def of line.matchAll(/([A-Za-z_][\w-]*)\s*[[({]+\s*"?([^\])}"]+)"?\s*[\])}]+/g)) this.mermaidLabels.set(def[1]!, def[2]!);
      const chain = line
        .replace(/\|[^|]*\|/g, "")
        .split(/\s*(?:-->|==>|-\.->|--[^>-]+-->)\s*/)
        .map((part) => part.trim().match(/^([A-Za-z_][\w-]*)/)?.[1])
        .filter((id): id is string => Boolean(id));
      if (chain.length > 1 && /-->|==>|-\.->/.test(line)) for (let i = 1; i < chain.length; i++) this.mermaidEdges.push([chain[i - 1]!, chain[i]!]);
    }
  }

  /** "- M1: `done`" anywhere: a stated stage status. */
  collectStatedStatus(node: RootContent) {
    if (node.type !== "list") return;
    for (const item of node.children) {
      const match = clean(toString(item)).match(/^(.{1,40}?)\s*[:\-—–]\s*`?([a-z _-]+?)`?(\s*\(.*\))?$/i);
      if (!match) continue;
      const stage = stageOfHeading(match[1]!);
      const status = statusFromWord(match[2]!);
      if (stage && status) this.statedStatus.set(stage.ref, status);
    }
  }
}

const LABEL_LINE = /^\s*(?:\*\*|__)?[A-Za-z][A-Za-z /&()-]{1,40}?:(?:\*\*|__)?\s*(?:\S|$)/;

/**
 * Lines like "**Files:** …" and "**Audit refs:** …" written without a blank
 * line between them are one paragraph in Markdown; split it so each label is
 * read on its own. The parts keep their source text.
 */
function expandLabelled(builder: PlanBuilder, nodes: RootContent[]): RootContent[] {
  return nodes.flatMap((node): RootContent[] => {
    if (node.type !== "paragraph") return [node];
    const lines = builder.markdown([node]).split("\n");
    if (lines.length < 2 || lines.filter((l) => LABEL_LINE.test(l)).length < 2) return [node];
    // Each group starts at a labelled line: its first line (from 0) and its source text.
    const groups: { from: number; raw: string }[] = [];
    for (const [index, line] of lines.entries()) {
      if (LABEL_LINE.test(line) || groups.length === 0) groups.push({ from: index, raw: line });
      else groups[groups.length - 1]!.raw += `\n${line}`;
    }
    const children = splitByLine(node, groups.map((g) => g.from));
    return groups.map(({ raw }, index) => ({ type: "paragraph", children: children[index]!, data: { raw } }) as Paragraph);
  });
}

/**
 * A paragraph's inline nodes shared out among groups of its lines (each group
 * from a line index on): a text node that spans lines is cut at its line
 * breaks, any other node goes with the line it starts on.
 */
function splitByLine(paragraph: Paragraph, groupStarts: number[]): PhrasingContent[][] {
  const firstLine = paragraph.position?.start.line ?? 1;
  const groupOf = (line: number) => {
    let group = 0;
    while (group + 1 < groupStarts.length && groupStarts[group + 1]! <= line - firstLine) group++;
    return group;
  };
  const groups: PhrasingContent[][] = groupStarts.map(() => []);
  for (const child of paragraph.children) {
    const line = child.position?.start.line ?? firstLine;
    if (child.type !== "text" || !child.value.includes("\n")) {
      groups[groupOf(line)]!.push(child);
      continue;
    }
    let previous: { group: number; node: Text } | null = null;
    for (const [k, piece] of child.value.split("\n").entries()) {
      const group = groupOf(line + k);
      if (previous && previous.group === group) previous.node.value += `\n${piece}`;
      else if (piece) {
        const node: Text = { type: "text", value: piece };
        groups[group]!.push(node);
        previous = { group, node };
      }
    }
  }
  return groups;
}

function fieldText(builder: PlanBuilder, rest: string, following: RootContent | undefined): { text: string; consumed: boolean } {
  const list = following?.type === "list" ? builder.markdown([following]) : "";
  return { text: [rest, list].filter(Boolean).join("\n"), consumed: Boolean(list) };
}

function appendText(current: string, next: string): string {
  return [current, next].filter(Boolean).join("\n\n");
}

/** Top-level entries of a list as items; nested lists stay in each entry's description. */
function listItems(builder: PlanBuilder, list: List, base: { refBase: string; phaseRef: string | null; kind: ParsedKind; status: ParsedStatus; group: string | null; owner: string | null }) {
  for (const entry of list.children as ListItem[]) {
    const [head, ...rest] = entry.children;
    const headText = head ? toString(head) : "";
    if (!clean(headText)) continue;
    const title = titleOf(headText);
    const fullHead = clean(headText);
    const description = [fullHead !== title ? fullHead : "", base.group ? `Part of “${base.group}”.` : "", builder.markdown(rest as RootContent[])].filter(Boolean).join("\n\n");
    const checked = entry.checked === true ? "done" : null;
    builder.newItem({
      checkbox: typeof entry.checked === "boolean" ? builder.checkboxAt(entry) : null,
      // By its title within the stage: an entry added or moved elsewhere in the plan keeps every other entry's ref.
      ref: `${base.refBase}:${slug(title)}`,
      title,
      description,
      kind: base.kind,
      status: checked ?? base.status,
      ...(entry.checked === false ? { statusStated: true } : {}),
      phaseRef: base.phaseRef,
      owner: base.owner,
      files: filesIn(entry),
      labels: base.group ? [slug(base.group).slice(0, 60)] : [],
    });
  }
}

/** A numbered entry that is only bold text ("1. **Harden server attack surface**") names a group of the items that follow. */
function groupTitle(list: List): string | null {
  if (!list.ordered || list.children.length !== 1) return null;
  const [only] = list.children;
  const para = only?.children[0];
  if (only?.children.length !== 1 || para?.type !== "paragraph") return null;
  const strong = para.children.length === 1 && para.children[0]!.type === "strong";
  return strong ? clean(toString(para)) : null;
}

/** A stage's labelled field ("Deliverables:", "Owner:", a "### Risks" sub-heading…): `text` is what follows the label, `raw` the source kept when the field has no place of its own. */
function applyPhaseField(builder: PlanBuilder, phase: ParsedPhase, { field, text, list, raw, status }: { field: Field; text: string; list: List | null; raw: string; status: ParsedStatus }) {
  switch (field) {
    case "objective":
    case "acceptanceCriteria":
    case "exitCriteria":
    case "risks":
      phase[field] = appendText(phase[field], text);
      break;
    case "deliverables":
      phase.deliverables = appendText(phase.deliverables, text);
      if (list) listItems(builder, list, { refBase: `md:${phase.ref}:deliverable`, phaseRef: phase.ref, kind: "deliverable", status, group: null, owner: phase.owner });
      break;
    case "dependencies":
      builder.explicitDeps.set(phase.ref, [...(builder.explicitDeps.get(phase.ref) ?? []), ...mentionedStages(text).filter((r) => r !== phase.ref)]);
      phase.description = appendText(phase.description, `Dependencies:\n${text}`);
      break;
    case "owner":
      phase.owner = builder.owner(text.split("\n")[0]) ?? phase.owner;
      break;
    case "estimate":
      phase.estimate = clean(text).slice(0, 100) || phase.estimate;
      break;
    case "status":
      phase.status = statusFromWord(text) ?? phase.status;
      break;
    default:
      phase.description = appendText(phase.description, raw);
  }
}

function tableHeaders(table: Table): string[] {
  return (table.children[0]?.children ?? []).map((cell) => clean(toString(cell)).replace(/[*_`]/g, ""));
}

/** The column of a table of work that names each row's work, or -1 (not such a table, or no rows). */
function workTitleColumn(table: Table): number {
  return table.children.length < 2 ? -1 : tableHeaders(table).findIndex((h) => TITLE_COLUMN.test(h));
}

const TITLE_COLUMN = /^(tasks?|items?|titles?|names?|work items?|deliverables?|descriptions?|actions?|steps?|what|findings?|issues?|summary)$/i;
const TABLE_COLUMNS: [RegExp, "id" | "owner" | "status" | "estimate" | "files"][] = [
  [/^(id|#|key|ref|no\.?)$/i, "id"],
  [/^(owners?|assignees?|who|responsible|lead|executor|agent)$/i, "owner"],
  [/^(status|state|done\??)$/i, "status"],
  [/^(estimates?|effort|duration|size|points|days)$/i, "estimate"],
  [/^(files?|paths?|files touched)$/i, "files"],
];

/**
 * A table of work (a column named Task, Item, Title, Deliverable…) as items:
 * one per row, with the Owner, Status, Estimate, Files and ID columns as
 * fields and every other column as a "Column: value" line of the description.
 * Returns false for any other table.
 */
function tableItems(builder: PlanBuilder, table: Table, base: { refBase: string; phaseRef: string | null; status: ParsedStatus; owner: string | null; group: string | null }): boolean {
  const [, ...rows] = table.children;
  const titleAt = workTitleColumn(table);
  if (titleAt === -1) return false;
  const headers = tableHeaders(table);
  const at = Object.fromEntries(TABLE_COLUMNS.map(([pattern, name]) => [name, headers.findIndex((h) => pattern.test(h))])) as Record<(typeof TABLE_COLUMNS)[number][1], number>;
  const mapped = new Set([titleAt, ...Object.values(at)]);
  for (const row of rows) {
    const cell = (index: number) => (index >= 0 && row.children[index] ? clean(toString(row.children[index])) : "");
    const full = cell(titleAt);
    if (!full) continue;
    const title = titleOf(full);
    const id = cell(at.id).replace(/^#/, "");
    const others = headers.flatMap((h, i) => (!mapped.has(i) && cell(i) ? [`${h}: ${cell(i)}`] : []));
    const files = at.files >= 0 && row.children[at.files] ? filesIn(row.children[at.files]!) : [];
    builder.newItem({
      ref: /^[\w.-]{1,40}$/.test(id) ? `${base.refBase}:${id.toLowerCase()}` : `${base.refBase}:${slug(title)}`,
      title,
      description: [full !== title ? full : "", base.group ? `Part of “${base.group}”.` : "", ...others].filter(Boolean).join("\n\n"),
      status: statusFromWord(cell(at.status)) ?? base.status,
      ...(statusFromWord(cell(at.status)) ? { statusStated: true } : {}),
      phaseRef: base.phaseRef,
      owner: builder.owner(cell(at.owner)) ?? base.owner,
      estimate: cell(at.estimate).slice(0, 100) || null,
      files: files.length ? files : cell(at.files) ? cell(at.files).split(/[,;]\s*/).filter((f) => PATH_LIKE.test(f)) : [],
      labels: base.group ? [slug(base.group)] : [],
    });
  }
  return true;
}

/** Fields a task block carries; a sub-heading of a stage with one of them is an item. */
const TASK_FIELDS = new Set<Field>(["files", "auditRefs", "owner", "estimate", "status", "acceptanceCriteria", "verification"]);

/**
 * A sub-heading inside a stage: a field when it names one ("### Deliverables",
 * "#### Risks"); a group of items when it holds lists or a table of work ("###
 * Frontend"); an item of its own when it is numbered ("### 1.2 Add rate
 * limiting") or carries task fields (Files:, Owner:…); else its text, heading
 * included, stays in the stage's description.
 */
function parseStageSubsection(builder: PlanBuilder, phase: ParsedPhase, section: Section, status: ParsedStatus) {
  const heading = headingParts(section.title);
  const name = heading.text.replace(/:$/, "");
  const field = LABELS.find(([pattern]) => pattern.test(name))?.[1] ?? null;
  if (field && field !== "tasks") {
    const list = section.nodes.find((n): n is List => n.type === "list") ?? null;
    const text = builder.markdown(section.nodes);
    applyPhaseField(builder, phase, { field, text, list, raw: `**${name}**\n\n${text}`, status });
    return;
  }
  const holdsWork = section.nodes.some((n) => n.type === "list" || (n.type === "table" && workTitleColumn(n) !== -1));
  if (holdsWork) {
    parsePhaseSection(builder, phase, section, status, field === "tasks" ? null : name);
    return;
  }
  const labels = expandLabelled(builder, section.nodes).flatMap((n) => (n.type === "paragraph" ? [labelOf(n)?.field] : []));
  if (NUMBERED_SUBHEADING.test(name) || labels.some((f) => f && TASK_FIELDS.has(f))) {
    const title = name.replace(NUMBERED_SUBHEADING, (m) => m.slice(-1)).trim();
    parseTaskSection(builder, section, `md:${phase.ref}:${slug(name)}`, title, phase, heading.status ?? status);
    return;
  }
  const text = builder.markdown(section.nodes);
  if (text) phase.description = appendText(phase.description, `**${name}**\n\n${text}`);
}

function parsePhaseSection(builder: PlanBuilder, phase: ParsedPhase, section: Section, status: ParsedStatus, initialGroup: string | null = null) {
  const refBase = `md:${phase.ref}`;
  let group: string | null = initialGroup;
  const nodes = expandLabelled(builder, section.nodes);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.type === "paragraph") {
      const label = labelOf(node);
      if (label?.field) {
        const { text, consumed } = fieldText(builder, label.rest, nodes[i + 1]);
        if (consumed) i++;
        const list = consumed ? (nodes[i] as List) : null;
        applyPhaseField(builder, phase, { field: label.field, text, list, raw: builder.markdown(consumed ? [node, nodes[i]!] : [node]), status });
        continue;
      }
      if (label && !label.field) {
        // An unknown label ("Key files to baseline:") and its list stay as text.
        const consumed = nodes[i + 1]?.type === "list";
        const kept = consumed ? [node, nodes[i + 1]!] : [node];
        if (consumed) i++;
        phase.description = appendText(phase.description, builder.markdown(kept));
        builder.leave([...section.path, label.label], kept);
        continue;
      }
      const text = toString(node);
      const startAfter = text.match(/\b(start(?:s)? after|depends on|after)\b([^.]*)/i);
      if (startAfter) builder.explicitDeps.set(phase.ref, [...(builder.explicitDeps.get(phase.ref) ?? []), ...mentionedStages(startAfter[2]!).filter((r) => r !== phase.ref)]);
      phase.description = appendText(phase.description, builder.markdown([node]));
      continue;
    }
    if (node.type === "list") {
      const title = groupTitle(node);
      if (title) {
        group = title;
        continue;
      }
      listItems(builder, node, { refBase, phaseRef: phase.ref, kind: "task", status, group, owner: phase.owner });
      continue;
    }
    if (node.type === "code" && node.lang === "mermaid") continue;
    if (node.type === "table" && tableItems(builder, node, { refBase, phaseRef: phase.ref, status, owner: phase.owner, group })) continue;
    phase.description = appendText(phase.description, builder.markdown([node]));
    builder.leave(section.path, [node]);
  }
}

function parseTaskSection(builder: PlanBuilder, section: Section, ref: string, title: string, phase: ParsedPhase | null, status: ParsedStatus) {
  const item = builder.newItem({ ref, title: clean(title).slice(0, 300), kind: "task", status, phaseRef: phase?.ref ?? null, owner: phase?.owner ?? null });
  const description: string[] = [];
  const nodes = expandLabelled(builder, section.nodes);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    const label = node.type === "paragraph" ? labelOf(node) : null;
    if (!label?.field) {
      description.push(builder.markdown([node]));
      continue;
    }
    const { text, consumed } = fieldText(builder, label.rest, nodes[i + 1]);
    const kept = consumed ? [node, nodes[i + 1]!] : [node];
    if (consumed) i++;
    switch (label.field) {
      case "files":
        item.files = [...new Set([...item.files, ...kept.flatMap((n) => inlineCodes(n).map((f) => f.trim()).filter(Boolean))])];
        if (item.files.length === 0) description.push(builder.markdown(kept));
        if (/\(new[^)]*\)|various|survey/i.test(text)) description.push(builder.markdown(kept));
        break;
      case "auditRefs":
        item.auditRefs = text.split(/,\s*(?![^()]*\))/).map((r) => clean(r)).filter(Boolean).slice(0, 50);
        break;
      case "verification": {
        const commands = inlineCodes(node);
        item.verificationCommand = (commands[0] ?? clean(text)).slice(0, 2000) || null;
        description.push(builder.markdown(kept));
        break;
      }
      case "owner":
        item.owner = builder.owner(text.split("\n")[0]) ?? item.owner;
        break;
      case "estimate":
        item.estimate = clean(text).slice(0, 100) || null;
        break;
      case "status":
        item.status = statusFromWord(text) ?? item.status;
        item.statusStated ||= statusFromWord(text) !== null;
        break;
      case "acceptanceCriteria":
      case "exitCriteria":
        item.acceptanceCriteria = appendText(item.acceptanceCriteria, text);
        break;
      default:
        description.push(builder.markdown(kept));
    }
  }
  item.description = description.filter(Boolean).join("\n\n");
}

function inferCriterion(title: string, required: boolean, phaseRefs: Set<string>): ParsedCriterion {
  const stages = mentionedStages(title).filter((r) => phaseRefs.has(r));
  if (stages.length === 1 && /\b(complete|completed|done|deferred|finished)\b/i.test(title)) {
    return { title, required, type: "rule", rule: { type: "all_done", filter: { phaseRef: stages[0] } } };
  }
  if (/\b(ci|workflows?|pipelines?|smoke|builds?|checks?)\b/i.test(title) && /\b(pass|passes|passing|green|active|succeed)/i.test(title)) {
    return { title, required, type: "check", rule: null };
  }
  return { title, required, type: "manual", rule: null };
}

function parseGateSection(builder: PlanBuilder, section: Section, phaseRefs: Set<string>) {
  const gate: ParsedGate = { ref: `gate:${slug(section.title)}`, name: section.title.replace(/\s*\((go\s*\/\s*no-?go)\)\s*/i, "").trim() || section.title, description: "", criteria: [] };
  let required = true;
  for (const node of section.nodes) {
    if (node.type === "list") {
      for (const entry of node.children) {
        const title = titleOf(toString(entry.children[0] ?? entry));
        gate.criteria.push(inferCriterion(title, required, phaseRefs));
      }
      continue;
    }
    const text = toString(node);
    if (/known risks?/i.test(text)) required = false;
    else if (/no-?go|must|required|until/i.test(text)) required = true;
    gate.description = appendText(gate.description, builder.markdown([node]));
  }
  if (gate.criteria.length) builder.gates.push(gate);
  else builder.leave(section.path, section.nodes);
}

export interface ParsePlanOptions {
  /** Headings to read as stages although they name none (the import's mapping step), by their text. */
  stageHeadings?: string[];
}

/** Parses a Markdown plan. Never throws: unreadable parts are kept as text and reported. */
export function parsePlan(source: string, { stageHeadings = [] }: ParsePlanOptions = {}): ParsedPlan {
  const root = parseMarkdown(source);
  const plan = buildPlan(root, source, stageHeadings);
  if (plan.phases.length > 0 || stageHeadings.length > 0) return plan;
  // A plan that names no stage at all: its top sections that hold work (lists, tables, task blocks) are its stages.
  const sections = sectionsOf(root).sections;
  const candidates = topSectionsWithWork(sections);
  if (candidates.length === 0) return plan;
  return { ...buildPlan(root, source, candidates), stagesFrom: "sections" };
}

/** The shallowest headings below the plan's title whose sections (with their sub-sections) hold lists, tables or task blocks. */
function topSectionsWithWork(sections: Section[]): string[] {
  const body = sections.filter((s, i) => !(i === 0 && s.depth === 1));
  const holdsWork = (s: Section) => s.nodes.some((n) => n.type === "list" || n.type === "table") || TASK_HEADING.test(headingParts(s.title).text);
  // A checklist under its title alone: the title is the one stage.
  if (body.length === 0) return sections[0] && holdsWork(sections[0]) ? [sections[0].title] : [];
  const depth = Math.min(...body.map((s) => s.depth));
  const found: string[] = [];
  for (const [index, section] of body.entries()) {
    if (section.depth !== depth || GATE_HEADING.test(section.title) || DESCOPED_HEADING.test(section.title)) continue;
    const end = body.findIndex((s, i) => i > index && s.depth <= depth);
    const family = body.slice(index, end === -1 ? body.length : end);
    if (family.some(holdsWork) && !found.includes(section.title)) found.push(section.title);
  }
  return found;
}

function buildPlan(root: Root, source: string, stageHeadings: string[]): ParsedPlan {
  const asStages = new Set(stageHeadings.map(clean));
  const front = readFrontMatter(root);
  const builder = new PlanBuilder(source);
  const { preamble, sections } = sectionsOf(root);

  // Stage statuses stated anywhere ("- M1: `done`"), and flowcharts anywhere.
  for (const node of [...preamble, ...sections.flatMap((s) => s.nodes)]) {
    builder.collectStatedStatus(node);
    if (node.type === "code") builder.collectCode(node);
  }

  const title = typeof front.name === "string" ? front.name : (sections.find((s) => s.depth === 1)?.title ?? null);
  let overview = typeof front.overview === "string" ? front.overview : "";

  // Plan-level labelled lines ("**Executor:** Engineer agents") set the default owner.
  let planOwner: string | null = null;
  const headerNodes = [...preamble, ...(sections[0]?.depth === 1 ? sections[0].nodes : [])];
  for (const node of expandLabelled(builder, headerNodes)) {
    const label = node.type === "paragraph" ? labelOf(node) : null;
    // "Executor: Engineer agents (Sonnet) with parallel batches" → "Engineer agents".
    if (label?.field === "owner") planOwner = builder.owner(label.rest.split(/\s+\(|\s+with\s+|\s+—\s+/)[0]);
    else if (node.type === "paragraph" && !label && !overview) overview = toString(node);
  }

  let current: { phase: ParsedPhase; depth: number } | null = null;
  const phaseRefs = new Set<string>();
  for (const section of sections) {
    if (current && section.depth <= current.depth) current = null;
    if (section.depth === 1 && section === sections[0] && !asStages.has(section.title)) continue;
    const heading = headingParts(section.title);
    const task = heading.text.match(TASK_HEADING);
    const stage = stageOfHeading(section.title) ?? (asStages.has(section.title) && !task ? { ref: `section-${slug(section.title)}`, name: heading.text, status: heading.status } : null);
    if (stage && !task) {
      const ref = builder.uniqueRef(stage.ref);
      const headingOwner = section.title.match(OWNER_IN_HEADING)?.[1];
      const phase: ParsedPhase = {
        ref,
        name: stage.name.slice(0, 200),
        position: builder.phases.length,
        objective: "",
        deliverables: "",
        acceptanceCriteria: "",
        exitCriteria: "",
        risks: "",
        estimate: null,
        owner: builder.owner(headingOwner) ?? planOwner,
        status: builder.statedStatus.get(ref) ?? stage.status,
        dependsOn: [],
        description: "",
      };
      builder.phases.push(phase);
      phaseRefs.add(ref);
      current = { phase, depth: section.depth };
      parsePhaseSection(builder, phase, section, phase.status === "done" ? "done" : "open");
      continue;
    }
    if (task) {
      const phase = current?.phase ?? null;
      parseTaskSection(builder, section, `task:${task[2]!.toLowerCase()}`, task[3]!, phase, heading.status ?? (phase?.status === "done" ? "done" : "open"));
      continue;
    }
    if (GATE_HEADING.test(section.title) && !current) {
      parseGateSection(builder, section, phaseRefs);
      continue;
    }
    if (DESCOPED_HEADING.test(section.title)) {
      for (const node of section.nodes) {
        if (node.type === "list") listItems(builder, node, { refBase: `md:${slug(section.title)}`, phaseRef: current?.phase.ref ?? null, kind: "task", status: "wont_fix", group: null, owner: null });
        else builder.leave(section.path, [node]);
      }
      continue;
    }
    if (current) {
      parseStageSubsection(builder, current.phase, section, current.phase.status === "done" ? "done" : "open");
      continue;
    }
    const kept = section.nodes.filter((n) => !(n.type === "code" && (n as Code).lang === "mermaid"));
    if (kept.length) builder.leave(section.path, kept);
    if (section.depth <= 3 && !builder.otherHeadings.includes(section.title)) builder.otherHeadings.push(section.title);
  }

  // Front-matter todos (the Cursor plan format) are items, in the stage their id names.
  if (Array.isArray(front.todos)) {
    for (const todo of front.todos as unknown[]) {
      if (!todo || typeof todo !== "object") continue;
      const { id, content, status } = todo as { id?: unknown; content?: unknown; status?: unknown };
      if (typeof content !== "string" || !content.trim()) continue;
      const todoId = typeof id === "string" || typeof id === "number" ? String(id) : slug(content);
      const stage = todoId.match(/^(phase|batch|milestone|stage|step|wave|sprint|ws|m)[-_ ]?(\d+[a-z]?)/i);
      const stageRefGuess = stage ? stageRef(stage[1]!, stage[2]!) : null;
      builder.newItem({
        ref: `todo:${todoId}`,
        title: titleOf(content),
        description: clean(content) !== titleOf(content) ? content.trim() : "",
        kind: "task",
        status: (typeof status === "string" && statusFromWord(status)) || "open",
        statusStated: typeof status === "string" && statusFromWord(status) !== null,
        phaseRef: stageRefGuess && phaseRefs.has(stageRefGuess) ? stageRefGuess : null,
        owner: planOwner,
      });
    }
  }

  // Dependencies: flowchart edges, then stated dependencies, then stage order.
  const byNode = (id: string): string | null => {
    const norm = id.toLowerCase().replace(/[-_ ]/g, "");
    const direct = builder.phases.find((p) => p.ref.replace(/-/g, "") === norm || norm.startsWith(p.ref.replace(/-/g, "")));
    if (direct) return direct.ref;
    const label = builder.mermaidLabels.get(id);
    const stage = label ? stageOfHeading(label.replace(/_/g, " ")) : null;
    return stage && phaseRefs.has(stage.ref) ? stage.ref : null;
  };
  const fromChart = new Map<string, string[]>();
  for (const [from, to] of builder.mermaidEdges) {
    const a = byNode(from);
    const b = byNode(to);
    if (a && b && a !== b) fromChart.set(b, [...new Set([...(fromChart.get(b) ?? []), a])]);
  }
  const charted = new Set([...fromChart.keys(), ...[...fromChart.values()].flat()]);
  for (const [index, phase] of builder.phases.entries()) {
    const stated = builder.explicitDeps.get(phase.ref);
    const deps = fromChart.get(phase.ref) ?? (stated ? stated : charted.has(phase.ref) || index === 0 ? [] : [builder.phases[index - 1]!.ref]);
    phase.dependsOn = [...new Set(deps.filter((r) => phaseRefs.has(r) && r !== phase.ref))];
  }

  const criteria = builder.gates.reduce((n, g) => n + g.criteria.length, 0);
  return {
    title,
    overview: clean(overview),
    phases: builder.phases,
    items: builder.items,
    owners: [...builder.owners],
    gates: builder.gates,
    unmapped: builder.unmapped,
    otherHeadings: builder.otherHeadings,
    stagesFrom: "headings",
    report: {
      phases: builder.phases.length,
      items: builder.items.length,
      gates: builder.gates.length,
      criteria,
      owners: builder.owners.size,
      dependencies: builder.phases.reduce((n, p) => n + p.dependsOn.length, 0),
      unmappedSections: builder.unmapped.length,
    },
  };
}
