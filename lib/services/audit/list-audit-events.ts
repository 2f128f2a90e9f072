import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import type { AuditEventFilter } from "@/lib/validation/audit";
import { auditEventsAfter, auditEventWhere } from "./audit-event-where";

export const AUDIT_ORDER = [{ createdAt: "desc" }, { id: "desc" }] as const;

/**
 * Newest first, a page at a time. The cursor is the last id of the previous
 * page, looked up through the scoped client: an id that is not in this
 * workspace's log (another workspace's included) is refused like one that
 * does not exist, and a cursor keeps working under any filters.
 */
export async function listAuditEvents({ ctx, input }: { ctx: WorkspaceContext; input: AuditEventFilter & { cursor?: string; limit: number } }) {
  const at = input.cursor ? await ctx.db.auditEvent.findFirst({ where: { id: input.cursor }, select: { id: true, createdAt: true } }) : null;
  if (input.cursor && !at) {
    throw new AppError("validation_failed", "Invalid cursor: it is not an entry of this audit log.", [{ path: "cursor", message: "is not an entry of this audit log" }]);
  }
  const where = auditEventWhere(input);
  const rows = await ctx.db.auditEvent.findMany({
    where: at ? { AND: [where, auditEventsAfter(at)] } : where,
    orderBy: [...AUDIT_ORDER],
    take: input.limit + 1,
  });
  const hasMore = rows.length > input.limit;
  const page = hasMore ? rows.slice(0, input.limit) : rows;
  return { data: page, nextCursor: hasMore ? (page.at(-1)?.id ?? null) : null };
}
