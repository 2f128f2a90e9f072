import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditEventFilter } from "@/lib/validation/audit";

/**
 * The audit log's filters as a Prisma where. It never names a workspace: the
 * scoped client adds the caller's (lib/db/scoped.ts). Absent filters add
 * nothing, and none is ever `undefined` (strictUndefinedChecks).
 */
export function auditEventWhere(filter: AuditEventFilter): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  const { actor, action, targetType, targetId, from, to } = filter;
  if (actor?.type === "user") and.push({ actorUserId: actor.userId });
  if (actor?.type === "apiKey") and.push(actor.apiKeyId ? { actorApiKeyId: actor.apiKeyId } : { actorApiKeyId: { not: null } });
  if (actor?.type === "system") and.push({ actorUserId: null, actorApiKeyId: null });
  if (action !== undefined) and.push(action.endsWith(".") ? { action: { startsWith: action } } : { action });
  if (targetType !== undefined) and.push({ targetType });
  if (targetId !== undefined) and.push({ targetId });
  if (from) and.push({ createdAt: { gte: from } });
  if (to) and.push({ createdAt: { lt: to } });
  return { AND: and };
}

/** Events after `at` in the log's order (newest first, ties by id): the keyset a cursor stands for. */
export function auditEventsAfter(at: { createdAt: Date; id: string }): Prisma.AuditEventWhereInput {
  return { OR: [{ createdAt: { lt: at.createdAt } }, { createdAt: at.createdAt, id: { lt: at.id } }] };
}
