import { applyMigrations } from "../lib/db/migrate";
import { withPostgresSession } from "../lib/db/postgres";

/** On a real PostgreSQL server the suite migrates it first; the embedded database migrates itself. */
export default async function globalSetup() {
  const url = process.env.DATABASE_URL;
  if (url) await withPostgresSession(url, (db) => applyMigrations(db));
}
