import "server-only";
import { systemWorkspaceContext } from "@/lib/auth/system";
import { refreshEmbeddedStatistics } from "@/lib/db/client";
import { purgeExpiredIdempotencyKeys } from "@/lib/db/global/idempotency";
import { listWorkspaceSlugsForOperator } from "@/lib/db/global/identity";
import { logger } from "@/lib/logger";
import { snapshotWorkspace } from "@/lib/services/trends/take-project-snapshot";

/** Takes today's snapshot of every project in every workspace (idempotent: one row per project and day). */
export async function snapshotAllWorkspaces(): Promise<{ workspaces: number; projects: number }> {
  const slugs = await listWorkspaceSlugsForOperator();
  let projects = 0;
  for (const slug of slugs) {
    const ctx = await systemWorkspaceContext(slug, "daily-snapshots");
    projects += await snapshotWorkspace({ ctx });
  }
  return { workspaces: slugs.length, projects };
}

const FIRST_RUN_MS = 60_000;
const EVERY_MS = 60 * 60_000;

/**
 * Keeps the daily snapshots (and, on the embedded database, the planner's
 * statistics) current and drops expired idempotency keys, from inside the server: a minute after start, then hourly (docs/decisions/0007-daily-snapshots.md). Several servers
 * may do the same; the upsert per project and day makes that harmless.
 */
export function scheduleDailySnapshots() {
  const run = () => {
    refreshEmbeddedStatistics()
      .then(() => snapshotAllWorkspaces())
      .then(async (done) => logger.debug({ ...done, idempotencyKeysPurged: await purgeExpiredIdempotencyKeys() }, "daily snapshots taken, expired idempotency keys purged"))
      .catch((error: unknown) => logger.warn({ error: error instanceof Error ? error.message : String(error) }, "daily snapshots failed; retrying within the hour"));
  };
  setTimeout(run, FIRST_RUN_MS).unref();
  setInterval(run, EVERY_MS).unref();
}
