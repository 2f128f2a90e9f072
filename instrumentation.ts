/** Runs once when a Readyroom server starts (Next.js instrumentation hook). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { scheduleDailySnapshots } = await import("./lib/jobs/daily-snapshots");
  scheduleDailySnapshots();
  const [{ startWebhookWorker }, { logger }, { onShutdown }, { stopJobQueue }] = await Promise.all([
    import("./lib/jobs/webhook-worker"),
    import("./lib/logger"),
    import("./lib/lifecycle"),
    import("./lib/jobs/queue"),
  ]);
  // Stops even a queue that is still starting; the launcher runs it after the last request (scripts/start.mjs).
  onShutdown("job queue", () => stopJobQueue());
  // A queue that cannot start must not stop the server from serving; deliveries wait in the outbox until it does.
  startWebhookWorker()
    .then((worker) => onShutdown("job queue", () => worker.stop()))
    .catch((error: unknown) => logger.error({ error: error instanceof Error ? error.message : String(error) }, "the webhook worker did not start"));
}
