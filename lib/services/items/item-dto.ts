import "server-only";
import type { ITEM_VALUE_FIELDS } from "@/lib/domain/exchange/types";
import type { ItemDto } from "@/lib/validation/item";

/** What item queries include so that one query per relation yields complete DTOs. */
export const ITEM_INCLUDE = {
  phase: { select: { id: true, name: true } },
  owner: { select: { id: true, name: true, kind: true } },
  blockedBy: { select: { blocker: { select: { number: true, status: true } } } },
  blocks: { select: { blocked: { select: { number: true, status: true } } } },
} as const;

interface ItemRow {
  id: string;
  number: number;
  title: string;
  description: string;
  kind: ItemDto["kind"];
  severity: ItemDto["severity"];
  status: ItemDto["status"];
  blocker: boolean;
  phase: { id: string; name: string } | null;
  owner: { id: string; name: string; kind: string } | null;
  effort: string | null;
  dueDate: Date | null;
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
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  blockedBy: { blocker: { number: number; status: string } }[];
  blocks: { blocked: { number: number; status: string } }[];
}

export function itemKey(prefix: string, number: number): string {
  return `${prefix}-${number}`;
}

type ValueField = (typeof ITEM_VALUE_FIELDS)[number];

/** An item's own scalar fields as the API shows them: `dueDate` as YYYY-MM-DD, `closedAt` as an ISO timestamp. */
export function itemValues(row: Pick<ItemRow, ValueField>): Pick<ItemDto, ValueField> {
  return {
    title: row.title,
    description: row.description,
    kind: row.kind,
    severity: row.severity,
    status: row.status,
    blocker: row.blocker,
    effort: row.effort,
    dueDate: row.dueDate ? row.dueDate.toISOString().slice(0, 10) : null,
    impact: row.impact,
    reproSteps: row.reproSteps,
    rootCause: row.rootCause,
    recommendedFix: row.recommendedFix,
    fixPrUrl: row.fixPrUrl,
    files: row.files,
    auditRefs: row.auditRefs,
    acceptanceCriteria: row.acceptanceCriteria,
    verificationCommand: row.verificationCommand,
    labels: row.labels,
    position: row.position,
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

export function toItemDto(row: ItemRow, prefix: string): ItemDto {
  return {
    id: row.id,
    key: itemKey(prefix, row.number),
    number: row.number,
    ...itemValues(row),
    phase: row.phase,
    owner: row.owner,
    externalId: row.externalId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    blockedBy: row.blockedBy.map((d) => ({ key: itemKey(prefix, d.blocker.number), status: d.blocker.status })).sort(byKey),
    blocks: row.blocks.map((d) => ({ key: itemKey(prefix, d.blocked.number), status: d.blocked.status })).sort(byKey),
  };
}

function byKey(a: { key: string }, b: { key: string }) {
  return a.key.localeCompare(b.key, "en", { numeric: true });
}
