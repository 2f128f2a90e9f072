import { database } from "./client";
import { databaseConfig } from "./config";
import { applyMigrations } from "./migrate";
import { withPostgresSession } from "./postgres";

/** `readyroom migrate`: applies pending migrations to the configured database and says what it did. */
export async function migrateConfiguredDatabase(): Promise<string> {
  const config = databaseConfig();
  if (config.kind === "postgres") {
    const applied = await withPostgresSession(config.url, (db) => applyMigrations(db));
    return applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join("\n  ")}` : "No pending migrations.";
  }
  // Opening the embedded database applies its migrations.
  await database();
  return `Embedded database is current (${config.dataDir === "memory" ? "in memory" : config.dataDir}).`;
}
