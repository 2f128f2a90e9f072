import "server-only";
import { actorFields, type WorkspaceContext } from "@/lib/auth/context";
import type { ScopedTx } from "@/lib/db/scoped";
import { Prisma } from "@/lib/generated/prisma/client";

/** Fields whose changes are recorded in an item's history. */
export const TRACKED_FIELDS = [
  "title", "description", "kind", "severity", "status", "blocker", "phaseId", "ownerId", "effort", "dueDate", "impact",
  "reproSteps", "rootCause", "recommendedFix", "fixPrUrl", "files", "auditRefs", "acceptanceCriteria",
  "verificationCommand", "labels", "externalId", "blockedBy",
] as const;

function comparable(value: unknown): Prisma.InputJsonValue | null {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (value === undefined || value === null) return null;
  return value as Prisma.InputJsonValue;
}

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters. */
const ACTIVITY_BATCH = 2_000;

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** The tracked fields that differ between `before` and `after`. */
export function diffItem(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of TRACKED_FIELDS) {
    if (!(field in after)) continue;
    const from = comparable(before[field]);
    const to = comparable(after[field]);
    if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field, from, to });
  }
  return changes;
}

export async function recordItemActivity(
  tx: ScopedTx,
  ctx: WorkspaceContext,
  item: { id: string; projectId: string },
  action: string,
  changes: FieldChange[] = [],
) {
  await recordItemActivities(tx, ctx, item.projectId, action, [{ itemId: item.id, changes }]);
}

/** History rows for many items of one project at once (one row per changed field, or one without a field), written in batches. */
export async function recordItemActivities(tx: ScopedTx, ctx: WorkspaceContext, projectId: string, action: string, entries: { itemId: string; changes: FieldChange[] }[]) {
  const actor = actorFields(ctx);
  const base = { workspaceId: ctx.workspace.id, projectId, action, ...actor };
  const rows = entries.flatMap(({ itemId, changes }) =>
    changes.length === 0
      ? [{ ...base, itemId }]
      : changes.map((c) => ({ ...base, itemId, field: c.field, fromValue: comparable(c.from) ?? Prisma.DbNull, toValue: comparable(c.to) ?? Prisma.DbNull })),
  );
  for (let i = 0; i < rows.length; i += ACTIVITY_BATCH) await tx.activity.createMany({ data: rows.slice(i, i + ACTIVITY_BATCH) });
}
