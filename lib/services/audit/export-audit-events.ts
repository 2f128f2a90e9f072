import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { AUDIT_EXPORT_ROW_LIMIT, auditCsv, type AuditCsvRow } from "@/lib/domain/audit/audit-csv";
import { auditActorValue, type AuditEventFilter } from "@/lib/validation/audit";
import { listMembers } from "../members/list-members";
import { auditEventsAfter, auditEventWhere } from "./audit-event-where";
import { AUDIT_ORDER } from "./list-audit-events";

const BATCH = 1_000;

export interface AuditExport {
  fileName: string;
  /** Rows the file will hold (at most the limit). */
  rows: number;
  /** More events matched than the limit allows. */
  truncated: boolean;
  body: ReadableStream<Uint8Array>;
}

/**
 * The events the filters select as CSV, newest first, streamed in batches so
 * no export holds the log in memory. Events recorded after the export started
 * are left out, so the row count in the headers is the file's.
 */
export async function exportAuditEvents({ ctx, filter, rowLimit = AUDIT_EXPORT_ROW_LIMIT }: { ctx: WorkspaceContext; filter: AuditEventFilter; rowLimit?: number }): Promise<AuditExport> {
  const asOf = new Date();
  const where = { AND: [auditEventWhere(filter), { createdAt: { lte: asOf } }] };
  const [total, members, keys] = await Promise.all([
    ctx.db.auditEvent.count({ where }),
    listMembers({ ctx }),
    ctx.db.apiKey.findMany({ select: { id: true, name: true, prefix: true } }),
  ]);
  const people = new Map(members.map((m) => [m.userId, m.name ?? m.email]));
  const apiKeys = new Map(keys.map((k) => [k.id, `API key ${k.name} (${k.prefix})`]));

  const toRow = (event: { createdAt: Date; actorUserId: string | null; actorApiKeyId: string | null; action: string; targetType: string; targetId: string | null; ip: string | null; requestId: string | null; metadata: unknown }): AuditCsvRow => ({
    createdAt: event.createdAt,
    actor: event.actorUserId ? (people.get(event.actorUserId) ?? "Former member") : event.actorApiKeyId ? (apiKeys.get(event.actorApiKeyId) ?? "API key (deleted)") : "System",
    actorId: event.actorUserId || event.actorApiKeyId ? auditActorValue(event) : "",
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    ip: event.ip,
    requestId: event.requestId,
    metadata: event.metadata,
  });

  const encoder = new TextEncoder();
  let last: { createdAt: Date; id: string } | null = null;
  let written = 0;
  let header = true;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const take = Math.min(BATCH, rowLimit - written);
      const batch =
        take > 0
          ? await ctx.db.auditEvent.findMany({ where: last ? { AND: [where, auditEventsAfter(last)] } : where, orderBy: [...AUDIT_ORDER], take })
          : [];
      const text = auditCsv(batch.map(toRow), { header });
      header = false;
      if (text) controller.enqueue(encoder.encode(text));
      written += batch.length;
      const tail = batch.at(-1);
      if (tail) last = { createdAt: tail.createdAt, id: tail.id };
      if (batch.length < take || written >= rowLimit) controller.close();
    },
  });

  return {
    fileName: `${ctx.workspace.slug}-audit-${asOf.toISOString().slice(0, 10)}.csv`,
    rows: Math.min(total, rowLimit),
    truncated: total > rowLimit,
    body,
  };
}
