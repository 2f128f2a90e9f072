import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { observability } from "@/lib/observability/runtime.mjs";
import { databaseConfig, type DatabaseConfig } from "./config";
import { openEmbedded, pgliteSession } from "./embedded";
import { applyMigrations, migrationStatus, type MigrationStatus, type SqlSession } from "./migrate";

/**
 * The raw Prisma client. Only code under lib/db/ may use it (lint rule
 * `no-restricted-imports`); everything else gets a workspace-scoped client
 * from lib/db/scoped.ts or one of the narrow accessors next to it.
 */
export interface DatabaseHandle {
  prisma: PrismaClient;
  kind: DatabaseConfig["kind"];
  /** LISTEN on a channel; resolves to an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** How the job queue (pg-boss) reaches the same database: its own pool on a server, the one in-process connection when embedded. */
  queueConnection: { connectionString: string } | { db: QueueSql };
  close(): Promise<void>;
}

/** pg-boss's database interface. */
export interface QueueSql {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** How long a request waits for a pooled connection before it fails (lib/db/unavailable.ts turns that into a 503). */
const CONNECT_TIMEOUT_MS = 5_000;

const QUEUE_TRANSACTION = /^\s*BEGIN;([\s\S]*?);?\s*COMMIT;?\s*$/i;

/**
 * pg-boss on PGlite: parameterised statements go through `query`; its
 * multi-statement scripts (migrations, `BEGIN; …; COMMIT;` batches) through
 * `exec`, a wrapped one inside PGlite's own transaction so it holds the
 * connection from BEGIN to COMMIT.
 */
function pgliteQueueSql(pglite: Awaited<ReturnType<typeof openEmbedded>>["pglite"]): QueueSql {
  return {
    async executeSql(text, values) {
      if (values && values.length) return pglite.query(text, values);
      const wrapped = QUEUE_TRANSACTION.exec(text);
      const results = wrapped ? await pglite.transaction((tx) => tx.exec(wrapped[1]!)) : await pglite.exec(text);
      return results.at(-1) ?? { rows: [] };
    },
  };
}

const holder = globalThis as typeof globalThis & {
  __readyroomDatabase?: Promise<DatabaseHandle>;
  __readyroomQueryListeners?: Set<(sql: string, durationMs: number) => void>;
};

const queryListeners = (holder.__readyroomQueryListeners ??= new Set());

/**
 * Observes every SQL statement this process sends (tests count queries per
 * request; the benchmark reports them). Returns the function that stops observing.
 */
export function onQuery(listener: (sql: string, durationMs: number) => void): () => void {
  queryListeners.add(listener);
  return () => queryListeners.delete(listener);
}

function instrument(prisma: PrismaClient<"query">): PrismaClient {
  const { dbQueries, dbQueryDuration } = observability().metrics;
  prisma.$on("query", (event) => {
    dbQueries.inc();
    dbQueryDuration.observe(event.duration / 1000);
    for (const listener of queryListeners) listener(event.query, event.duration);
  });
  return prisma as unknown as PrismaClient;
}

async function open(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.kind === "postgres") {
    const prisma = instrument(
      new PrismaClient({
        // A connection that cannot be had within the timeout fails the request (503) instead of holding it while the database is away.
        adapter: new PrismaPg({ connectionString: config.url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10), connectionTimeoutMillis: CONNECT_TIMEOUT_MS }),
        log: [{ emit: "event", level: "query" }],
      }),
    );
    const listeners: pg.Client[] = [];
    return {
      prisma,
      kind: "postgres",
      listen: (channel, onPayload) => listenPostgres(config.url, channel, onPayload, listeners),
      queueConnection: { connectionString: config.url },
      close: async () => {
        await Promise.all(listeners.map((c) => c.end().catch(() => {})));
        await prisma.$disconnect();
      },
    };
  }
  const embedded = await openEmbedded(config.dataDir);
  try {
    // The embedded database migrates itself at start-up: there is no operator to run `readyroom migrate`.
    await applyMigrations(pgliteSession(embedded.pglite));
    // PGlite has no autovacuum: without statistics and a visibility map its planner picks the wrong plans (docs/decisions/0006).
    if (config.dataDir !== "memory") await embedded.pglite.exec("VACUUM ANALYZE");
  } catch (error) {
    await embedded.close();
    throw error;
  }
  const prisma = instrument(new PrismaClient({ adapter: new PrismaPGlite(embedded.pglite), log: [{ emit: "event", level: "query" }] }));
  return {
    prisma,
    kind: "embedded",
    listen: async (channel, onPayload) => {
      const unlisten = await embedded.pglite.listen(channel, onPayload);
      return async () => unlisten();
    },
    queueConnection: { db: pgliteQueueSql(embedded.pglite) },
    close: async () => {
      await prisma.$disconnect();
      await embedded.close();
    },
  };
}

/**
 * A dedicated connection for LISTEN (a pooled one would be returned to the
 * pool); it reconnects after a failure so a server keeps receiving changes.
 */
async function listenPostgres(url: string, channel: string, onPayload: (payload: string) => void, registry: pg.Client[]) {
  let client: pg.Client | null = null;
  let stopped = false;
  const connect = async () => {
    const next = new pg.Client({ connectionString: url });
    next.on("notification", (message) => {
      if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
    });
    next.on("error", () => {
      registry.splice(registry.indexOf(next), 1);
      if (!stopped) setTimeout(() => void connect().catch(() => {}), 1_000).unref();
    });
    await next.connect();
    await next.query(`LISTEN "${channel.replace(/"/g, "")}"`);
    client = next;
    registry.push(next);
  };
  await connect();
  return async () => {
    stopped = true;
    if (client) {
      registry.splice(registry.indexOf(client), 1);
      await client.end().catch(() => {});
    }
  };
}

export function database(): Promise<DatabaseHandle> {
  holder.__readyroomDatabase ??= open(databaseConfig()).catch((error: unknown) => {
    holder.__readyroomDatabase = undefined;
    throw error;
  });
  return holder.__readyroomDatabase;
}

export async function rawDb(): Promise<PrismaClient> {
  return (await database()).prisma;
}

/** Refreshes the planner's statistics on the embedded database, which has no autovacuum to do it (the hourly job calls this). */
export async function refreshEmbeddedStatistics(): Promise<void> {
  const handle = await database();
  if (handle.kind === "embedded") await handle.prisma.$executeRawUnsafe("VACUUM ANALYZE");
}

export async function closeDatabase(): Promise<void> {
  const pending = holder.__readyroomDatabase;
  holder.__readyroomDatabase = undefined;
  if (pending) await (await pending).close();
}

/** Reads migration state through the app's own connection (readiness checks). */
export async function currentMigrationStatus(): Promise<MigrationStatus> {
  const prisma = await rawDb();
  const session: SqlSession = {
    exec: async (sql) => {
      await prisma.$executeRawUnsafe(sql);
    },
    query: <T>(sql: string, params: unknown[] = []) => prisma.$queryRawUnsafe<T[]>(sql, ...params),
  };
  return migrationStatus(session);
}
