import { randomBytes } from "node:crypto";
// The checksums read every table of every tenant, which only the raw client can; they only ever SELECT.
// eslint-disable-next-line no-restricted-imports
import { closeDatabase, rawDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { withPostgresSession } from "@/lib/db/postgres";

/**
 * Whole-database checksums for tests that must prove a request wrote nothing
 * anywhere: one md5 per table over all its rows, every table in one statement.
 */
export interface TableChecksum {
  rows: number;
  sum: string;
}

export interface TableChecksums {
  /** Every table checksummed, `schema.Table`. */
  readonly tables: readonly string[];
  /**
   * The checksum of every table now. `callerApiKeyId` is the key the request
   * authenticated with: its own `lastUsedAt` is left out (see below).
   */
  take(callerApiKeyId?: string | null): Promise<Map<string, TableChecksum>>;
}

/** The tables of the application and of anything else in the database (pg-boss), less the migrations ledger. */
const TABLES_SQL = `
  SELECT table_schema AS "schema", table_name AS "name"
  FROM information_schema.tables
  WHERE table_type = 'BASE TABLE'
    AND table_schema NOT IN ('pg_catalog', 'information_schema')
    AND table_schema NOT LIKE 'pg\\_%'
    AND table_name <> '_prisma_migrations'
  ORDER BY 1, 2`;

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * How a row is written for its table's checksum: its text form, except one
 * column. `ApiKey.lastUsedAt` is stamped by the authentication of every API
 * call (lib/db/global/api-keys.ts, at most once a minute per key), before any
 * workspace or permission is looked at, so a refused call with a key moves its
 * own key's `lastUsedAt`. Only the calling key's own column is left out ($1);
 * every other key's, in any workspace, still counts. `ScimToken.lastUsedAt` is
 * stamped the same way by the SCIM endpoint, whose calls in the matrix carry
 * workspace A's own token whatever the caller: it is left out for every token.
 */
function rowText(schema: string, name: string): string {
  if (schema === "public" && name === "ApiKey") return `(CASE WHEN t.id = $1 THEN to_jsonb(t) - 'lastUsedAt' ELSE to_jsonb(t) END)::text`;
  if (schema === "public" && name === "ScimToken") return `(to_jsonb(t) - 'lastUsedAt')::text`;
  return "t::text";
}

export async function tableChecksums(): Promise<TableChecksums> {
  const db = await rawDb();
  const found = await db.$queryRawUnsafe<{ schema: string; name: string }[]>(TABLES_SQL);
  const tables = found.map((t) => `${t.schema}.${t.name}`);
  const sql = found
    .map(({ schema, name }, i) => {
      const row = rowText(schema, name);
      return `SELECT ${i} AS "table", count(*)::int AS "rows", md5(coalesce(string_agg(${row}, '|' ORDER BY ${row}), '')) AS "sum" FROM ${quote(schema)}.${quote(name)} t`;
    })
    .join("\nUNION ALL\n");
  return {
    tables,
    async take(callerApiKeyId) {
      const params = sql.includes("$1") ? [callerApiKeyId ?? ""] : [];
      const rows = await db.$queryRawUnsafe<{ table: number; rows: number; sum: string }[]>(sql, ...params);
      return new Map(rows.map((r) => [tables[r.table]!, { rows: r.rows, sum: r.sum }]));
    },
  };
}

/** The tables whose checksum differs, with their row counts before and after. */
export function changedTables(before: Map<string, TableChecksum>, after: Map<string, TableChecksum>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names]
    .filter((name) => before.get(name)?.sum !== after.get(name)?.sum)
    .map((name) => `${name} (rows ${before.get(name)?.rows ?? "-"} → ${after.get(name)?.rows ?? "-"})`);
}

/**
 * A database of the test file's own. The embedded one already is (in memory,
 * one per file); on a PostgreSQL server, which the suite's files share and
 * write to in parallel, this creates and migrates a new database for the
 * file, so that a checksum of every table sees only this file's requests.
 * The role in DATABASE_URL needs CREATEDB. Returns the clean-up for afterAll.
 */
export async function ownDatabase(): Promise<() => Promise<void>> {
  const shared = process.env.DATABASE_URL;
  if (!shared) return async () => {};
  const name = `readyroom_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const url = new URL(shared);
  url.pathname = `/${name}`;
  await withPostgresSession(shared, (db) => db.exec(`CREATE DATABASE ${quote(name)}`));
  await withPostgresSession(url.href, (db) => applyMigrations(db));
  await closeDatabase();
  process.env.DATABASE_URL = url.href;
  return async () => {
    await closeDatabase();
    process.env.DATABASE_URL = shared;
    await withPostgresSession(shared, (db) => db.exec(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`));
  };
}
