import "server-only";
import { unseal } from "@/lib/auth/encryption";
import { abandonDelivery, loadDeliveryForSend, recordAttempt, type AttemptOutcome } from "@/lib/db/global/webhooks";
import { logger } from "@/lib/logger";
import { DISABLE_AFTER_FAILED_DELIVERIES } from "./events";
import { sendOutbound, type OutboundPolicy } from "./outbound";
import { signedHeaders } from "./signing";

export interface AttemptResult {
  outcome: AttemptOutcome | "skipped";
  status: number | null;
  error: string | null;
  disabled: boolean;
}

/**
 * Makes one attempt of a delivery: signs the stored body afresh (a new
 * `webhook-timestamp`, the same `webhook-id`), sends it through the SSRF
 * guard and logs what came back. `lastAttempt` says whether the queue will
 * try again if this fails; an address refused by the guard is not retried.
 */
export async function attemptDelivery(deliveryId: string, options: { policy: OutboundPolicy; lastAttempt: boolean; nextAttemptAt: Date | null; now?: () => Date }): Promise<AttemptResult> {
  const delivery = await loadDeliveryForSend(deliveryId);
  if (!delivery || delivery.status !== "pending") return { outcome: "skipped", status: null, error: null, disabled: false };
  if (!delivery.webhook.enabled && delivery.eventType !== "webhook.test") {
    await abandonDelivery(deliveryId, "The endpoint was disabled before this delivery was sent.");
    return { outcome: "skipped", status: null, error: null, disabled: false };
  }
  const now = options.now ?? (() => new Date());
  const body = JSON.stringify(delivery.payload);
  const headers = signedHeaders(unseal("webhook-secret", delivery.webhook.secretEncrypted), delivery.eventId, body, now());
  const result = await sendOutbound({ url: delivery.webhook.url, headers, body }, options.policy);
  const succeeded = result.ok;
  const refused = result.status === null && result.refused;
  const outcome: AttemptOutcome = succeeded ? "succeeded" : options.lastAttempt || refused ? "failed" : "retry";
  const error = result.status === null ? result.error : result.ok ? null : `HTTP ${result.status}`;
  const { disabled } = await recordAttempt(
    {
      deliveryId,
      workspaceId: delivery.workspaceId,
      webhookId: delivery.webhookId,
      attempt: delivery.attempt + 1,
      url: delivery.webhook.url,
      responseStatus: result.status,
      durationMs: result.durationMs,
      responseExcerpt: result.status === null ? null : result.excerpt,
      error,
    },
    outcome,
    { nextAttemptAt: outcome === "retry" ? options.nextAttemptAt : null, disableAfter: DISABLE_AFTER_FAILED_DELIVERIES, now: now() },
  );
  if (disabled) logger.warn({ webhookId: delivery.webhookId, workspaceId: delivery.workspaceId }, "webhook endpoint disabled after repeated failure");
  return { outcome, status: result.status, error, disabled };
}
