import "server-only";
import { randomUUID } from "node:crypto";
import type { WorkspaceContext } from "@/lib/auth/context";
import type { ScopedTx } from "@/lib/db/scoped";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { WebhookEventType } from "@/lib/webhooks/events";
import { markOutboxDirty } from "@/lib/webhooks/outbox-signal";

/** A Standard Webhooks message id: stable across every attempt and resend of one event to one endpoint. */
export function newEventId(): string {
  return `msg_${randomUUID().replace(/-/g, "")}`;
}

/** A value as it will be sent (dates as ISO strings), in the shape Prisma stores as JSON. */
export function jsonOf(value: unknown): Prisma.InputJsonObject {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonObject;
}

/** The body every endpoint receives: Standard Webhooks' `{ type, timestamp, data }`. */
export function webhookPayload(type: WebhookEventType, data: Prisma.InputJsonObject, at = new Date()): Prisma.InputJsonObject {
  return { type, timestamp: at.toISOString(), data };
}

/**
 * Writes one delivery per subscribed endpoint inside the caller's
 * transaction (the outbox): the event is sent only if the change commits,
 * and it is not lost if the process dies before sending. The worker picks
 * the rows up after the commit. Returns how many endpoints will receive it.
 */
export async function emitWebhookEvent(tx: ScopedTx, ctx: WorkspaceContext, type: WebhookEventType, data: Prisma.InputJsonObject | (() => Prisma.InputJsonObject)): Promise<number> {
  const endpoints = await tx.webhook.findMany({ where: { enabled: true, events: { has: type } }, select: { id: true } });
  if (endpoints.length === 0) return 0;
  const payload = webhookPayload(type, typeof data === "function" ? data() : data);
  await tx.webhookDelivery.createMany({
    data: endpoints.map((endpoint) => ({ workspaceId: ctx.workspace.id, webhookId: endpoint.id, eventType: type, eventId: newEventId(), payload })),
  });
  markOutboxDirty();
  return endpoints.length;
}
