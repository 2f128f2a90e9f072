import "server-only";
import { Gauge } from "prom-client";
import { logger } from "@/lib/logger";
import { observability } from "@/lib/observability/runtime.mjs";
import { jobQueue } from "./queue";
import { DELIVERY_QUEUE, GATE_REVIEW_QUEUE } from "./webhook-worker";

const QUEUES = [DELIVERY_QUEUE, GATE_REVIEW_QUEUE];

/**
 * The job queue's figures, read from pg-boss when metrics are scraped: jobs
 * waiting (new or due for a retry) and running, per queue. Registered once.
 */
export function registerQueueMetrics(): void {
  const { registry } = observability().metrics;
  if (registry.getSingleMetric("readyroom_job_queue_jobs")) return;
  new Gauge({
    name: "readyroom_job_queue_jobs",
    help: "Jobs in the queue by state: waiting (new or due for a retry) and active.",
    labelNames: ["queue", "state"],
    registers: [registry],
    async collect() {
      try {
        const boss = await jobQueue();
        for (const queue of QUEUES) {
          const [waiting, unfinished] = await Promise.all([boss.getQueueSize(queue), boss.getQueueSize(queue, { before: "completed" })]);
          this.set({ queue, state: "waiting" }, waiting);
          this.set({ queue, state: "active" }, Math.max(0, unfinished - waiting));
        }
      } catch (error) {
        logger.warn({ err: error }, "metrics: the job queue did not answer");
      }
    },
  });
}
