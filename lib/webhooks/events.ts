/** What an endpoint can subscribe to. `webhook.test` is sent only by "Send test event". */
export const WEBHOOK_EVENTS = {
  "item.created": "An item was added to a register (by hand, the API or a single create; imports are not announced item by item).",
  "item.updated": "An item's fields changed; the event lists which.",
  "gate.evaluation_changed": "A gate's recommendation or a criterion's state changed.",
  "decision.recorded": "Someone recorded a Go, No-Go or Go-with-known-risks decision.",
  "deferred_risk.overdue": "A risk deferred by a decision passed its due date unresolved (sent once).",
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENTS | "webhook.test";
export const SUBSCRIBABLE_EVENTS = Object.keys(WEBHOOK_EVENTS) as (keyof typeof WEBHOOK_EVENTS)[];

/** Retries of one delivery: the first attempt and this many more, 30 s apart doubling (about 30 minutes in all). */
export const DELIVERY_RETRIES = 6;
export const DELIVERY_RETRY_DELAY_SECONDS = 30;
/** An endpoint is disabled after this many deliveries in a row failed every attempt. */
export const DISABLE_AFTER_FAILED_DELIVERIES = 5;
