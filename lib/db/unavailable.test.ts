import { describe, expect, it } from "vitest";
import { toErrorResponse } from "@/lib/http/errors";
import { isDatabaseUnavailable } from "./unavailable";

/** The shapes Prisma 7 with @prisma/adapter-pg threw here while PostgreSQL was stopped with `pg_ctlcluster … stop -m fast`. */
function prismaError(code: string, cause: Record<string, unknown>) {
  return Object.assign(new Error("\nInvalid `db.workspace.count()` invocation …"), {
    name: "PrismaClientKnownRequestError",
    code,
    meta: { modelName: "Workspace", driverAdapterError: { name: "DriverAdapterError", cause } },
  });
}
const adminShutdown = prismaError("P2039", { originalCode: "57P01", originalMessage: "terminating connection due to administrator command", kind: "postgres", code: "57P01", severity: "FATAL" });
const refused = prismaError("P1001", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["the server shutting down under a pooled connection", adminShutdown],
    ["a refused connection", refused],
    ["a connection closed mid-query", prismaError("P2039", { kind: "ConnectionClosed" })],
    ["the server starting up", prismaError("P2010", { kind: "postgres", code: "57P03", originalCode: "57P03" })],
    ["too many connections", prismaError("P2010", { kind: "postgres", code: "53300" })],
    ["a pool timeout", Object.assign(new Error("Timed out fetching a new connection"), { code: "P2024" })],
    ["a transaction that got no connection in time", Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), { code: "P2028" })],
    ["a transaction that expired while the database restarted", Object.assign(new Error("Transaction API error: A query cannot be executed on an expired transaction. The timeout for this transaction was 5000 ms, however 5735 ms passed since the start of the transaction."), { code: "P2028" })],
    ["pg's own error for a dropped socket", new Error("Connection terminated unexpectedly")],
    ["a socket error wrapped as the cause", new Error("query failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) })],
  ])("is true for %s", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", Object.assign(new Error("Unique constraint failed"), { code: "P2002" })],
    ["another transaction API error", Object.assign(new Error("Transaction API error: Transaction already closed"), { code: "P2028" })],
    ["a syntax error in SQL", prismaError("P2010", { kind: "postgres", code: "42601" })],
    ["a plain bug", new TypeError("Cannot read properties of undefined")],
    ["a string", "boom"],
    ["null", null],
  ])("is false for %s", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("does not loop on a cause cycle", () => {
    const a: { cause?: unknown; message: string } = { message: "a" };
    a.cause = { message: "b", cause: a };
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});

describe("toErrorResponse for an unreachable database", () => {
  it("answers 503 service_unavailable with Retry-After and no database text", async () => {
    for (const error of [adminShutdown, refused]) {
      const response = toErrorResponse(error, "req-1");
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      const text = await response.text();
      expect(JSON.parse(text).error).toMatchObject({ code: "service_unavailable", requestId: "req-1" });
      expect(text).not.toMatch(/prisma|57P01|127\.0\.0\.1|invocation|administrator/i);
    }
  });

  it("still answers 500 for an unexpected error", () => {
    expect(toErrorResponse(new TypeError("x is undefined"), "req-2").status).toBe(500);
  });
});
