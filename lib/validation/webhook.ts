import { z } from "zod";
import { SUBSCRIBABLE_EVENTS } from "@/lib/webhooks/events";
import { nullableTimestamp, timestamp } from "./common";

export const webhookEvent = z.enum(SUBSCRIBABLE_EVENTS as [string, ...string[]]).meta({ id: "WebhookEvent" });

const endpointUrl = z.url({ protocol: /^https?$/ }).max(2000).meta({ description: "Where deliveries are POSTed; https in production. Private, loopback and link-local addresses are refused." });
const events = z.array(webhookEvent).min(1, "pick at least one event").max(SUBSCRIBABLE_EVENTS.length).transform((list) => [...new Set(list)]);

export const createWebhookInput = z.strictObject({
  url: endpointUrl,
  description: z.string().trim().max(500).default(""),
  events,
});
export type CreateWebhookInput = z.infer<typeof createWebhookInput>;

export const updateWebhookInput = z
  .strictObject({
    url: endpointUrl.optional(),
    description: z.string().trim().max(500).optional(),
    events: events.optional(),
    enabled: z.boolean().optional().meta({ description: "`true` re-enables an endpoint that was disabled after repeated failure." }),
  })
  .refine((v) => Object.keys(v).length > 0, "Send at least one field to change.");
export type UpdateWebhookInput = z.infer<typeof updateWebhookInput>;

export const webhookOutput = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    events: z.array(z.string()),
    enabled: z.boolean(),
    disabledAt: nullableTimestamp,
    disabledReason: z.string().nullable(),
    failureCount: z.int().meta({ description: "Deliveries in a row that failed every attempt." }),
    createdAt: timestamp,
  })
  .meta({ id: "Webhook" });

export const createdWebhookOutput = webhookOutput
  .extend({ secret: z.string().meta({ description: "The signing secret (`whsec_…`), shown in this response only. Verify `webhook-signature` with it (Standard Webhooks)." }) })
  .meta({ id: "CreatedWebhook" });

export const webhookAttemptOutput = z.object({
  attempt: z.int(),
  url: z.string(),
  responseStatus: z.int().nullable(),
  durationMs: z.int(),
  responseExcerpt: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: timestamp,
});

export const webhookDeliveryOutput = z
  .object({
    id: z.string(),
    eventId: z.string().meta({ description: "The `webhook-id` header: the same on every attempt and on a resend." }),
    eventType: z.string(),
    status: z.enum(["pending", "succeeded", "failed"]),
    attempts: z.array(webhookAttemptOutput),
    deliveredAt: nullableTimestamp,
    createdAt: timestamp,
  })
  .meta({ id: "WebhookDelivery" });
