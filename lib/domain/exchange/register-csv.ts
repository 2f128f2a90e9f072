/**
 * The register as CSV, and CSV files from other trackers read into register
 * items: pure, no I/O (csv-parse and csv-stringify, synchronous). The columns
 * and the value mappings are documented in docs/register-json-v1.md (CSV).
 *
 * Reading is two steps: `readCsv` turns the text into rows (an unreadable file
 * is one error naming its row), then `mapCsvRows` turns each row into an item
 * through a column → field mapping, which a preset proposes (Jira, Linear,
 * GitHub, a Readyroom export) and a person can override. Every problem of a
 * row is reported with its row number; nothing is guessed silently.
 */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { MAX_ITEM_POSITION } from "@/lib/validation/item";
import { CSV_FIELDS, MULTI_COLUMN_FIELDS, type CsvField, type CsvPresetId } from "./csv-fields";
import type { RegisterV1 } from "./register-json";
import type { ItemValues } from "./types";

// ───────────────────────────── export ─────────────────────────────

/** The columns of a Readyroom CSV export, in order. Lists are joined with "; ". */
export const REGISTER_CSV_COLUMNS: readonly { header: string; field: CsvField }[] = [
  { header: "Key", field: "key" },
  { header: "External id", field: "externalId" },
  { header: "Title", field: "title" },
  { header: "Kind", field: "kind" },
  { header: "Severity", field: "severity" },
  { header: "Status", field: "status" },
  { header: "Blocker", field: "blocker" },
  { header: "Phase", field: "phase" },
  { header: "Owner", field: "owner" },
  { header: "Effort", field: "effort" },
  { header: "Due date", field: "dueDate" },
  { header: "Labels", field: "labels" },
  { header: "Files", field: "files" },
  { header: "Audit refs", field: "auditRefs" },
  { header: "Description", field: "description" },
  { header: "Impact", field: "impact" },
  { header: "Repro steps", field: "reproSteps" },
  { header: "Root cause", field: "rootCause" },
  { header: "Recommended fix", field: "recommendedFix" },
  { header: "Fix PR", field: "fixPrUrl" },
  { header: "Acceptance criteria", field: "acceptanceCriteria" },
  { header: "Verification command", field: "verificationCommand" },
  { header: "Blocked by", field: "blockedBy" },
  { header: "Position", field: "position" },
  { header: "Closed at", field: "closedAt" },
];

export const LIST_SEPARATOR = "; ";

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is written
 * with a leading apostrophe, as OWASP advises; so is a cell that starts with
 * an apostrophe, so that reading a Readyroom export strips exactly one back.
 */
const FORMULA_START = /^['=+\-@\t\r]/;

export function guardCsvCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function unguard(value: string): string {
  return value.startsWith("'") ? value.slice(1) : value;
}

/** The register as CSV: a header row, then one row per item in number order. RFC 4180 (CRLF), with a UTF-8 BOM for spreadsheets. */
export function registerCsv(register: RegisterV1): string {
  const phaseNames = new Map(register.phases.map((p) => [p.ref, p.name]));
  const keyOf = (n: number) => `${register.project.keyPrefix}-${n}`;
  const blockers = new Map<number, number[]>();
  for (const d of register.dependencies) blockers.set(d.blocked, [...(blockers.get(d.blocked) ?? []), d.blocker]);
  const rows = [...register.items]
    .sort((a, b) => a.number - b.number)
    .map((item) => {
      const cell: Record<CsvField, string> = {
        key: item.key || keyOf(item.number),
        externalId: item.externalId ?? "",
        title: item.title,
        kind: item.kind,
        severity: item.severity,
        status: item.status,
        blocker: item.blocker ? "yes" : "no",
        phase: item.phase === null ? "" : (phaseNames.get(item.phase) ?? ""),
        owner: item.owner ?? "",
        effort: item.effort ?? "",
        dueDate: item.dueDate ?? "",
        labels: item.labels.join(LIST_SEPARATOR),
        files: item.files.join(LIST_SEPARATOR),
        auditRefs: item.auditRefs.join(LIST_SEPARATOR),
        description: item.description,
        impact: item.impact,
        reproSteps: item.reproSteps,
        rootCause: item.rootCause,
        recommendedFix: item.recommendedFix,
        fixPrUrl: item.fixPrUrl ?? "",
        acceptanceCriteria: item.acceptanceCriteria,
        verificationCommand: item.verificationCommand ?? "",
        blockedBy: (blockers.get(item.number) ?? []).sort((a, b) => a - b).map(keyOf).join(LIST_SEPARATOR),
        position: String(item.position),
        closedAt: item.closedAt ?? "",
      };
      return REGISTER_CSV_COLUMNS.map((c) => guardCsvCell(cell[c.field]));
    });
  return stringify([REGISTER_CSV_COLUMNS.map((c) => c.header), ...rows], { bom: true, record_delimiter: "\r\n", quoted_match: /[\r\n]/ });
}

// ───────────────────────────── reading ─────────────────────────────

export interface CsvTable {
  headers: string[];
  /** Data rows; `row` is the record's number in the file, the header being row 1. */
  rows: { row: number; cells: string[] }[];
}

export type CsvReadResult = { ok: true; table: CsvTable } | { ok: false; row: number; line: number; message: string };

const CSV_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted field is never closed",
  INVALID_OPENING_QUOTE: "a quote appears inside a field that is not quoted",
  CSV_INVALID_CLOSING_QUOTE: "a quoted field has text after its closing quote",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "a quoted field has text after its closing quote",
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: "the row has more cells than the header",
  CSV_MAX_RECORD_SIZE: "a field is too large",
};

/**
 * Reads CSV text (a UTF-8 BOM is dropped; CRLF or LF; quoted fields may hold
 * commas, quotes and line breaks). The first row is the header. Rows with
 * fewer cells than the header are padded; a row with more is an error. Blank
 * lines are skipped.
 */
export function readCsv(text: string): CsvReadResult {
  let records: { record: string[]; info: { records: number; lines: number } }[];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (error) {
    const e = error as { code?: string; records?: number; lines?: number; message?: string };
    const row = (e.records ?? 0) + 1;
    const reason = (e.code && CSV_ERRORS[e.code]) ?? "it cannot be read as CSV";
    return { ok: false, row, line: e.lines ?? row, message: `Row ${row} (line ${e.lines ?? row}): ${reason}.` };
  }
  if (records.length === 0 || records[0]!.record.every((c) => !c.trim())) return { ok: false, row: 1, line: 1, message: "Row 1: the file has no header row." };
  const headers = records[0]!.record.map((h, i) => h.trim() || `Column ${i + 1}`);
  const rows: CsvTable["rows"] = [];
  for (const { record, info } of records.slice(1)) {
    if (record.length > headers.length && record.slice(headers.length).some((c) => c.trim())) {
      return { ok: false, row: info.records, line: info.lines, message: `Row ${info.records} (line ${info.lines}): ${CSV_ERRORS.CSV_RECORD_INCONSISTENT_FIELDS_LENGTH} (${record.length} cells, ${headers.length} columns).` };
    }
    if (record.every((c) => !c.trim())) continue;
    rows.push({ row: info.records, cells: headers.map((_, i) => record[i] ?? "") });
  }
  return { ok: true, table: { headers, rows } };
}

export interface CsvColumn {
  /** The header; columns repeated under one header (Jira's "Labels", "Sprint") are one column. */
  name: string;
  indexes: number[];
  /** Up to five non-empty values, as they are in the file. */
  samples: string[];
}

export function csvColumns(table: CsvTable): CsvColumn[] {
  const byName = new Map<string, CsvColumn>();
  table.headers.forEach((name, index) => {
    const column = byName.get(name) ?? { name, indexes: [], samples: [] };
    column.indexes.push(index);
    byName.set(name, column);
  });
  for (const column of byName.values()) {
    for (const { cells } of table.rows) {
      if (column.samples.length >= 5) break;
      const value = column.indexes.map((i) => cells[i]!).find((v) => v.trim());
      if (value !== undefined) column.samples.push(value.length > 120 ? `${value.slice(0, 117)}…` : value);
    }
  }
  return [...byName.values()];
}

// ───────────────────────────── presets ─────────────────────────────

const norm = (header: string) => header.trim().toLowerCase().replace(/\s+/g, " ");

interface Preset {
  /** Columns by normalised header. A column named here but absent from the file is skipped. */
  columns: Record<string, CsvField | null>;
  /** When a column is absent, the one that takes its field instead. */
  fallbacks?: Record<string, string>;
  externalId: (value: string) => string;
  /** Lists in a cell. */
  split: (value: string) => string[];
}

const splitLoose = (value: string) => value.split(/[;,\n]/).map((v) => v.trim()).filter(Boolean);
const splitOwn = (value: string) => (value === "" ? [] : value.split(LIST_SEPARATOR).map((v) => v.trim()).filter(Boolean));
const prefixed = (prefix: string) => (value: string) => (value.startsWith(prefix) ? value : `${prefix}${value}`);

function githubId(value: string): string {
  const url = value.match(/github\.com\/([^/\s]+)\/([^/\s]+)\/(?:issues|pull)\/(\d+)/i);
  if (url) return `github:${url[1]}/${url[2]}#${url[3]}`;
  const number = value.match(/^#?(\d+)$/);
  if (number) return `github:#${number[1]}`;
  return prefixed("github:")(value);
}

const PRESETS: Record<CsvPresetId, Preset> = {
  readyroom: {
    columns: Object.fromEntries(REGISTER_CSV_COLUMNS.map((c) => [norm(c.header), c.field])),
    externalId: (value) => value,
    split: splitOwn,
  },
  jira: {
    columns: {
      "issue key": "externalId",
      "issue id": null,
      summary: "title",
      "issue type": "kind",
      status: "status",
      priority: "severity",
      assignee: "owner",
      labels: "labels",
      "component/s": "labels",
      description: "description",
      sprint: "phase",
      "due date": "dueDate",
      resolved: "closedAt",
      "story points": "effort",
      "custom field (story points)": "effort",
      created: null,
      updated: null,
      reporter: null,
      resolution: null,
    },
    fallbacks: { "issue key": "issue id" },
    externalId: prefixed("jira:"),
    split: splitLoose,
  },
  linear: {
    columns: {
      id: "externalId",
      title: "title",
      description: "description",
      status: "status",
      priority: "severity",
      assignee: "owner",
      labels: "labels",
      project: "labels",
      estimate: "effort",
      "cycle name": "phase",
      "due date": "dueDate",
      completed: "closedAt",
      team: null,
      creator: null,
      created: null,
      updated: null,
    },
    fallbacks: { "cycle name": "cycle" },
    externalId: prefixed("linear:"),
    split: splitLoose,
  },
  github: {
    columns: {
      url: "externalId",
      title: "title",
      status: "status",
      labels: "labels",
      assignees: "owner",
      milestone: "phase",
      body: "description",
      priority: "severity",
      estimate: "effort",
      "closed at": "closedAt",
      number: null,
      state: null,
      iteration: null,
      repository: null,
      "created at": null,
    },
    // An issues export has Number and State; a project export has URL and Status.
    fallbacks: { url: "number", status: "state", milestone: "iteration", estimate: "size", "closed at": "closedat" },
    externalId: githubId,
    split: splitLoose,
  },
  custom: {
    columns: {
      id: "externalId",
      "external id": "externalId",
      key: "key",
      title: "title",
      description: "description",
      body: "description",
      kind: "kind",
      type: "kind",
      severity: "severity",
      status: "status",
      owner: "owner",
      phase: "phase",
      labels: "labels",
      "due date": "dueDate",
      effort: "effort",
    },
    fallbacks: { title: "name", description: "notes", severity: "priority", status: "state", owner: "assignee", phase: "milestone", labels: "tags", "due date": "due" },
    externalId: prefixed("csv:"),
    split: splitLoose,
  },
};

/** Which tracker a file comes from, by its header. */
export function detectPreset(headers: string[]): CsvPresetId {
  const has = new Set(headers.map(norm));
  const any = (...names: string[]) => names.some((n) => has.has(n));
  if (has.has("key") && has.has("title") && has.has("kind") && has.has("severity")) return "readyroom";
  if (has.has("summary") && any("issue key", "issue id", "issue type")) return "jira";
  if (has.has("id") && has.has("title") && any("team", "cycle name", "cycle number", "estimate", "project", "priority")) return "linear";
  if (has.has("title") && any("url", "number", "state", "assignees", "milestone", "body", "repository")) return "github";
  return "custom";
}

export type CsvMapping = Record<string, CsvField | null>;

/** The preset's mapping of the file's columns; columns it does not know map to nothing. */
export function proposeMapping(preset: CsvPresetId, columns: string[]): CsvMapping {
  const { columns: known, fallbacks = {} } = PRESETS[preset];
  const present = new Map(columns.map((c) => [norm(c), c]));
  const mapping: CsvMapping = Object.fromEntries(columns.map((c) => [c, null]));
  const taken = new Set<CsvField>();
  const assign = (column: string, field: CsvField | null) => {
    if (!field || (taken.has(field) && !MULTI_COLUMN_FIELDS.includes(field))) return;
    mapping[column] = field;
    taken.add(field);
  };
  for (const [header, field] of Object.entries(known)) {
    const column = present.get(header);
    if (column !== undefined) assign(column, field);
    else if (fallbacks[header] && present.has(fallbacks[header])) assign(present.get(fallbacks[header])!, field);
  }
  return mapping;
}

/** What is wrong with a mapping for these columns: unknown columns, a single field fed by two columns, no title. */
export function mappingProblems(mapping: CsvMapping, columns: string[]): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const known = new Set(columns);
  const by = new Map<CsvField, string[]>();
  for (const [column, field] of Object.entries(mapping)) {
    if (!known.has(column)) problems.push({ path: `mapping.${column}`, message: `the file has no column “${column}”` });
    if (field) by.set(field, [...(by.get(field) ?? []), column]);
  }
  for (const [field, from] of by) {
    if (from.length > 1 && !MULTI_COLUMN_FIELDS.includes(field)) problems.push({ path: `mapping.${from[1]}`, message: `${field} is mapped from two columns (${from.join(", ")}); choose one` });
  }
  if (!by.has("title")) problems.push({ path: "mapping", message: "map a column to title" });
  return problems;
}

// ───────────────────────────── values ─────────────────────────────

const word = (value: string) => value.trim().toLowerCase().replace(/[’'`]/g, "").replace(/[_-]+/g, " ").replace(/\s+/g, " ");

function lookup<T extends string>(table: Record<T, string[]>): Map<string, T> {
  return new Map(Object.entries(table).flatMap(([to, words]) => (words as string[]).map((w) => [w, to as T])));
}

/** Status words of Jira, Linear, GitHub and plans, to ours. */
const STATUS_WORDS = lookup<ItemValues["status"]>({
  open: ["open", "to do", "todo", "backlog", "new", "triage", "selected for development", "pending", "not started", "planned", "reopened", "ready", "unstarted"],
  in_progress: ["in progress", "in development", "doing", "started", "active", "wip", "ongoing"],
  in_review: ["in review", "review", "code review", "in qa", "qa", "testing", "ready for review", "under review"],
  blocked: ["blocked", "on hold", "impeded", "waiting"],
  done: ["done", "closed", "resolved", "completed", "complete", "fixed", "shipped", "released", "merged", "finished"],
  deferred: ["deferred", "postponed", "later", "icebox", "parked"],
  wont_fix: ["wont fix", "wont do", "cancelled", "canceled", "duplicate", "rejected", "invalid", "not planned", "declined", "obsolete"],
});

/** Jira (Highest…Lowest, Blocker…Trivial), Linear (Urgent…Low, No priority), P0–P4 and ours, to severity. */
const SEVERITY_WORDS = lookup<ItemValues["severity"]>({
  critical: ["critical", "highest", "blocker", "urgent", "p0", "sev1", "sev 1", "s1"],
  high: ["high", "major", "p1", "sev2", "sev 2", "s2"],
  medium: ["medium", "normal", "moderate", "p2", "sev3", "sev 3", "s3", "no priority", "none"],
  low: ["low", "lowest", "minor", "trivial", "p3", "p4", "sev4", "sev 4", "s4"],
});

const KIND_WORDS = lookup<ItemValues["kind"]>({
  finding: ["finding", "bug", "defect", "incident", "vulnerability", "security", "problem"],
  task: ["task", "sub task", "subtask", "story", "user story", "chore", "improvement", "feature", "issue", "spike", "draft issue", "pull request"],
  deliverable: ["deliverable", "epic", "milestone", "initiative"],
  risk: ["risk"],
});

const BOOLEAN_WORDS = lookup<"true" | "false">({ true: ["true", "yes", "y", "1", "x", "blocker"], false: ["false", "no", "n", "0"] });

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** An instant from ISO 8601, "2024-01-12 15:45", or Jira's "12/Jan/24 3:45 PM" (read as UTC); null when unreadable. */
export function parseInstant(value: string): Date | null {
  const v = value.trim();
  const iso = v.match(/^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/);
  if (iso) {
    const [y, m, d] = iso[1]!.split("-").map(Number) as [number, number, number];
    const day = new Date(Date.UTC(y, m - 1, d));
    // Date rolls "2024-02-30" over to March: a day that does not exist is refused.
    if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) return null;
    const offset = iso[3] ? iso[3].replace(/^([+-]\d{2})(\d{2})$/, "$1:$2") : "Z";
    const date = new Date(`${iso[1]}T${iso[2] ?? "00:00:00"}${offset}`);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  const jira = v.match(/^(\d{1,2})\/([A-Za-z]{3})\/(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/);
  if (jira) {
    const month = MONTHS.indexOf(jira[2]!.toLowerCase());
    if (month < 0) return null;
    const year = jira[3]!.length === 2 ? 2000 + Number(jira[3]) : Number(jira[3]);
    let hour = Number(jira[4] ?? 0);
    if (jira[7]) hour = (hour % 12) + (/p/i.test(jira[7]) ? 12 : 0);
    const date = new Date(Date.UTC(year, month, Number(jira[1]), hour, Number(jira[5] ?? 0), Number(jira[6] ?? 0)));
    return date.getUTCDate() === Number(jira[1]) && date.getUTCMonth() === month ? date : null;
  }
  return null;
}

export interface MappedRow {
  row: number;
  number: number | null;
  externalId: string | null;
  values: Partial<ItemValues>;
  /** A phase name, null for none; absent when no column maps to phase. */
  phase?: string | null;
  owner?: string | null;
  /** File numbers of the rows that block this one. */
  blockedBy?: number[];
  errors: string[];
  warnings: string[];
}

const TEXT_FIELDS = ["description", "impact", "reproSteps", "rootCause", "recommendedFix", "acceptanceCriteria"] as const;
const MAX_TEXT = 1_000_000;
/** As in the register file (register-json.ts). */
const MAX_EXTERNAL_ID = 500;

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 80) || "untitled";
}

const KEY = /^(?:[A-Za-z][A-Za-z0-9]{0,9}-)?(\d{1,9})$/;

/**
 * Each data row as an item under `mapping`. Errors make a row unimportable
 * (an empty title, an unreadable date or URL, a duplicate id); warnings say
 * what was assumed (an unknown status read as open).
 */
export function mapCsvRows(table: CsvTable, preset: CsvPresetId, mapping: CsvMapping): MappedRow[] {
  const p = PRESETS[preset];
  const own = preset === "readyroom";
  const columns = csvColumns(table);
  const byField = new Map<CsvField, CsvColumn[]>();
  for (const column of columns) {
    const field = mapping[column.name];
    if (field && (CSV_FIELDS as readonly string[]).includes(field)) byField.set(field, [...(byField.get(field) ?? []), column]);
  }
  const clean = (value: string) => (own ? unguard(value) : value);
  /** The cells a field reads in a row, non-empty ones last-wins for single fields. */
  const cellsOf = (cells: string[], field: CsvField) => (byField.get(field) ?? []).flatMap((c) => c.indexes.map((i) => clean(cells[i]!)));
  const single = (cells: string[], field: CsvField): string | undefined => {
    if (!byField.has(field)) return undefined;
    const values = cellsOf(cells, field);
    return values.filter((v) => v.trim() !== "").at(-1) ?? values.at(-1) ?? "";
  };
  const many = (cells: string[], field: CsvField): string[] | undefined => {
    if (!byField.has(field)) return undefined;
    return [...new Set(cellsOf(cells, field).flatMap((v) => p.split(v)))];
  };
  const derive = !byField.has("externalId") && !byField.has("key");

  const rows: MappedRow[] = table.rows.map(({ row, cells }) => {
    const out: MappedRow = { row, number: null, externalId: null, values: {}, errors: [], warnings: [] };
    const v = out.values;

    const key = single(cells, "key");
    if (key !== undefined && key.trim()) {
      const match = key.trim().match(KEY);
      if (match) out.number = Number(match[1]);
      else out.errors.push(`Key “${key}” is not an item key such as OCC-12`);
    }
    const external = single(cells, "externalId");
    if (external !== undefined && external.trim()) {
      // Unique per project in an index, whose entries PostgreSQL caps at about 2.7 kB: the register file's limit.
      const id = p.externalId(external.trim());
      if (id.length > MAX_EXTERNAL_ID) out.errors.push(`the external id is ${id.length} characters long; at most ${MAX_EXTERNAL_ID}`);
      else out.externalId = id;
    }

    const title = single(cells, "title");
    if (title === undefined || !title.trim()) out.errors.push("the title is empty");
    else if (title.trim().length > 300) out.errors.push(`the title is ${title.trim().length} characters long; at most 300`);
    else v.title = title.trim();
    if (derive && v.title) out.externalId = `${preset === "readyroom" ? "csv:" : p.externalId("")}title:${slug(v.title)}`;

    for (const field of TEXT_FIELDS) {
      const value = single(cells, field);
      if (value === undefined) continue;
      if (value.length > MAX_TEXT) out.errors.push(`${field} is longer than ${MAX_TEXT} characters`);
      else v[field] = value;
    }

    const enumField = <T extends string>(field: "kind" | "severity" | "status", words: Map<string, T>, fallback: T) => {
      const value = single(cells, field);
      if (value === undefined || !value.trim()) return undefined;
      const found = words.get(word(value));
      if (found) return found;
      out.warnings.push(`${field} “${value.trim()}” is not known; read as ${fallback.replace("_", " ")}`);
      return fallback;
    };
    const kind = enumField("kind", KIND_WORDS, "task");
    if (kind) v.kind = kind;
    const severity = enumField("severity", SEVERITY_WORDS, "medium");
    if (severity) v.severity = severity;
    const status = enumField("status", STATUS_WORDS, "open");
    if (status) v.status = status;

    const blocker = single(cells, "blocker");
    if (blocker !== undefined) {
      const b = blocker.trim() ? BOOLEAN_WORDS.get(word(blocker)) : "false";
      if (b) v.blocker = b === "true";
      else out.errors.push(`Blocker “${blocker}” is neither yes nor no`);
    }

    const phase = single(cells, "phase");
    if (phase !== undefined) {
      const name = phase.trim();
      if (name.length > 200) out.errors.push("the phase name is longer than 200 characters");
      else out.phase = name || null;
    }
    const owner = single(cells, "owner");
    if (owner !== undefined) {
      const names = own ? [owner.trim()].filter(Boolean) : p.split(owner);
      if (names.length > 1) out.warnings.push(`${names.length} assignees; the owner is ${names[0]}`);
      if ((names[0] ?? "").length > 120) out.errors.push("the owner's name is longer than 120 characters");
      else out.owner = names[0] ?? null;
    }

    const effort = single(cells, "effort");
    if (effort !== undefined) {
      if (effort.trim().length > 500) out.errors.push("effort is longer than 500 characters");
      else v.effort = effort.trim() || null;
    }
    const verification = single(cells, "verificationCommand");
    if (verification !== undefined) v.verificationCommand = verification === "" ? null : verification;

    const due = single(cells, "dueDate");
    if (due !== undefined) {
      if (!due.trim()) v.dueDate = null;
      else {
        const date = parseInstant(due);
        if (date) v.dueDate = date.toISOString().slice(0, 10);
        else out.errors.push(`due date “${due}” is not a date (use YYYY-MM-DD)`);
      }
    }
    const closed = single(cells, "closedAt");
    if (closed !== undefined) {
      if (!closed.trim()) v.closedAt = null;
      else {
        const date = parseInstant(closed);
        if (date) v.closedAt = date.toISOString();
        else out.errors.push(`closed at “${closed}” is not a date and time (use ISO 8601)`);
      }
    }
    const url = single(cells, "fixPrUrl");
    if (url !== undefined) {
      if (!url.trim()) v.fixPrUrl = null;
      else if (/^https?:\/\/[^\s]+$/i.test(url.trim()) && URL.canParse(url.trim()) && url.trim().length <= 2000) v.fixPrUrl = url.trim();
      else out.errors.push(`fix PR “${url}” is not an http(s) URL`);
    }
    const position = single(cells, "position");
    if (position !== undefined && position.trim()) {
      const n = Number(position.trim());
      if (!Number.isFinite(n)) out.errors.push(`position “${position}” is not a number`);
      else if (Math.abs(n) > MAX_ITEM_POSITION) out.errors.push(`position ${position.trim()} is out of range (at most ${MAX_ITEM_POSITION} either side of 0)`);
      else v.position = n;
    }

    for (const [field, max, each] of [["labels", 100, 200], ["files", 1000, 2000], ["auditRefs", 1000, 2000]] as const) {
      const values = many(cells, field);
      if (values === undefined) continue;
      if (values.length > max) out.errors.push(`${values.length} ${field}; at most ${max}`);
      else if (values.some((x) => x.length > each)) out.errors.push(`a value of ${field} is longer than ${each} characters`);
      else v[field] = values;
    }

    const blockedBy = many(cells, "blockedBy");
    if (blockedBy !== undefined) {
      const numbers: number[] = [];
      for (const k of blockedBy) {
        const match = k.match(KEY);
        if (match) numbers.push(Number(match[1]));
        else out.errors.push(`blocked by “${k}”, which is not an item key`);
      }
      out.blockedBy = [...new Set(numbers)];
    }
    return out;
  });

  // Ids and numbers are unique in a file; blockers are rows of the same file.
  const byExternal = new Map<string, number>();
  const byNumber = new Map<number, number>();
  for (const r of rows) {
    if (r.externalId !== null) {
      const first = byExternal.get(r.externalId);
      if (first !== undefined) r.errors.push(`the same external id (${r.externalId}) as row ${first}`);
      else byExternal.set(r.externalId, r.row);
    }
    if (r.number !== null) {
      const first = byNumber.get(r.number);
      if (first !== undefined) r.errors.push(`the same key number (${r.number}) as row ${first}`);
      else byNumber.set(r.number, r.row);
    }
  }
  for (const r of rows) {
    for (const n of r.blockedBy ?? []) {
      if (!byNumber.has(n)) r.errors.push(`blocked by item ${n}, which is not in this file`);
      else if (n === r.number) r.errors.push("an item cannot block itself");
    }
  }
  return rows;
}
