/**
 * Whether a thrown value means "the database cannot be reached right now"
 * (down, restarting, refusing connections, the connection dropped, the pool
 * exhausted) rather than a fault in the request or the code. Such failures are
 * answered 503 with Retry-After, not 500: the client may retry, and the server
 * recovers by itself once the database is back (docs/decisions/0018).
 */

/** Prisma's codes for a database it cannot reach or that closed the connection, and a pool that timed out. */
const PRISMA_UNAVAILABLE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** The driver adapter's kinds for a socket that failed. */
const ADAPTER_UNAVAILABLE = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 53300 too many
 * connections, 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up).
 */
const SQLSTATE_UNAVAILABLE = /^(08\w{3}|53300|57P0[123])$/;
/** Node's socket errors, and pg's own message for a connection that ended mid-query. */
const SOCKET_UNAVAILABLE = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);
const CONNECTION_ENDED = /^Connection terminated|^Client has encountered a connection error|^Connection ended|timeout exceeded when trying to connect/;
/**
 * P2028 is any transaction API error; these two mean the database did not
 * keep up (no connection came in time, or a statement inside waited past the
 * transaction's timeout, as when PostgreSQL restarts under it). Either way the
 * transaction was rolled back, so the client may retry.
 */
const TRANSACTION_NOT_SERVED = /Unable to start a transaction in the given time|cannot be executed on an expired transaction/;

type Loose = { code?: unknown; message?: unknown; cause?: unknown; meta?: unknown; kind?: unknown; originalCode?: unknown };

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length) {
    const value = pending.pop();
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    const e = value as Loose;
    const code = typeof e.code === "string" ? e.code : undefined;
    if (code && (PRISMA_UNAVAILABLE.has(code) || SQLSTATE_UNAVAILABLE.test(code) || SOCKET_UNAVAILABLE.has(code))) return true;
    if (code === "P2028" && typeof e.message === "string" && TRANSACTION_NOT_SERVED.test(e.message)) return true;
    if (typeof e.originalCode === "string" && SQLSTATE_UNAVAILABLE.test(e.originalCode)) return true;
    if (typeof e.kind === "string" && ADAPTER_UNAVAILABLE.has(e.kind)) return true;
    if (typeof e.message === "string" && CONNECTION_ENDED.test(e.message)) return true;
    pending.push(e.cause);
    if (typeof e.meta === "object" && e.meta !== null) pending.push((e.meta as { driverAdapterError?: unknown }).driverAdapterError);
    if (value instanceof AggregateError) pending.push(...value.errors);
  }
  return false;
}
