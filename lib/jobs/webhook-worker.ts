import "server-only";
import type PgBoss from "pg-boss";
import { systemWorkspaceContext } from "@/lib/auth/system";
import { afterChange, type ProjectChange } from "@/lib/db/events";
import { overdueRiskWorkspaces, requeueStale, takeOutbox, workspaceSlugOf, workspaceSubscribes } from "@/lib/db/global/webhooks";
import { logger } from "@/lib/logger";
import { announceOverdueRisks, reviewGateEvaluations } from "@/lib/services/webhooks/announce";
import { attemptDelivery } from "@/lib/webhooks/deliver";
import { DELIVERY_RETRIES, DELIVERY_RETRY_DELAY_SECONDS } from "@/lib/webhooks/events";
import { defaultOutboundPolicy, type OutboundPolicy } from "@/lib/webhooks/outbound";
import { onOutboxKick, takeOutboxDirty } from "@/lib/webhooks/outbox-signal";
import { jobQueue, stopJobQueue } from "./queue";

export const DELIVERY_QUEUE = "webhook-delivery";
export const GATE_REVIEW_QUEUE = "gate-review";

export interface WebhookWorkerOptions {
  policy?: OutboundPolicy;
  /** Attempts after the first (pg-boss `retryLimit`). */
  retries?: number;
  /** The first retry's delay; pg-boss doubles it each time and adds jitter (`retryBackoff`). */
  retryDelaySeconds?: number;
  /** How often the outbox, stale deliveries and overdue risks are swept. */
  sweepEveryMs?: number;
  /** How long changes to a project are gathered before its gates are reviewed. */
  gateReviewDebounceSeconds?: number;
  pollingIntervalSeconds?: number;
  supervise?: boolean;
}

export interface WebhookWorker {
  /** Hands every outbox row to the queue now; resolves to how many. */
  flush(): Promise<number>;
  /** One sweep: stale deliveries, the outbox and overdue deferred risks. */
  sweep(): Promise<void>;
  stop(): Promise<void>;
}

type DeliveryJob = { deliveryId: string };
type ReviewJob = { workspaceId: string; projectId: string };

const GATE_CHANGES = new Set<ProjectChange["type"]>(["item", "phase", "project"]);

/**
 * Delivers webhooks from this process: the outbox is flushed into pg-boss
 * right after a change commits (and swept every half minute in case a signal
 * was missed), two workers make the attempts, and pg-boss retries a failed
 * one with exponential backoff and jitter. Gate evaluations are reviewed
 * off the request path, a few seconds after the project's last change.
 */
export async function startWebhookWorker(options: WebhookWorkerOptions = {}): Promise<WebhookWorker> {
  const policy = options.policy ?? defaultOutboundPolicy();
  const retries = options.retries ?? DELIVERY_RETRIES;
  const boss = await jobQueue({ supervise: options.supervise });
  await boss.createQueue(DELIVERY_QUEUE, { name: DELIVERY_QUEUE, retryLimit: retries, retryDelay: options.retryDelaySeconds ?? DELIVERY_RETRY_DELAY_SECONDS, retryBackoff: true, expireInSeconds: 60 });
  await boss.createQueue(GATE_REVIEW_QUEUE, { name: GATE_REVIEW_QUEUE, retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInSeconds: 120 });

  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 5;
  const deliver = async ([job]: PgBoss.JobWithMetadata<DeliveryJob>[]) => {
    if (!job) return;
    const lastAttempt = job.retryCount >= job.retryLimit;
    const delaySeconds = job.retryDelay * 2 ** job.retryCount;
    const result = await attemptDelivery(job.data.deliveryId, { policy, lastAttempt, nextAttemptAt: new Date(Date.now() + delaySeconds * 1000) });
    // Throwing hands the job back to pg-boss, which schedules the retry.
    if (result.outcome === "retry") throw new Error(result.error ?? "delivery failed");
  };
  const workerIds = [
    await boss.work<DeliveryJob>(DELIVERY_QUEUE, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds }, deliver),
    await boss.work<DeliveryJob>(DELIVERY_QUEUE, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds }, deliver),
  ];
  await boss.work<ReviewJob>(GATE_REVIEW_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async ([job]) => {
    if (!job) return;
    const slug = await workspaceSlugOf(job.data.workspaceId);
    if (!slug) return;
    const announced = await reviewGateEvaluations({ ctx: await systemWorkspaceContext(slug, "webhooks"), projectId: job.data.projectId });
    if (announced > 0) await flush();
  });

  let flushing: Promise<number> | null = null;
  const flushOnce = async (): Promise<number> => {
    let sent = 0;
    for (;;) {
      const ids = await takeOutbox(100);
      if (ids.length === 0) break;
      await boss.insert(ids.map((deliveryId) => ({ name: DELIVERY_QUEUE, data: { deliveryId }, retryLimit: retries, retryDelay: options.retryDelaySeconds ?? DELIVERY_RETRY_DELAY_SECONDS, retryBackoff: true })));
      sent += ids.length;
    }
    if (sent > 0) for (const id of workerIds) boss.notifyWorker(id);
    return sent;
  };
  /** One flush at a time; a signal during a flush runs another after it. */
  const flush = async (): Promise<number> => {
    while (flushing) await flushing.catch(() => 0);
    flushing = flushOnce().finally(() => (flushing = null));
    return flushing;
  };
  const flushQuietly = () => void flush().catch((error: unknown) => logger.warn({ error: error instanceof Error ? error.message : String(error) }, "webhook outbox flush failed; the sweep retries"));

  const reviewDebounce = options.gateReviewDebounceSeconds ?? 3;
  const stopAfterChange = afterChange((change) => {
    if (takeOutboxDirty()) flushQuietly();
    if (!GATE_CHANGES.has(change.type)) return;
    void workspaceSubscribes(change.workspaceId, "gate.evaluation_changed")
      .then((wanted) => (wanted ? boss.sendDebounced(GATE_REVIEW_QUEUE, { workspaceId: change.workspaceId, projectId: change.projectId }, {}, reviewDebounce, change.projectId) : null))
      .catch((error: unknown) => logger.warn({ error: error instanceof Error ? error.message : String(error) }, "could not schedule a gate review"));
  });
  const stopKick = onOutboxKick(flushQuietly);

  const sweep = async () => {
    await requeueStale(10 * 60_000);
    for (const slug of await overdueRiskWorkspaces()) await announceOverdueRisks({ ctx: await systemWorkspaceContext(slug, "webhooks") });
    await flush();
  };
  const timer = setInterval(() => {
    sweep().catch((error: unknown) => logger.warn({ error: error instanceof Error ? error.message : String(error) }, "webhook sweep failed"));
  }, options.sweepEveryMs ?? 30_000);
  timer.unref();

  return {
    flush,
    sweep,
    stop: async () => {
      clearInterval(timer);
      stopAfterChange();
      stopKick();
      await stopJobQueue();
    },
  };
}
