/**
 * A release gate as a GitHub-flavoured Markdown checklist, the
 * `release-gate-checklist.md` a team keeps beside its code: pure functions, no
 * I/O, no clock. Every string a person or a CI system supplied goes through
 * escapeMarkdown (or into a code span), and only http(s) URLs become links, so
 * a title, a rationale or a check summary can add text to the document but
 * never structure: no headings, list items, table cells, links or HTML.
 */
import type { CriterionState, FailingItem, Outcome } from "./gates";

export interface ChecklistEvidence {
  kind: "link" | "command" | "note" | "file";
  url: string | null;
  command: string | null;
  output: string | null;
  note: string | null;
  filePath: string | null;
  createdAt: string;
}

export interface ChecklistManualMark {
  result: "pass" | "fail";
  justification: string;
  at: string;
}

export interface ChecklistCheckResult {
  status: "pass" | "fail" | "pending";
  summary: string;
  url: string | null;
  commitSha: string | null;
  buildRef: string | null;
  at: string;
}

export interface ChecklistCriterion {
  title: string;
  description: string;
  type: "rule" | "manual" | "check";
  required: boolean;
  state: CriterionState;
  failingCount: number;
  failingItems: FailingItem[];
  /** manual: { result, justification, at }; check: { status, summary, url, commitSha, buildRef, at }; else null */
  latest: ChecklistManualMark | ChecklistCheckResult | null;
  evidence: ChecklistEvidence[];
}

export interface ChecklistDecision {
  outcome: Outcome;
  rationale: string;
  confidence: "low" | "medium" | "high";
  decidedBy: string | null;
  createdAt: string;
  snapshotHash: string;
  requiredApprovals: number;
  approvals: { name: string; signedAt: string }[];
  deferredRisks: { itemKey: string | null; title: string; owner: string; dueDate: string }[];
  outOfDate: boolean;
}

export interface GateChecklistInput {
  project: { name: string };
  gate: { name: string; description: string; targetDate: string | null };
  /** ISO timestamp. */
  evaluatedAt: string;
  recommendation: { outcome: Outcome; reason: string };
  criteria: ChecklistCriterion[];
  lastDecision: ChecklistDecision | null;
  /** Base URL of the project's items in the app, e.g. "https://rr.example.com/acme/projects/occ/items"; item keys link to `${itemUrl}/${key}` when given. */
  itemUrl?: string;
  /** "today" as YYYY-MM-DD, to flag overdue deferred risks. */
  today: string;
}

const OUTCOME_LABELS: Record<Outcome, string> = { go: "Go", no_go: "No-Go", go_with_risks: "Go with known risks" };

const STATUS_LABELS: Record<string, string> = { in_progress: "in progress", in_review: "in review", wont_fix: "won’t fix" };

const LINE_BREAK = /\r\n|\r|\n/;

/** Characters with an inline meaning anywhere on a line (emphasis, code, links, HTML, table cells, headings, strikethrough). */
const INLINE_SPECIAL = /[\\`*_[\]<>|#~]/g;

/** Escapes the inline specials, then what would open a block at the start of a line (list items, setext underlines, ordered lists). */
function escapeLine(line: string): string {
  return line
    .replace(INLINE_SPECIAL, (c) => `\\${c}`)
    .replace(/^([-+=])/, "\\$1")
    .replace(/^(\d+)([.)])/, "$1\\$2");
}

/**
 * Escapes user-supplied text so that Markdown renders it literally. By
 * default the text is for a single-line context (a list item, a table cell, a
 * heading): line breaks and the whitespace around them collapse to one space.
 * With `multiline`, lines are kept (each escaped on its own, leading
 * indentation dropped so nothing becomes a code block, runs of blank lines
 * kept as one paragraph break), for a paragraph or a blockquote.
 */
export function escapeMarkdown(text: string, options: { multiline?: boolean } = {}): string {
  if (!options.multiline) return escapeLine(text.replace(/\s*(?:\r\n|\r|\n)\s*/g, " ").trim());
  const lines = text.split(LINE_BREAK).map((line) => line.trim());
  const kept: string[] = [];
  for (const line of lines) {
    if (line === "" && (kept.length === 0 || kept.at(-1) === "")) continue;
    kept.push(escapeLine(line));
  }
  while (kept.at(-1) === "") kept.pop();
  return kept.join("\n");
}

/** A code span that shows `text` literally, whatever backticks it contains. */
function code(text: string): string {
  const value = text.replace(/\s*(?:\r\n|\r|\n)\s*/g, " ");
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = value.startsWith("`") || value.endsWith("`") || (value.startsWith(" ") && value.endsWith(" ")) ? " " : "";
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** The URL as a link destination when it is http(s), else null. Characters that could end or split the destination are percent-encoded. */
function safeHref(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  return parsed.href.replace(/[()|<>`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

/** `[text](url)` when the URL is http(s); otherwise the (already escaped) text alone. */
function link(text: string, url: string | null): string {
  const href = url === null ? null : safeHref(url);
  return href ? `[${text}](${href})` : text;
}

/** A URL shown as itself: a link when it is http(s), escaped text when not. */
function urlText(url: string): string {
  return link(escapeMarkdown(url), url);
}

// Only unambiguous ISO strings are read as instants: a date, or a date-time with Z or an offset (no local time).
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

function parseInstant(value: string): Date | null {
  if (!ISO_INSTANT.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "2026-11-20 14:05 UTC" for a timestamp, the date alone for a date, escaped as given when it is neither. */
function formatWhen(value: string): string {
  const date = parseInstant(value);
  if (!date) return escapeMarkdown(value);
  if (value.length === 10) return value;
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The UTC day (YYYY-MM-DD) of a date or timestamp, or null when it cannot be read. */
function utcDay(value: string): string | null {
  const date = parseInstant(value);
  if (!date) return null;
  return value.length === 10 ? value : date.toISOString().slice(0, 10);
}

function formatDay(value: string): string {
  return utcDay(value) ?? escapeMarkdown(value);
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

function itemKey(key: string, itemUrl: string | undefined): string {
  const text = escapeMarkdown(key);
  if (!itemUrl) return text;
  return link(text, `${itemUrl.trim().replace(/\/+$/, "")}/${encodeURIComponent(key)}`);
}

function failingItemLine(item: FailingItem, itemUrl: string | undefined): string {
  // ownerId is an id, not a name: the checklist says whether there is an owner. A deferral without
  // an owner or a due date does not count (gates.ts, isProperlyDeferred), so what is missing is named.
  const deferred = item.status === "deferred";
  const details = [escapeMarkdown(STATUS_LABELS[item.status] ?? item.status)];
  if (item.ownerId) details.push("has an owner");
  else if (deferred) details.push("no owner");
  if (item.dueDate) details.push(`due ${formatDay(item.dueDate)}`);
  else if (deferred) details.push("no due date");
  return `${itemKey(item.key, itemUrl)} ${escapeMarkdown(item.title)} (${details.join(", ")})`;
}

function latestLine(criterion: ChecklistCriterion): string | null {
  const latest = criterion.latest;
  if (criterion.type === "manual") {
    if (!latest || !("result" in latest)) return "Not marked yet.";
    const why = escapeMarkdown(latest.justification);
    return `Marked **${latest.result}** on ${formatWhen(latest.at)}${why ? `: ${why}` : "."}`;
  }
  if (criterion.type === "check") {
    if (!latest || !("status" in latest)) return "No result posted yet.";
    const summary = escapeMarkdown(latest.summary);
    const parts = [`Latest result **${latest.status}** on ${formatWhen(latest.at)}${summary ? `: ${summary}` : ""}`];
    if (latest.url?.trim()) parts.push(safeHref(latest.url) ? link("details", latest.url) : `details: ${escapeMarkdown(latest.url)}`);
    if (latest.commitSha?.trim()) parts.push(`commit ${code(latest.commitSha.trim().slice(0, 7))}`);
    if (latest.buildRef?.trim()) parts.push(`build ${code(latest.buildRef.trim())}`);
    return parts.join(" · ");
  }
  return null;
}

function evidenceLine(evidence: ChecklistEvidence): string | null {
  const parts: string[] = [];
  if (evidence.kind === "link" && evidence.url?.trim()) parts.push(urlText(evidence.url));
  if (evidence.kind === "command" && evidence.command?.trim()) parts.push(code(evidence.command.trim()));
  if (evidence.kind === "file" && evidence.filePath?.trim()) parts.push(code(evidence.filePath.trim()));
  const note = evidence.note ? escapeMarkdown(evidence.note) : "";
  if (note) parts.push(parts.length ? `— ${note}` : note);
  if (parts.length === 0) return null;
  const day = utcDay(evidence.createdAt);
  return `Evidence (${evidence.kind}): ${parts.join(" ")}${day ? ` (${day})` : ""}`;
}

function criterionLines(criterion: ChecklistCriterion, itemUrl: string | undefined): string[] {
  const box = criterion.state === "pass" ? "[x]" : "[ ]";
  const title = escapeMarkdown(criterion.title) || "Untitled criterion";
  const lines = [`- ${box} ${title} — ${criterion.required ? "required" : "advisory"} — **${criterion.state}** (${criterion.type})`];
  const description = escapeMarkdown(criterion.description);
  if (description) lines.push(`  - ${description}`);
  if (criterion.type === "rule" && criterion.state === "fail" && criterion.failingCount > 0) {
    lines.push(`  - ${criterion.failingCount} ${plural(criterion.failingCount, "item fails", "items fail")}:`);
    for (const item of criterion.failingItems) lines.push(`    - ${failingItemLine(item, itemUrl)}`);
    const unlisted = criterion.failingCount - criterion.failingItems.length;
    if (unlisted > 0) lines.push(`    - …and ${unlisted} more not listed here.`);
  }
  const latest = latestLine(criterion);
  if (latest) lines.push(`  - ${latest}`);
  for (const evidence of criterion.evidence) {
    const line = evidenceLine(evidence);
    if (line) lines.push(`  - ${line}`);
  }
  return lines;
}

function signOffs(decision: ChecklistDecision): string {
  const { approvals, requiredApprovals } = decision;
  const names = approvals.map((a) => `${escapeMarkdown(a.name)} (${formatDay(a.signedAt)})`).join(", ");
  if (requiredApprovals <= 0 && approvals.length === 0) return "none required";
  const count = `${approvals.length} of ${requiredApprovals} ${plural(requiredApprovals, "sign-off", "sign-offs")}`;
  if (approvals.length < requiredApprovals) return `${count}, awaiting sign-off${names ? `: ${names}` : ""}`;
  return `${count}: ${names}`;
}

function decisionLines(decision: ChecklistDecision, recommendation: Outcome): string[] {
  const lines: string[] = [];
  if (decision.outOfDate) {
    lines.push(`⚠ Out of date: the register has changed since this decision; the recommendation is now ${OUTCOME_LABELS[recommendation]}.`, "");
  }
  const by = decision.decidedBy ? ` by ${escapeMarkdown(decision.decidedBy)}` : "";
  lines.push(
    `- **Outcome:** ${OUTCOME_LABELS[decision.outcome]}`,
    `- **Decided:** ${formatWhen(decision.createdAt)}${by}`,
    `- **Confidence:** ${decision.confidence}`,
    `- **Sign-offs:** ${signOffs(decision)}`,
    `- **Snapshot SHA-256:** ${decision.snapshotHash.trim() ? code(decision.snapshotHash.trim()) : "none"}`,
    "",
  );
  const rationale = escapeMarkdown(decision.rationale, { multiline: true });
  if (rationale) {
    lines.push("Rationale:", "", ...rationale.split("\n").map((line) => (line ? `> ${line}` : ">")));
  } else {
    lines.push("No rationale recorded.");
  }
  return lines;
}

function deferredRiskLines(decision: ChecklistDecision, itemUrl: string | undefined, today: string): string[] {
  const rows = decision.deferredRisks.map((risk) => {
    const item = risk.itemKey ? itemKey(risk.itemKey, itemUrl) : "—";
    const day = utcDay(risk.dueDate);
    const due = `${formatDay(risk.dueDate)}${day && day < today ? " (overdue)" : ""}`;
    return `| ${item} | ${escapeMarkdown(risk.title)} | ${escapeMarkdown(risk.owner)} | ${due} |`;
  });
  return ["| Item | Risk | Owner | Due |", "| --- | --- | --- | --- |", ...rows];
}

/** The outcome label leads the reason ("No-Go: …") already; the metadata line shows the label once. */
function reasonText(recommendation: GateChecklistInput["recommendation"]): string {
  const label = OUTCOME_LABELS[recommendation.outcome];
  const reason = recommendation.reason.startsWith(`${label}: `) ? recommendation.reason.slice(label.length + 2) : recommendation.reason;
  return escapeMarkdown(reason);
}

/** The gate as a Markdown checklist: metadata, criteria, the last decision and its deferred risks. Ends with one newline. */
export function gateChecklistMarkdown(input: GateChecklistInput): string {
  const { gate, lastDecision, itemUrl } = input;
  const reason = reasonText(input.recommendation);
  const lines = [
    `# Release gate: ${escapeMarkdown(gate.name)} — ${escapeMarkdown(input.project.name)}`,
    "",
    `- **Target date:** ${gate.targetDate ? formatDay(gate.targetDate) : "none"}`,
    `- **Evaluated at:** ${formatWhen(input.evaluatedAt)}`,
    `- **Recommendation:** ${OUTCOME_LABELS[input.recommendation.outcome]}${reason ? ` — ${reason}` : ""}`,
    "",
  ];
  const description = escapeMarkdown(gate.description, { multiline: true });
  if (description) lines.push(description, "");

  lines.push("## Criteria", "");
  if (input.criteria.length === 0) lines.push("This gate has no criteria yet.");
  for (const criterion of input.criteria) lines.push(...criterionLines(criterion, itemUrl));
  lines.push("", "## Last decision", "");
  if (lastDecision) lines.push(...decisionLines(lastDecision, input.recommendation.outcome));
  else lines.push("No decision recorded yet.");

  if (lastDecision && lastDecision.deferredRisks.length > 0) {
    lines.push("", "## Deferred risks", "", ...deferredRiskLines(lastDecision, itemUrl, input.today));
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
