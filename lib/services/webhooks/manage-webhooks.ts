import "server-only";
import { actorUserId, type WorkspaceContext } from "@/lib/auth/context";
import { seal } from "@/lib/auth/encryption";
import { AppError, ConflictError, NotFoundError } from "@/lib/errors";
import type { CreateWebhookInput, UpdateWebhookInput } from "@/lib/validation/webhook";
import { kickOutbox } from "@/lib/webhooks/outbox-signal";
import { checkEndpointUrl, defaultOutboundPolicy } from "@/lib/webhooks/outbound";
import { generateSigningSecret } from "@/lib/webhooks/signing";
import { recordAuditEvent } from "../audit/record-audit-event";
import { newEventId, webhookPayload } from "./emit-webhook-event";

const WEBHOOK_SELECT = { id: true, url: true, description: true, events: true, enabled: true, disabledAt: true, disabledReason: true, failureCount: true, createdAt: true } as const;

/** Refuses an address Readyroom would never send to, before it is saved (the sender checks again after DNS). */
function assertSafeUrl(url: string) {
  const problem = checkEndpointUrl(url, defaultOutboundPolicy());
  if (problem) throw new AppError("validation_failed", `Invalid url: ${problem}`, [{ path: "url", message: problem }]);
}

export async function listWebhooks({ ctx }: { ctx: WorkspaceContext }) {
  return ctx.db.webhook.findMany({ orderBy: { createdAt: "asc" }, select: WEBHOOK_SELECT });
}

/** Endpoints that Readyroom disabled after repeated failure (not those an admin turned off), for the admins' notice. */
export async function countFailedWebhooks({ ctx }: { ctx: WorkspaceContext }) {
  return ctx.db.webhook.count({ where: { enabled: false, failureCount: { gt: 0 } } });
}

export async function getWebhook({ ctx, id }: { ctx: WorkspaceContext; id: string }) {
  const webhook = await ctx.db.webhook.findFirst({ where: { id }, select: WEBHOOK_SELECT });
  if (!webhook) throw new NotFoundError("Webhook");
  return webhook;
}

/** Registers an endpoint; its signing secret is returned this once and kept encrypted. */
export async function createWebhook({ ctx, input }: { ctx: WorkspaceContext; input: CreateWebhookInput }) {
  assertSafeUrl(input.url);
  const secret = generateSigningSecret();
  const webhook = await ctx.db.$transaction(async (tx) => {
    const created = await tx.webhook.create({
      data: { workspaceId: ctx.workspace.id, url: input.url, description: input.description, events: input.events, secretEncrypted: seal("webhook-secret", secret), createdById: actorUserId(ctx) },
      select: WEBHOOK_SELECT,
    });
    await recordAuditEvent(tx, ctx, { action: "webhook.created", targetType: "webhook", targetId: created.id, metadata: { url: input.url, events: input.events } });
    return created;
  });
  return { webhook, secret };
}

/** Edits an endpoint; `enabled: true` re-enables one that was disabled and clears its failure count. */
export async function updateWebhook({ ctx, id, input }: { ctx: WorkspaceContext; id: string; input: UpdateWebhookInput }) {
  if (input.url) assertSafeUrl(input.url);
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.webhook.findFirst({ where: { id }, select: { id: true, enabled: true } });
    if (!before) throw new NotFoundError("Webhook");
    const toggled = input.enabled !== undefined && input.enabled !== before.enabled;
    const updated = await tx.webhook.update({
      where: { id },
      data: {
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.events !== undefined ? { events: input.events } : {}),
        ...(toggled && input.enabled ? { enabled: true, disabledAt: null, disabledReason: null, failureCount: 0 } : {}),
        ...(toggled && !input.enabled ? { enabled: false, disabledAt: new Date(), disabledReason: "Disabled by an admin.", failureCount: 0 } : {}),
      },
      select: WEBHOOK_SELECT,
    });
    const action = toggled ? (input.enabled ? "webhook.enabled" : "webhook.disabled") : "webhook.updated";
    await recordAuditEvent(tx, ctx, { action, targetType: "webhook", targetId: id, metadata: { fields: Object.keys(input) } });
    return updated;
  });
}

export async function deleteWebhook({ ctx, id }: { ctx: WorkspaceContext; id: string }) {
  await ctx.db.$transaction(async (tx) => {
    const webhook = await tx.webhook.findFirst({ where: { id }, select: { id: true, url: true } });
    if (!webhook) throw new NotFoundError("Webhook");
    await tx.webhook.delete({ where: { id } });
    await recordAuditEvent(tx, ctx, { action: "webhook.deleted", targetType: "webhook", targetId: id, metadata: { url: webhook.url } });
  });
}

const DELIVERY_SELECT = {
  id: true,
  eventId: true,
  eventType: true,
  status: true,
  deliveredAt: true,
  createdAt: true,
  attempts: { orderBy: { createdAt: "asc" }, select: { attempt: true, url: true, responseStatus: true, durationMs: true, responseExcerpt: true, error: true, createdAt: true } },
} as const;

/** The newest deliveries of an endpoint with every attempt, newest first. */
export async function listDeliveries({ ctx, id, limit = 50 }: { ctx: WorkspaceContext; id: string; limit?: number }) {
  await getWebhook({ ctx, id });
  return ctx.db.webhookDelivery.findMany({ where: { webhookId: id }, orderBy: { createdAt: "desc" }, take: limit, select: DELIVERY_SELECT });
}

/** Sends a `webhook.test` event to this endpoint now (also to a disabled one, to check it before re-enabling). */
export async function sendTestEvent({ ctx, id }: { ctx: WorkspaceContext; id: string }) {
  const webhook = await getWebhook({ ctx, id });
  const delivery = await ctx.db.$transaction(async (tx) => {
    const created = await tx.webhookDelivery.create({
      data: {
        workspaceId: ctx.workspace.id,
        webhookId: webhook.id,
        eventType: "webhook.test",
        eventId: newEventId(),
        payload: webhookPayload("webhook.test", { workspace: { slug: ctx.workspace.slug, name: ctx.workspace.name }, message: "A test event from Readyroom." }),
      },
      select: DELIVERY_SELECT,
    });
    await recordAuditEvent(tx, ctx, { action: "webhook.tested", targetType: "webhook", targetId: webhook.id, metadata: { deliveryId: created.id } });
    return created;
  });
  kickOutbox();
  return delivery;
}

/** Sends a delivery again with its original `webhook-id` and body, as a new series of attempts. */
export async function resendDelivery({ ctx, id, deliveryId }: { ctx: WorkspaceContext; id: string; deliveryId: string }) {
  const webhook = await getWebhook({ ctx, id });
  const delivery = await ctx.db.$transaction(async (tx) => {
    const found = await tx.webhookDelivery.findFirst({ where: { id: deliveryId, webhookId: webhook.id }, select: { id: true, status: true, eventType: true } });
    if (!found) throw new NotFoundError("Delivery");
    if (!webhook.enabled && found.eventType !== "webhook.test") throw new ConflictError("The endpoint is disabled. Enable it before resending.");
    if (found.status === "pending") throw new ConflictError("The delivery is still being attempted.");
    const updated = await tx.webhookDelivery.update({ where: { id: found.id }, data: { status: "pending", queuedAt: null, nextAttemptAt: null, error: null }, select: DELIVERY_SELECT });
    await recordAuditEvent(tx, ctx, { action: "webhook.resent", targetType: "webhook", targetId: webhook.id, metadata: { deliveryId } });
    return updated;
  });
  kickOutbox();
  return delivery;
}
