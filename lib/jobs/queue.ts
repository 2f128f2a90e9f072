import "server-only";
import PgBoss from "pg-boss";
import { queueConnection as connection } from "@/lib/db/global/queue";
import { logger } from "@/lib/logger";

/**
 * The job queue: pg-boss on the application's own PostgreSQL (its tables in
 * the `pgboss` schema), or on the embedded database through the same
 * connection. One per process, started on first use (docs/decisions/0012-webhooks.md).
 */
const holder = globalThis as typeof globalThis & { __readyroomQueue?: Promise<PgBoss> };

export interface QueueOptions {
  /** pg-boss's maintenance (expiring and archiving jobs); servers keep it on, tests turn it off. */
  supervise?: boolean;
}

async function start(options: QueueOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    ...((await connection()) as PgBoss.ConstructorOptions),
    schema: "pgboss",
    application_name: "readyroom-queue",
    max: 4,
    supervise: options.supervise ?? true,
    schedule: false,
    migrate: true,
  });
  boss.on("error", (error) => logger.warn({ error: error.message }, "job queue error"));
  await boss.start();
  return boss;
}

export function jobQueue(options: QueueOptions = {}): Promise<PgBoss> {
  holder.__readyroomQueue ??= start(options).catch((error: unknown) => {
    holder.__readyroomQueue = undefined;
    throw error;
  });
  return holder.__readyroomQueue;
}

/** Stops the workers (letting running jobs finish for up to `timeoutMs`) and the queue's connections. */
export async function stopJobQueue(timeoutMs = 10_000): Promise<void> {
  const pending = holder.__readyroomQueue;
  holder.__readyroomQueue = undefined;
  if (!pending) return;
  const boss = await pending.catch(() => null);
  await boss?.stop({ graceful: true, wait: true, timeout: Math.max(1000, timeoutMs) });
}
