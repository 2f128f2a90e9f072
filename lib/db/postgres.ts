import pg from "pg";
import type { SqlSession } from "./migrate";

/** Runs `fn` on one dedicated connection to a real PostgreSQL server. */
export async function withPostgresSession<T>(url: string, fn: (db: SqlSession) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn({
      exec: async (sql) => {
        await client.query(sql);
      },
      query: async <R>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as R[],
    });
  } finally {
    await client.end();
  }
}
