import { z } from "zod";
import { isoDay, name } from "./common";

export const ITEM_KINDS = ["finding", "task", "deliverable", "risk"] as const;
export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
export const ITEM_STATUSES = ["open", "in_progress", "blocked", "in_review", "done", "deferred", "wont_fix"] as const;
/** Statuses that count as closed: they no longer block anything (lib/domain/items.ts). */
export { CLOSED_ITEM_STATUSES as CLOSED_STATUSES } from "@/lib/domain/items";

export const itemKind = z.enum(ITEM_KINDS);
export const severity = z.enum(SEVERITIES);
export const itemStatus = z.enum(ITEM_STATUSES);

const text = z.string().max(50_000);
const short = z.string().trim().max(500);
const id = z.string().min(1).max(64);
const label = z.string().trim().min(1).max(60);
const url = z.url({ protocol: /^https?$/ }).max(2000);

/**
 * How far a board position may be from 0. Positions are small numbers and
 * midpoints between them; a double near the largest one is written to
 * PostgreSQL rounded past it, which the database refuses.
 */
export const MAX_ITEM_POSITION = 1e15;
export const itemPosition = z.number().finite().min(-MAX_ITEM_POSITION).max(MAX_ITEM_POSITION);

export const itemKey = z.string().regex(/^[A-Za-z][A-Za-z0-9]{1,9}-\d{1,9}$/, "is not an item key such as OCC-12");

/** Every editable field of an item; `create` requires a title, `update` requires the version it read. */
const fields = {
  title: name.pipe(z.string().max(300)),
  description: text,
  kind: itemKind,
  severity,
  status: itemStatus,
  blocker: z.boolean(),
  phaseId: id.nullable(),
  ownerId: id.nullable(),
  effort: short.nullable(),
  dueDate: isoDay.nullable(),
  impact: text,
  reproSteps: text,
  rootCause: text,
  recommendedFix: text,
  fixPrUrl: url.nullable(),
  files: z.array(z.string().trim().min(1).max(500)).max(200),
  auditRefs: z.array(z.string().trim().min(1).max(200)).max(100),
  acceptanceCriteria: text,
  verificationCommand: z.string().max(2000).nullable(),
  labels: z.array(label).max(30),
  externalId: z.string().trim().min(1).max(200).nullable(),
  position: itemPosition,
};

export const createItemInput = z.strictObject({
  ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])),
  title: fields.title,
  /** Keys of items that block this one. */
  blockedBy: z.array(itemKey).max(100).optional(),
}) as z.ZodType<Partial<{ [K in keyof typeof fields]: z.infer<(typeof fields)[K]> }> & { title: string; blockedBy?: string[] }>;
export type CreateItemInput = z.infer<typeof createItemInput>;

export const updateItemInput = z
  .strictObject({
    ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])),
    /** The version the client read; a stale one gets 409 version_conflict. */
    version: z.number().int().min(1),
    blockedBy: z.array(itemKey).max(100).optional(),
  })
  .refine((v) => Object.keys(v).length > 1, "Send at least one field to change.") as unknown as z.ZodType<
  Partial<{ [K in keyof typeof fields]: z.infer<(typeof fields)[K]> }> & { version: number; blockedBy?: string[] }
>;
export type UpdateItemInput = z.infer<typeof updateItemInput>;

const list = <T extends z.ZodType<string, string>>(schema: T) =>
  z
    .string()
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(schema).max(50));

export const SORTABLE = ["key", "title", "severity", "status", "kind", "phase", "owner", "dueDate", "createdAt", "updatedAt", "position"] as const;

/** The register's filters, as URL query parameters (comma-separated lists). */
export const itemListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  severity: list(severity).optional().meta({ description: `Comma-separated: ${SEVERITIES.join(", ")}.` }),
  status: list(itemStatus).optional().meta({ description: `Comma-separated: ${ITEM_STATUSES.join(", ")}.` }),
  kind: list(itemKind).optional().meta({ description: `Comma-separated: ${ITEM_KINDS.join(", ")}.` }),
  phase: list(z.string().min(1).max(64)).optional().meta({ description: "Comma-separated phase ids; `none` for items without a phase." }),
  owner: list(z.string().min(1).max(64)).optional().meta({ description: "Comma-separated owner ids; `none` for unassigned items." }),
  label: list(label).optional().meta({ description: "Comma-separated labels: items with any of them." }),
  blocker: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  sort: z
    .string()
    .regex(new RegExp(`^-?(${SORTABLE.join("|")})$`), `must be one of ${SORTABLE.join(", ")}, optionally prefixed with -`)
    .default("key"),
  cursor: z.string().max(200).optional().meta({ description: "nextCursor from the previous page." }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ItemListQuery = z.infer<typeof itemListQuery>;

export const bulkEditInput = z.strictObject({
  keys: z.array(itemKey).min(1).max(500),
  set: z
    .strictObject({
      status: itemStatus.optional(),
      ownerId: id.nullable().optional(),
      phaseId: id.nullable().optional(),
      severity: severity.optional(),
      addLabels: z.array(label).max(30).optional(),
      removeLabels: z.array(label).max(30).optional(),
    })
    .refine((v) => Object.keys(v).length > 0, "Choose at least one change."),
});
export type BulkEditInput = z.infer<typeof bulkEditInput>;

export const createEvidenceInput = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("link"), url, note: z.string().max(5000).optional() }),
  z.strictObject({ kind: z.literal("command"), command: z.string().min(1).max(5000), output: z.string().max(200_000).default(""), note: z.string().max(5000).optional() }),
  z.strictObject({ kind: z.literal("note"), note: z.string().trim().min(1).max(20_000) }),
  z.strictObject({ kind: z.literal("file"), filePath: z.string().trim().min(1).max(1000), note: z.string().max(5000).optional() }),
]);
export type CreateEvidenceInput = z.infer<typeof createEvidenceInput>;

export const createCommentInput = z.strictObject({ body: z.string().trim().min(1, "is required").max(20_000) });

export const savedViewInput = z.strictObject({
  name: name.pipe(z.string().max(80)),
  surface: z.enum(["register", "board"]),
  query: z.string().max(2000),
  shared: z.boolean().default(false),
});
export type SavedViewInput = z.infer<typeof savedViewInput>;

/** An item as the API returns it. */
export interface ItemDto {
  id: string;
  key: string;
  number: number;
  title: string;
  description: string;
  kind: (typeof ITEM_KINDS)[number];
  severity: (typeof SEVERITIES)[number];
  status: (typeof ITEM_STATUSES)[number];
  blocker: boolean;
  phase: { id: string; name: string } | null;
  owner: { id: string; name: string; kind: string } | null;
  effort: string | null;
  dueDate: string | null;
  impact: string;
  reproSteps: string;
  rootCause: string;
  recommendedFix: string;
  fixPrUrl: string | null;
  files: string[];
  auditRefs: string[];
  acceptanceCriteria: string;
  verificationCommand: string | null;
  labels: string[];
  externalId: string | null;
  position: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Keys of open and closed items that block this one / that this one blocks (detail and list). */
  blockedBy: { key: string; status: string }[];
  blocks: { key: string; status: string }[];
}

export interface ItemListDto {
  data: ItemDto[];
  total: number;
  nextCursor: string | null;
}

/* Output schemas: what the item routes return, parsed through these (and documented in the OpenAPI document). */

const isoTimestamp = z.iso.datetime();
/** Who did something: a member (with id), or a stand-in name ("Former member", "API key"). */
const actorRef = z.object({ id: z.string().optional(), name: z.string() });
const itemRef = z.object({ key: z.string(), status: itemStatus });

export const itemOutput = z
  .object({
    id: z.string(),
    key: z.string().meta({ description: "The project's key prefix and the item's number, such as OCC-12." }),
    number: z.number().int(),
    title: z.string(),
    description: z.string(),
    kind: itemKind,
    severity,
    status: itemStatus,
    blocker: z.boolean().meta({ description: "A release blocker: gates count open blockers." }),
    phase: z.object({ id: z.string(), name: z.string() }).nullable(),
    owner: z.object({ id: z.string(), name: z.string(), kind: z.string() }).nullable(),
    effort: z.string().nullable(),
    dueDate: z.iso.date().nullable(),
    impact: z.string(),
    reproSteps: z.string(),
    rootCause: z.string(),
    recommendedFix: z.string(),
    fixPrUrl: z.string().nullable(),
    files: z.array(z.string()),
    auditRefs: z.array(z.string()),
    acceptanceCriteria: z.string(),
    verificationCommand: z.string().nullable(),
    labels: z.array(z.string()),
    externalId: z.string().nullable(),
    position: z.number(),
    version: z.number().int().meta({ description: "Send it back with an update; it goes up by one with every change." }),
    createdAt: isoTimestamp,
    updatedAt: isoTimestamp,
    closedAt: isoTimestamp.nullable(),
    blockedBy: z.array(itemRef).meta({ description: "Items that block this one, open or closed." }),
    blocks: z.array(itemRef).meta({ description: "Items this one blocks." }),
  })
  .meta({ id: "Item" });

export const itemListOutput = z
  .object({
    data: z.array(itemOutput),
    total: z.number().int().meta({ description: "How many items match the filters, on all pages." }),
    nextCursor: z.string().nullable().meta({ description: "Pass as cursor for the next page; null on the last." }),
  })
  .meta({ id: "ItemList" });

export const bulkEditOutput = z.object({ updated: z.number().int().meta({ description: "How many items were changed." }) });

export const commentOutput = z
  .object({ id: z.string(), body: z.string(), createdAt: isoTimestamp, author: z.object({ id: z.string(), name: z.string() }).nullable() })
  .meta({ id: "ItemComment" });

export const evidenceOutput = z
  .object({
    id: z.string(),
    kind: z.enum(["link", "command", "note", "file"]),
    url: z.string().nullable(),
    command: z.string().nullable(),
    output: z.string().nullable(),
    note: z.string().nullable(),
    filePath: z.string().nullable(),
    createdAt: isoTimestamp,
    createdBy: actorRef.nullable(),
  })
  .meta({ id: "ItemEvidence" });

export const activityOutput = z
  .object({
    id: z.string(),
    action: z.string().meta({ description: "Such as item.created, item.updated, comment.added, evidence.added." }),
    field: z.string().nullable().meta({ description: "The changed field (owner and phase by name), or null." }),
    from: z.unknown().meta({ description: "The value before (JSON), or null." }),
    to: z.unknown().meta({ description: "The value after (JSON), or null." }),
    createdAt: isoTimestamp,
    actor: actorRef.nullable(),
  })
  .meta({ id: "ItemActivity" });
