import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { migrationsDir } from "./config";

/**
 * Applies `prisma/migrations/<name>/migration.sql` in order and records them in
 * Prisma's own `_prisma_migrations` table, so `prisma migrate status` and this
 * runner agree. It needs no schema engine and no network (docs/decisions/0002-database.md).
 */
export interface SqlSession {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied migrations whose file changed after they were applied. */
  modified: string[];
  /** Migrations the database has that the folder does not. */
  unknown: string[];
}

const LOCK_ID = 7_274_274;

export async function loadMigrations(dir = migrationsDir()): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface Row {
  migration_name: string;
  checksum: string;
}

async function appliedRows(db: SqlSession): Promise<Row[]> {
  const exists = await db.query<{ present: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`,
  );
  if (!exists[0]?.present) return [];
  return db.query<Row>(
    `SELECT migration_name, checksum FROM "_prisma_migrations"
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
}

export async function migrationStatus(db: SqlSession, migrations?: Migration[]): Promise<MigrationStatus> {
  const all = migrations ?? (await loadMigrations());
  const rows = await appliedRows(db);
  const byName = new Map(rows.map((r) => [r.migration_name, r.checksum]));
  const known = new Set(all.map((m) => m.name));
  return {
    applied: all.filter((m) => byName.has(m.name)).map((m) => m.name),
    pending: all.filter((m) => !byName.has(m.name)).map((m) => m.name),
    modified: all.filter((m) => byName.has(m.name) && byName.get(m.name) !== m.checksum).map((m) => m.name),
    unknown: rows.map((r) => r.migration_name).filter((n) => !known.has(n)),
  };
}

/**
 * Applies every pending migration, each in its own transaction. A session-level
 * advisory lock serialises concurrent runners (several app servers starting at once).
 */
export async function applyMigrations(db: SqlSession, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  await db.exec(`SELECT pg_advisory_lock(${LOCK_ID})`);
  try {
    await db.exec(CREATE_TABLE);
    const status = await migrationStatus(db, all);
    if (status.modified.length > 0) {
      throw new Error(
        `Migrations were changed after they were applied: ${status.modified.join(", ")}. ` +
          "Create a new migration instead of editing an applied one.",
      );
    }
    const applied: string[] = [];
    for (const migration of all.filter((m) => status.pending.includes(m.name))) {
      await db.exec("BEGIN");
      try {
        await db.exec(migration.sql);
        await db.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await db.exec("COMMIT");
      } catch (error) {
        await db.exec("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
      }
      applied.push(migration.name);
    }
    return applied;
  } finally {
    await db.exec(`SELECT pg_advisory_unlock(${LOCK_ID})`);
  }
}
