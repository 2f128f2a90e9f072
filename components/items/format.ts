import { CLOSED_STATUSES, type ItemDto } from "@/lib/validation/item";

/** Labels and formatting shared by the register and the item page. No I/O. */

export type ItemStatus = ItemDto["status"];
export type ItemKind = ItemDto["kind"];

export const STATUS_LABEL: Record<ItemStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  blocked: "Blocked",
  in_review: "In review",
  done: "Done",
  deferred: "Deferred",
  wont_fix: "Won’t fix",
};

export const KIND_LABEL: Record<ItemKind, string> = { finding: "Finding", task: "Task", deliverable: "Deliverable", risk: "Risk" };

export const SEVERITY_LABEL: Record<ItemDto["severity"], string> = { critical: "Critical", high: "High", medium: "Medium", low: "Low" };

/** Closed items (done, won’t fix) no longer block anything. */
export function isClosed(status: string): boolean {
  return (CLOSED_STATUSES as readonly string[]).includes(status);
}

export function statusLabel(status: string): string {
  return STATUS_LABEL[status as ItemStatus] ?? status;
}

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });
const localDateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

/** A calendar date ("2025-03-01") shown as "Mar 1, 2025", whatever the viewer's time zone. */
export function formatDay(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : dateFormat.format(date);
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

/** True when a due date lies before today (UTC) and the item is still open. */
export function isOverdue(dueDate: string | null, status: string, now: number): boolean {
  if (!dueDate || isClosed(status) || status === "deferred") return false;
  return dueDate.slice(0, 10) < new Date(now).toISOString().slice(0, 10);
}

/** "just now", "2 min ago", "3 h ago", "yesterday", "4 days ago", then the date. */
export function formatRelative(iso: string, now: number): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days === 1) return "yesterday";
  if (days < 7) return `${days} days ago`;
  return localDateFormat.format(new Date(then));
}

/** "OCC-3", "OCC-3 and OCC-5", "OCC-3, OCC-5 and OCC-8" */
export function joinKeys(keys: readonly string[]): string {
  if (keys.length <= 1) return keys.join("");
  return `${keys.slice(0, -1).join(", ")} and ${keys[keys.length - 1]}`;
}

const FIELD_LABEL: Record<string, string> = {
  title: "title",
  description: "description",
  kind: "kind",
  severity: "severity",
  status: "status",
  blocker: "blocker flag",
  phase: "phase",
  phaseId: "phase",
  owner: "owner",
  ownerId: "owner",
  effort: "effort",
  dueDate: "due date",
  impact: "impact",
  reproSteps: "repro steps",
  rootCause: "root-cause hypothesis",
  recommendedFix: "recommended fix",
  fixPrUrl: "fix PR",
  files: "files touched",
  auditRefs: "audit references",
  acceptanceCriteria: "acceptance criteria",
  verificationCommand: "verification command",
  labels: "labels",
  externalId: "external id",
  position: "board position",
  blockedBy: "blocked by",
};

/** Long text fields: their history says "changed the description", without both versions inline. */
const LONG_FIELDS = new Set(["description", "impact", "reproSteps", "rootCause", "recommendedFix", "acceptanceCriteria"]);

export function fieldLabel(field: string): string {
  return FIELD_LABEL[field] ?? field.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_.]/g, " ").toLowerCase();
}

/** One value of an activity entry, readable: enums by their label, people and phases by name. */
export function formatValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.length ? value.map((v) => formatValue(field, v)).join(", ") : "none";
  if (typeof value === "object") {
    const named = value as { name?: unknown; key?: unknown; title?: unknown };
    if (typeof named.name === "string") return named.name;
    if (typeof named.key === "string") return named.key;
    if (typeof named.title === "string") return named.title;
    return JSON.stringify(value);
  }
  const text = String(value);
  if (field === "status") return statusLabel(text).toLowerCase();
  if (field === "severity" || field === "kind") return text;
  if (field === "dueDate") return formatDay(text);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

export interface ActivityEntry {
  id: string;
  action: string;
  field: string | null;
  from: unknown;
  to: unknown;
  createdAt: string;
  actor: { name: string } | null;
}

const EVIDENCE_KIND: Record<string, string> = { link: "a link", command: "command output", note: "a note", file: "a file reference" };

const ACTION_TEXT: Record<string, string> = {
  "comment.added": "commented",
  "evidence.added": "added evidence",
  create: "created the item",
  created: "created the item",
  "item.created": "created the item",
  import: "imported the item",
  imported: "imported the item",
  "item.imported": "imported the item",
  comment: "commented",
  commented: "commented",
  "comment.created": "commented",
  evidence: "added evidence",
  evidence_added: "added evidence",
  "evidence.created": "added evidence",
  move: "moved the item",
  moved: "moved the item",
  "item.moved": "moved the item",
};

/** "changed status from open to in progress" (the actor and the time are shown beside it). */
export function describeActivity(entry: Pick<ActivityEntry, "action" | "field" | "from" | "to">): string {
  const { field, from, to } = entry;
  if (field === "evidence") return typeof to === "string" && EVIDENCE_KIND[to] ? `added evidence: ${EVIDENCE_KIND[to]}` : "added evidence";
  if (field) {
    const label = fieldLabel(field);
    if (LONG_FIELDS.has(field)) return `changed the ${label}`;
    if (from === null || from === undefined || from === "" || (Array.isArray(from) && from.length === 0)) return `set ${label} to ${formatValue(field, to)}`;
    if (to === null || to === undefined || to === "" || (Array.isArray(to) && to.length === 0)) return `cleared ${label} (was ${formatValue(field, from)})`;
    return `changed ${label} from ${formatValue(field, from)} to ${formatValue(field, to)}`;
  }
  return ACTION_TEXT[entry.action] ?? entry.action.replace(/[._]/g, " ");
}

const ITEM_KEY = /^[A-Za-z][A-Za-z0-9]{1,9}-\d{1,9}$/;

export function isItemKey(value: string): boolean {
  return ITEM_KEY.test(value);
}

/**
 * The open items named by a 409 `blocked_by_open_items` (from any list in its
 * details: keys, or objects with a key); without such a list, the open ones
 * among the blockers the page already knows.
 */
export function openBlockerKeys(details: unknown, known: readonly { key: string; status: string }[]): string[] {
  const found = new Set<string>();
  const collect = (list: unknown[]) => {
    for (const entry of list) {
      if (typeof entry === "string" && ITEM_KEY.test(entry)) found.add(entry);
      else if (entry && typeof entry === "object") {
        const { key, status } = entry as { key?: unknown; status?: unknown };
        if (typeof key === "string" && ITEM_KEY.test(key) && !(typeof status === "string" && isClosed(status))) found.add(key);
      }
    }
  };
  if (Array.isArray(details)) collect(details);
  else if (details && typeof details === "object") {
    for (const value of Object.values(details)) if (Array.isArray(value)) collect(value);
  }
  if (found.size) return [...found];
  return known.filter((b) => !isClosed(b.status)).map((b) => b.key);
}
