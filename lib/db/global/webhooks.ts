import { rawDb } from "../client";

/**
 * The webhook worker's view of the database. It acts for every workspace at
 * once, by delivery id, the way the job queue hands work out; nothing here
 * is reachable from a request (requests use lib/services/webhooks/).
 */

/** Pending deliveries not yet handed to the queue (the outbox), oldest first. */
export async function takeOutbox(limit = 100, now = new Date()): Promise<string[]> {
  const db = await rawDb();
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
      `SELECT id FROM "WebhookDelivery" WHERE status = 'pending' AND "queuedAt" IS NULL ORDER BY "createdAt" LIMIT $1 FOR UPDATE SKIP LOCKED`,
      limit,
    );
    if (rows.length) await tx.webhookDelivery.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { queuedAt: now } });
    return rows.map((r) => r.id);
  });
}

/** Queued rows whose job was lost (a queue wiped, a send that failed after the mark): handed out again. */
export async function requeueStale(olderThanMs: number, now = new Date()): Promise<number> {
  const db = await rawDb();
  const { count } = await db.webhookDelivery.updateMany({
    where: { status: "pending", queuedAt: { lt: new Date(now.getTime() - olderThanMs) }, OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lt: new Date(now.getTime() - olderThanMs) } }] },
    data: { queuedAt: null },
  });
  return count;
}

export async function loadDeliveryForSend(id: string) {
  const db = await rawDb();
  return db.webhookDelivery.findUnique({
    where: { id },
    select: {
      id: true,
      workspaceId: true,
      webhookId: true,
      eventId: true,
      eventType: true,
      payload: true,
      status: true,
      attempt: true,
      createdAt: true,
      webhook: { select: { url: true, secretEncrypted: true, enabled: true } },
    },
  });
}

export interface AttemptRecord {
  deliveryId: string;
  workspaceId: string;
  webhookId: string;
  attempt: number;
  url: string;
  responseStatus: number | null;
  durationMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

export type AttemptOutcome = "succeeded" | "retry" | "failed";

/**
 * Logs one attempt and moves the delivery on. A delivery that failed its
 * last attempt counts against its endpoint; `disableAfter` of those in a row
 * disable it. Returns whether this attempt disabled the endpoint.
 */
export async function recordAttempt(record: AttemptRecord, outcome: AttemptOutcome, options: { nextAttemptAt: Date | null; disableAfter: number; now?: Date }): Promise<{ disabled: boolean; failureCount: number }> {
  const db = await rawDb();
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    await tx.webhookAttempt.create({ data: { ...record, createdAt: now } });
    await tx.webhookDelivery.update({
      where: { id: record.deliveryId },
      data: {
        attempt: record.attempt,
        status: outcome === "retry" ? "pending" : outcome,
        responseStatus: record.responseStatus,
        durationMs: record.durationMs,
        responseExcerpt: record.responseExcerpt,
        error: record.error,
        nextAttemptAt: outcome === "retry" ? options.nextAttemptAt : null,
        ...(outcome === "succeeded" ? { deliveredAt: now } : {}),
      },
    });
    if (outcome === "succeeded") {
      await tx.webhook.update({ where: { id: record.webhookId }, data: { failureCount: 0 } });
      return { disabled: false, failureCount: 0 };
    }
    if (outcome === "retry") return { disabled: false, failureCount: -1 };
    const hook = await tx.webhook.update({ where: { id: record.webhookId }, data: { failureCount: { increment: 1 } }, select: { failureCount: true, enabled: true } });
    if (!hook.enabled || hook.failureCount < options.disableAfter) return { disabled: false, failureCount: hook.failureCount };
    await tx.webhook.update({
      where: { id: record.webhookId },
      data: { enabled: false, disabledAt: now, disabledReason: `${hook.failureCount} deliveries in a row failed every attempt (last: ${record.error ?? `HTTP ${record.responseStatus}`}).` },
    });
    await tx.auditEvent.create({
      data: { workspaceId: record.workspaceId, action: "webhook.disabled", targetType: "webhook", targetId: record.webhookId, metadata: { failureCount: hook.failureCount, url: record.url } },
    });
    return { disabled: true, failureCount: hook.failureCount };
  });
}

/** A delivery to an endpoint that was disabled or deleted meanwhile ends without a request. */
export async function abandonDelivery(id: string, reason: string): Promise<void> {
  const db = await rawDb();
  await db.webhookDelivery.updateMany({ where: { id, status: "pending" }, data: { status: "failed", error: reason, nextAttemptAt: null } });
}

/** Unresolved deferred risks past their due date that have not been announced, by workspace slug. */
export async function overdueRiskWorkspaces(now = new Date()): Promise<string[]> {
  const db = await rawDb();
  const rows = await db.deferredRisk.findMany({
    where: { resolvedAt: null, overdueNotifiedAt: null, dueDate: { lt: now }, workspace: { webhooks: { some: { enabled: true, events: { has: "deferred_risk.overdue" } } } } },
    distinct: ["workspaceId"],
    select: { workspace: { select: { slug: true } } },
  });
  return rows.map((r) => r.workspace.slug);
}

/** Whether any enabled endpoint of the workspace wants `type` (checked before work is done to announce it). */
export async function workspaceSubscribes(workspaceId: string, type: string): Promise<boolean> {
  const db = await rawDb();
  return (await db.webhook.count({ where: { workspaceId, enabled: true, events: { has: type } } })) > 0;
}

export async function workspaceSlugOf(workspaceId: string): Promise<string | null> {
  const db = await rawDb();
  return (await db.workspace.findUnique({ where: { id: workspaceId }, select: { slug: true } }))?.slug ?? null;
}
