/** Runs once when a Readyroom server starts (Next.js instrumentation hook). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { scheduleDailySnapshots } = await import("./lib/jobs/daily-snapshots");
  scheduleDailySnapshots();
}
