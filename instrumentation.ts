/** Runs once when a Readyroom server starts (Next.js instrumentation hook). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { scheduleDailySnapshots } = await import("./lib/jobs/daily-snapshots");
  scheduleDailySnapshots();
  const [{ startWebhookWorker }, { logger }] = await Promise.all([import("./lib/jobs/webhook-worker"), import("./lib/logger")]);
  // A queue that cannot start must not stop the server from serving; deliveries wait in the outbox until it does.
  startWebhookWorker().catch((error: unknown) => logger.error({ error: error instanceof Error ? error.message : String(error) }, "the webhook worker did not start"));
}
