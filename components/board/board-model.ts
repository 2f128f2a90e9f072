/**
 * The board's pure logic: which columns and lanes exist, which card goes
 * where, where a dropped card lands (its new `position`) and what to PATCH.
 * No React, no I/O, so it is tested on its own (board-model.test.ts).
 */
import { ApiError } from "@/lib/client/api";
import { CLOSED_STATUSES, ITEM_STATUSES, SEVERITIES, type ItemDto } from "@/lib/validation/item";

export type ItemStatus = ItemDto["status"];
export type Severity = ItemDto["severity"];

/** A field the board can group columns or swimlanes by. */
export type GroupField = "status" | "phase" | "owner" | "severity";

export const GROUP_FIELDS: readonly GroupField[] = ["status", "phase", "owner", "severity"];
export const GROUP_LABELS: Record<GroupField, string> = { status: "Status", phase: "Phase", owner: "Owner", severity: "Severity" };
export const DEFAULT_GROUP: GroupField = "status";

export const STATUS_LABELS: Record<ItemStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  blocked: "Blocked",
  in_review: "In review",
  done: "Done",
  deferred: "Deferred",
  wont_fix: "Won't fix",
};
export const SEVERITY_LABELS: Record<Severity, string> = { critical: "Critical", high: "High", medium: "Medium", low: "Low" };

/** The register's filters; the board passes them through to the items API unchanged. */
export const FILTER_PARAMS = ["q", "severity", "status", "kind", "phase", "owner", "label", "blocker"] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];
const FILTER_LABELS: Record<FilterParam, string> = {
  q: "search",
  severity: "severity",
  status: "status",
  kind: "kind",
  phase: "phase",
  owner: "owner",
  label: "label",
  blocker: "blocker",
};

// ---------------------------------------------------------------------------
// URL query: group, lanes and filters

export interface BoardSettings {
  group: GroupField;
  lanes: GroupField | null;
  /** Only the filter parameters, as a query string (no leading "?"). */
  filters: string;
}

function asGroupField(value: string | null): GroupField | null {
  return GROUP_FIELDS.find((field) => field === value) ?? null;
}

export function readBoardSettings(params: URLSearchParams): BoardSettings {
  const group = asGroupField(params.get("group")) ?? DEFAULT_GROUP;
  const lanes = asGroupField(params.get("lanes"));
  const filters = new URLSearchParams();
  for (const name of FILTER_PARAMS) {
    const value = params.get(name);
    if (value !== null && value.trim() !== "") filters.set(name, value);
  }
  return { group, lanes: lanes === group ? null : lanes, filters: filters.toString() };
}

/** The query string after choosing a grouping or swimlanes; swimlanes never repeat the grouping. */
export function withBoardSettings(params: URLSearchParams, change: { group?: GroupField; lanes?: GroupField | null }): string {
  const next = new URLSearchParams(params);
  if (change.group) next.set("group", change.group);
  if (change.lanes !== undefined) {
    if (change.lanes) next.set("lanes", change.lanes);
    else next.delete("lanes");
  }
  if (next.get("lanes") === (next.get("group") ?? DEFAULT_GROUP)) next.delete("lanes");
  return next.toString();
}

export function withoutFilters(params: URLSearchParams): string {
  const next = new URLSearchParams(params);
  for (const name of FILTER_PARAMS) next.delete(name);
  return next.toString();
}

/** Human names of the filters in effect, e.g. ["severity", "owner"]. */
export function activeFilterNames(filters: string): string[] {
  const params = new URLSearchParams(filters);
  return FILTER_PARAMS.filter((name) => params.has(name)).map((name) => FILTER_LABELS[name]);
}

/** One page of the board's items: the filters, in board order, as many as the API allows. */
export function itemsPageQuery(filters: string, cursor: string | null): string {
  const params = new URLSearchParams(filters);
  params.set("sort", "position");
  params.set("limit", "500");
  if (cursor) params.set("cursor", cursor);
  return params.toString();
}

// ---------------------------------------------------------------------------
// Columns and lanes

/** One column or lane: a value of the grouping field (null: "No phase", "Unassigned"). */
export interface Bucket {
  key: string;
  value: string | null;
  label: string;
  /** For owner buckets: the owner's kind, kept for the optimistic update. */
  ownerKind?: string;
}

export interface OwnerOption {
  id: string;
  name: string;
  kind: string;
}

export interface PhaseOption {
  id: string;
  name: string;
  position: number;
}

const NONE_KEY = "none";
/** How the items API filters "no phase" / "unassigned". */
const NONE_FILTER = "none";

function bucketKey(value: string | null): string {
  return value === null ? NONE_KEY : `v:${value}`;
}

/** The value of `field` on an item, as stored in its bucket. */
export function fieldValue(item: ItemDto, field: GroupField): string | null {
  switch (field) {
    case "status":
      return item.status;
    case "severity":
      return item.severity;
    case "phase":
      return item.phase?.id ?? null;
    case "owner":
      return item.owner?.id ?? null;
  }
}

/**
 * The buckets of a field, in board order: statuses and severities in their
 * fixed order, phases by position after "No phase", owners by name after
 * "Unassigned"; only the filtered ones when the URL filters that field. Phases
 * or owners that items mention but the lists do not (yet) are kept, so no
 * card is ever dropped from the board.
 */
export function bucketsFor(
  field: GroupField,
  source: { items: ItemDto[]; phases?: PhaseOption[]; owners?: OwnerOption[]; filters?: string },
): Bucket[] {
  const present = new Set(source.items.map((item) => fieldValue(item, field)));
  // The filter param of a field has the same name; phase and owner filters hold ids, or "none".
  const filtered = (new URLSearchParams(source.filters ?? "").get(field) ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const wanted = (value: string | null) => filtered.length === 0 || filtered.includes(value ?? NONE_FILTER) || present.has(value);
  if (field === "status" || field === "severity") {
    const all: readonly string[] = field === "status" ? ITEM_STATUSES : SEVERITIES;
    const labels: Record<string, string> = field === "status" ? STATUS_LABELS : SEVERITY_LABELS;
    return all.filter(wanted).map((value) => ({ key: bucketKey(value), value, label: labels[value] ?? value }));
  }
  const known = new Map<string, Bucket>();
  if (field === "phase") {
    for (const phase of [...(source.phases ?? [])].sort((a, b) => a.position - b.position)) {
      known.set(phase.id, { key: bucketKey(phase.id), value: phase.id, label: phase.name });
    }
  } else {
    for (const owner of [...(source.owners ?? [])].sort((a, b) => a.name.localeCompare(b.name))) {
      known.set(owner.id, { key: bucketKey(owner.id), value: owner.id, label: owner.name, ownerKind: owner.kind });
    }
  }
  for (const item of source.items) {
    const ref = field === "phase" ? item.phase : item.owner;
    if (ref && !known.has(ref.id)) {
      known.set(ref.id, { key: bucketKey(ref.id), value: ref.id, label: ref.name, ownerKind: item.owner?.kind });
    }
  }
  const none: Bucket = { key: NONE_KEY, value: null, label: field === "phase" ? "No phase" : "Unassigned" };
  return [none, ...known.values()].filter((bucket) => wanted(bucket.value));
}

// ---------------------------------------------------------------------------
// The board: cells (one per column, or per column and lane) holding item ids

export interface BoardCell {
  id: string;
  column: Bucket;
  lane: Bucket | null;
}

export interface BoardLane {
  lane: Bucket | null;
  /** Cell ids, one per column, in column order. */
  cellIds: string[];
}

export interface BoardLayout {
  columns: Bucket[];
  lanes: BoardLane[];
  cells: Record<string, BoardCell>;
  /** Item ids per cell id, in board order. */
  containers: Record<string, string[]>;
}

export type Containers = Record<string, string[]>;

const CELL_PREFIX = "cell:";

export function cellId(lane: Bucket | null, column: Bucket): string {
  return `${CELL_PREFIX}${lane ? lane.key : "*"}|${column.key}`;
}

export function isCellId(id: string): boolean {
  return id.startsWith(CELL_PREFIX);
}

export function compareItems(a: ItemDto, b: ItemDto): number {
  return a.position - b.position || a.number - b.number;
}

/**
 * Puts every item into its cell, ordered by position. With swimlanes, lanes
 * that hold no item are left out; columns are always all shown.
 */
export function buildBoard(items: ItemDto[], group: GroupField, lanes: GroupField | null, buckets: { columns: Bucket[]; lanes: Bucket[] | null }): BoardLayout {
  const laneList: (Bucket | null)[] = lanes && buckets.lanes ? buckets.lanes : [null];
  const cells: Record<string, BoardCell> = {};
  const containers: Containers = {};
  const lookup = new Map<string, string>();
  for (const lane of laneList) {
    for (const column of buckets.columns) {
      const id = cellId(lane, column);
      cells[id] = { id, column, lane };
      containers[id] = [];
      lookup.set(`${lane?.key ?? "*"}|${column.key}`, id);
    }
  }
  for (const item of [...items].sort(compareItems)) {
    const laneKey = lanes ? bucketKey(fieldValue(item, lanes)) : "*";
    const id = lookup.get(`${laneKey}|${bucketKey(fieldValue(item, group))}`);
    if (id) containers[id]!.push(item.id);
  }
  const boardLanes = laneList
    .map((lane) => ({ lane, cellIds: buckets.columns.map((column) => cellId(lane, column)) }))
    .filter(({ lane, cellIds }) => lane === null || cellIds.some((id) => containers[id]!.length > 0));
  return { columns: buckets.columns, lanes: boardLanes, cells, containers };
}

export function findCell(containers: Containers, id: string): string | undefined {
  if (isCellId(id) && id in containers) return id;
  return Object.keys(containers).find((cell) => containers[cell]!.includes(id));
}

/** Number of cards in a column, across lanes. */
export function columnCount(layout: BoardLayout, containers: Containers, column: Bucket): number {
  return layout.lanes.reduce((sum, lane) => sum + (containers[cellId(lane.lane, column)]?.length ?? 0), 0);
}

// ---------------------------------------------------------------------------
// Dragging: moving ids between cells while a card is held

/**
 * A held card crosses into another cell (dnd-kit's onDragOver): it is put
 * before the card it is over (after it when `below`), or last when it is over
 * the cell itself. Returns the same object when nothing changes.
 */
export function moveAcross(containers: Containers, activeId: string, overId: string, below = false): Containers {
  const from = findCell(containers, activeId);
  const to = findCell(containers, overId);
  if (!from || !to || from === to) return containers;
  const target = containers[to]!;
  const overIndex = target.indexOf(overId);
  const index = overIndex >= 0 ? overIndex + (below ? 1 : 0) : target.length;
  return {
    ...containers,
    [from]: containers[from]!.filter((id) => id !== activeId),
    [to]: [...target.slice(0, index), activeId, ...target.slice(index)],
  };
}

/**
 * The final order once the card is dropped over `overId`: over a card of its
 * own cell it takes that card's place (dnd-kit's sortable semantics); over
 * another cell or its card it crosses as in `moveAcross`.
 */
export function settleDrop(containers: Containers, activeId: string, overId: string): Containers {
  const crossed = moveAcross(containers, activeId, overId);
  if (crossed !== containers) return crossed;
  const cell = findCell(containers, activeId);
  if (!cell) return containers;
  const ids = containers[cell]!;
  const from = ids.indexOf(activeId);
  const to = isCellId(overId) || overId === activeId ? from : ids.indexOf(overId);
  if (to < 0 || from === to) return containers;
  const next = [...ids];
  next.splice(from, 1);
  next.splice(to, 0, activeId);
  return { ...containers, [cell]: next };
}

/** Where the held card would land if dropped over `overId` now: its cell, 0-based index and the cell's size. */
export function describePlace(containers: Containers, activeId: string, overId: string): { cellId: string; index: number; count: number } | null {
  const settled = settleDrop(containers, activeId, overId);
  const cell = findCell(settled, activeId);
  if (!cell) return null;
  const ids = settled[cell]!;
  return { cellId: cell, index: ids.indexOf(activeId), count: ids.length };
}

// ---------------------------------------------------------------------------
// The move: new position, PATCH body and optimistic item

/** A position between the new neighbours, or one past the end they are at; unchanged in an empty cell. */
export function positionBetween(before: number | undefined, after: number | undefined, current: number): number {
  if (before !== undefined && after !== undefined) return (before + after) / 2;
  if (before !== undefined) return before + 1;
  if (after !== undefined) return after - 1;
  return current;
}

export interface MovePatch {
  version: number;
  position: number;
  status?: ItemStatus;
  severity?: Severity;
  phaseId?: string | null;
  ownerId?: string | null;
}

export interface MovePlan {
  patch: MovePatch;
  /** The item as it will look once the server accepts the move. */
  optimistic: ItemDto;
}

function setField(item: ItemDto, patch: MovePatch, field: GroupField, bucket: Bucket): ItemDto {
  if (fieldValue(item, field) === bucket.value) return item;
  const value = bucket.value;
  switch (field) {
    case "status":
      patch.status = value as ItemStatus;
      return { ...item, status: value as ItemStatus };
    case "severity":
      patch.severity = value as Severity;
      return { ...item, severity: value as Severity };
    case "phase":
      patch.phaseId = value;
      return { ...item, phase: value === null ? null : { id: value, name: bucket.label } };
    case "owner":
      patch.ownerId = value;
      return { ...item, owner: value === null ? null : { id: value, name: bucket.label, kind: bucket.ownerKind ?? "team" } };
  }
}

/**
 * What dropping `item` at its place in `ids` (the target cell's final order)
 * changes: the grouping field, the lane field and the position. Null when the
 * card ends where it started.
 */
export function planMove(args: {
  item: ItemDto;
  ids: string[];
  cell: BoardCell;
  group: GroupField;
  lanes: GroupField | null;
  itemsById: ReadonlyMap<string, ItemDto>;
}): MovePlan | null {
  const { item, ids, cell, group, lanes, itemsById } = args;
  const index = ids.indexOf(item.id);
  if (index < 0) return null;
  const before = index > 0 ? itemsById.get(ids[index - 1]!) : undefined;
  const after = index < ids.length - 1 ? itemsById.get(ids[index + 1]!) : undefined;
  const patch: MovePatch = { version: item.version, position: item.position };
  let next = setField(item, patch, group, cell.column);
  if (lanes && cell.lane) next = setField(next, patch, lanes, cell.lane);
  const fieldsChanged = Object.keys(patch).length > 2;
  const inPlace = (!before || compareItems(before, item) < 0) && (!after || compareItems(item, after) < 0);
  if (!fieldsChanged && inPlace) return null;
  if (!inPlace) patch.position = positionBetween(before?.position, after?.position, item.position);
  return { patch, optimistic: { ...next, position: patch.position } };
}

// ---------------------------------------------------------------------------
// Messages

export interface MoveFailure {
  title: string;
  message: string;
  requestId?: string;
  /** The board must be reloaded: the item changed elsewhere. */
  refetch: boolean;
}

function listKeys(keys: string[]): string {
  return keys.join(", ");
}

export function describeMoveError(error: unknown, key: string): MoveFailure {
  const title = `${key} was not moved`;
  if (!(error instanceof ApiError)) return { title, message: "Something went wrong. Try again.", refetch: false };
  if (error.code === "blocked_by_open_items") {
    const keys = (error.details as { blockingKeys?: unknown } | undefined)?.blockingKeys;
    const blocking = Array.isArray(keys) ? keys.filter((k): k is string => typeof k === "string") : [];
    const message = blocking.length
      ? `${key} can’t be done while ${listKeys(blocking)} ${blocking.length === 1 ? "is" : "are"} open.`
      : error.message;
    return { title, message, refetch: false };
  }
  if (error.code === "version_conflict") {
    return { title, message: `Someone else changed ${key} in the meantime. The board now shows the latest version; try the move again.`, refetch: true };
  }
  if (error.status === 404) return { title, message: `${key} no longer exists.`, refetch: true };
  return { title, message: error.message, requestId: error.status >= 500 ? error.requestId : undefined, refetch: false };
}

/** Where a cell is, in words: "In progress" or "In progress, lane High". */
export function cellName(cell: BoardCell | undefined): string {
  if (!cell) return "the board";
  return cell.lane ? `${cell.column.label}, lane ${cell.lane.label}` : cell.column.label;
}

export function cardName(item: Pick<ItemDto, "key" | "title"> | undefined): string {
  return item ? `${item.key} “${item.title}”` : "The card";
}

// ---------------------------------------------------------------------------
// Card details

/** Today's date in the viewer's time zone, as YYYY-MM-DD (the format of `dueDate`). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function isOverdue(item: Pick<ItemDto, "dueDate" | "status">, today: string): boolean {
  if (!item.dueDate) return false;
  if ((CLOSED_STATUSES as readonly string[]).includes(item.status)) return false;
  return item.dueDate.slice(0, 10) < today;
}
