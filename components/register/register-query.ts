import { ITEM_KINDS, ITEM_STATUSES, SEVERITIES, SORTABLE } from "@/lib/validation/item";

/**
 * The register's state lives in the URL (`?severity=critical,high&sort=-updatedAt&cols=key,title`),
 * so a view is shareable by link and savable as a saved view. These helpers are
 * pure: URL query ⇄ state, the API query for a state, and the column definitions.
 */

export type Severity = (typeof SEVERITIES)[number];
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export type ItemKind = (typeof ITEM_KINDS)[number];
export type SortField = (typeof SORTABLE)[number];

export interface ColumnDef {
  id: string;
  label: string;
  /** The API sort field, or null when the API cannot sort by this column. */
  sort: SortField | null;
  /** Width in pixels (the title column takes what is left, at least this). */
  width: number;
  /** Always shown; the column chooser cannot hide it. */
  required?: boolean;
}

export const COLUMNS = [
  { id: "key", label: "Key", sort: "key", width: 104, required: true },
  { id: "title", label: "Title", sort: "title", width: 320, required: true },
  { id: "severity", label: "Severity", sort: "severity", width: 108 },
  { id: "status", label: "Status", sort: "status", width: 128 },
  { id: "kind", label: "Kind", sort: "kind", width: 116 },
  { id: "phase", label: "Phase", sort: "phase", width: 160 },
  { id: "owner", label: "Owner", sort: "owner", width: 160 },
  { id: "effort", label: "Effort", sort: null, width: 100 },
  { id: "dueDate", label: "Due date", sort: "dueDate", width: 120 },
  { id: "labels", label: "Labels", sort: null, width: 200 },
  { id: "blocker", label: "Blocker", sort: null, width: 92 },
  { id: "updatedAt", label: "Updated", sort: "updatedAt", width: 124 },
] as const satisfies readonly ColumnDef[];

export type ColumnId = (typeof COLUMNS)[number]["id"];

const COLUMN_IDS: readonly ColumnId[] = COLUMNS.map((c) => c.id);
const REQUIRED_COLUMNS: readonly ColumnId[] = COLUMNS.filter((c) => "required" in c && c.required).map((c) => c.id);

export const DEFAULT_COLUMNS: readonly ColumnId[] = ["key", "title", "severity", "status", "phase", "owner", "dueDate", "labels", "blocker", "updatedAt"];

export function columnDef(id: ColumnId): (typeof COLUMNS)[number] {
  return COLUMNS.find((c) => c.id === id) as (typeof COLUMNS)[number];
}

export function isRequiredColumn(id: ColumnId): boolean {
  return REQUIRED_COLUMNS.includes(id);
}

export interface RegisterSort {
  field: SortField;
  desc: boolean;
}

export interface RegisterFilters {
  q: string;
  severity: Severity[];
  status: ItemStatus[];
  kind: ItemKind[];
  /** Phase ids, or "none" for items without a phase. */
  phase: string[];
  /** Owner ids, or "none" for unassigned items. */
  owner: string[];
  label: string[];
  /** true: blockers only; false: non-blockers only; null: both. */
  blocker: boolean | null;
}

export interface RegisterState extends RegisterFilters {
  sort: RegisterSort;
  cols: ColumnId[];
}

/** The API's own default sort, so a URL without `sort` means the same thing to both. */
export const DEFAULT_SORT: RegisterSort = { field: "key", desc: false };

export const UNASSIGNED = "none";

export const EMPTY_FILTERS: RegisterFilters = { q: "", severity: [], status: [], kind: [], phase: [], owner: [], label: [], blocker: null };

export const DEFAULT_STATE: RegisterState = { ...EMPTY_FILTERS, sort: DEFAULT_SORT, cols: [...DEFAULT_COLUMNS] };

/** The API accepts at most this many values per list filter. */
const MAX_LIST = 50;
const MAX_Q = 200;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

type Params = Pick<URLSearchParams, "get">;

function toParams(input: string | Params): Params {
  if (typeof input === "string") return new URLSearchParams(input.startsWith("?") ? input.slice(1) : input);
  return input;
}

function splitList(raw: string | null): string[] {
  if (!raw) return [];
  const seen = new Set<string>();
  for (const part of raw.split(",")) {
    const value = part.trim();
    if (value) seen.add(value);
  }
  return [...seen];
}

function enumList<T extends string>(raw: string | null, allowed: readonly T[]): T[] {
  return splitList(raw)
    .filter((v): v is T => (allowed as readonly string[]).includes(v))
    .slice(0, MAX_LIST);
}

export function parseSort(raw: string | null): RegisterSort {
  if (!raw) return DEFAULT_SORT;
  const desc = raw.startsWith("-");
  const field = desc ? raw.slice(1) : raw;
  if (!(SORTABLE as readonly string[]).includes(field)) return DEFAULT_SORT;
  return { field: field as SortField, desc };
}

export function formatSort(sort: RegisterSort): string {
  return `${sort.desc ? "-" : ""}${sort.field}`;
}

/** Columns in their canonical order, required ones always included. */
export function normalizeColumns(cols: readonly string[]): ColumnId[] {
  const wanted = new Set(cols);
  const picked = COLUMN_IDS.filter((id) => wanted.has(id));
  if (picked.length === 0) return [...DEFAULT_COLUMNS];
  return COLUMN_IDS.filter((id) => wanted.has(id) || REQUIRED_COLUMNS.includes(id));
}

/** Reads the register's state from a URL query; anything unknown or malformed is dropped, never an error. */
export function parseRegisterQuery(input: string | Params): RegisterState {
  const params = toParams(input);
  const blocker = params.get("blocker");
  const cols = params.get("cols");
  return {
    q: (params.get("q") ?? "").trim().slice(0, MAX_Q),
    severity: enumList(params.get("severity"), SEVERITIES),
    status: enumList(params.get("status"), ITEM_STATUSES),
    kind: enumList(params.get("kind"), ITEM_KINDS),
    phase: splitList(params.get("phase")).filter((v) => ID.test(v)).slice(0, MAX_LIST),
    owner: splitList(params.get("owner")).filter((v) => ID.test(v)).slice(0, MAX_LIST),
    label: splitList(params.get("label")).filter((v) => v.length <= 60).slice(0, MAX_LIST),
    blocker: blocker === "true" ? true : blocker === "false" ? false : null,
    sort: parseSort(params.get("sort")),
    cols: cols === null ? [...DEFAULT_COLUMNS] : normalizeColumns(splitList(cols)),
  };
}

/** Like encodeURIComponent, but keeps commas readable: the lists are comma-separated anyway. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/%2C/gi, ",");
}

function build(pairs: [string, string][]): string {
  return pairs.map(([k, v]) => `${k}=${encode(v)}`).join("&");
}

function filterPairs(state: RegisterFilters): [string, string][] {
  const pairs: [string, string][] = [];
  const q = state.q.trim();
  if (q) pairs.push(["q", q]);
  for (const key of ["severity", "status", "kind", "phase", "owner", "label"] as const) {
    if (state[key].length) pairs.push([key, state[key].join(",")]);
  }
  if (state.blocker !== null) pairs.push(["blocker", String(state.blocker)]);
  return pairs;
}

function sameColumns(a: readonly ColumnId[], b: readonly ColumnId[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

/** The URL query for a state (without "?"); defaults are left out, so the plain register is a bare URL. */
export function serializeRegisterQuery(state: RegisterState): string {
  const pairs = filterPairs(state);
  if (state.sort.field !== DEFAULT_SORT.field || state.sort.desc !== DEFAULT_SORT.desc) pairs.push(["sort", formatSort(state.sort)]);
  const cols = normalizeColumns(state.cols);
  if (!sameColumns(cols, DEFAULT_COLUMNS)) pairs.push(["cols", cols.join(",")]);
  return build(pairs);
}

/** Two saved or shared queries that describe the same view. */
export function sameView(a: string, b: string): boolean {
  return serializeRegisterQuery(parseRegisterQuery(a)) === serializeRegisterQuery(parseRegisterQuery(b));
}

export const PAGE_SIZE = 100;

/** The `GET /items` query for a state, without the cursor (it is also the query key). */
export function toApiQuery(state: RegisterState, limit = PAGE_SIZE): string {
  return build([...filterPairs(state), ["sort", formatSort(state.sort)], ["limit", String(limit)]]);
}

export function withCursor(apiQuery: string, cursor: string | null | undefined): string {
  return cursor ? `${apiQuery}&cursor=${encodeURIComponent(cursor)}` : apiQuery;
}

/** Clicking a header: sort ascending by it, or flip the direction when it is already the sort. */
export function toggleSort(sort: RegisterSort, field: SortField): RegisterSort {
  return sort.field === field ? { field, desc: !sort.desc } : { field, desc: false };
}

export function ariaSort(sort: RegisterSort, field: SortField | null): "ascending" | "descending" | "none" {
  if (!field || sort.field !== field) return "none";
  return sort.desc ? "descending" : "ascending";
}

export function toggleColumn(cols: readonly ColumnId[], id: ColumnId): ColumnId[] {
  if (REQUIRED_COLUMNS.includes(id)) return normalizeColumns(cols);
  return normalizeColumns(cols.includes(id) ? cols.filter((c) => c !== id) : [...cols, id]);
}

export function activeFilterCount(state: RegisterFilters): number {
  return filterPairs(state).length;
}

export function hasFilters(state: RegisterFilters): boolean {
  return activeFilterCount(state) > 0;
}

export function clearFilters(state: RegisterState): RegisterState {
  return { ...state, ...EMPTY_FILTERS };
}

/** Adds or removes one value of a list filter. */
export function toggleValue<T extends string>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** "a, b ,,c" → ["a", "b", "c"] without duplicates: how label lists are typed. */
export function parseLabelList(raw: string): string[] {
  return splitList(raw).filter((v) => v.length <= 60);
}

/** One item the bulk endpoint refused; the whole edit is then refused and nothing changed. */
export interface Refusal {
  key: string;
  code: string;
  reason: string;
}

/** Reads `details.refused` of a refused bulk edit (409); anything malformed is skipped. */
export function parseRefusals(details: unknown): Refusal[] {
  const refused = details && typeof details === "object" ? (details as { refused?: unknown }).refused : undefined;
  if (!Array.isArray(refused)) return [];
  return refused.flatMap((entry: unknown) => {
    if (!entry || typeof entry !== "object") return [];
    const { key, code, reason } = entry as { key?: unknown; code?: unknown; reason?: unknown };
    if (typeof key !== "string") return [];
    return [{ key, code: typeof code === "string" ? code : "refused", reason: typeof reason === "string" && reason ? reason : "This item cannot take this change." }];
  });
}
