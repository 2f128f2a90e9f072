import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import lockfile from "proper-lockfile";
import type { SqlSession } from "./migrate";

export class DatabaseInUseError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `The embedded database in ${dataDir} is already open in another Readyroom process. ` +
        "Stop that process first (for example the running server), or point READYROOM_DATA_DIR at another folder.",
    );
    this.name = "DatabaseInUseError";
  }
}

export interface EmbeddedDatabase {
  pglite: PGlite;
  close(): Promise<void>;
}

/**
 * Opens the in-process PostgreSQL (PGlite). A data folder is held by one process
 * at a time through a lock file refreshed while the process lives; a second
 * process gets DatabaseInUseError instead of corrupting the folder.
 */
export async function openEmbedded(dataDir: string | "memory"): Promise<EmbeddedDatabase> {
  if (dataDir === "memory") {
    const pglite = await PGlite.create();
    return { pglite, close: () => pglite.close() };
  }
  mkdirSync(dataDir, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, {
      lockfilePath: `${dataDir}.lock`,
      stale: 15_000,
      update: 5_000,
      realpath: false,
      retries: 0,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") throw new DatabaseInUseError(dataDir);
    throw error;
  }
  try {
    const pglite = await PGlite.create(dataDir);
    return {
      pglite,
      close: async () => {
        await pglite.close();
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

export function pgliteSession(pglite: PGlite): SqlSession {
  return {
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
  };
}
