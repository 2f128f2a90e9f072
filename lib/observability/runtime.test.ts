import { describe, expect, it } from "vitest";
import { createLogger, environmentSecrets, logLevel, routeMatcher, scrub } from "./runtime.mjs";

const API_KEY = "rr_AbCdEfGhIjKl_0123456789abcdefghijklmnopqrstuvwxyzABCD";
const WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw+b0e2Q3Rk3A=";

function capture(env: Record<string, string | undefined> = {}) {
  const lines: string[] = [];
  const logger = createLogger({ env: { READYROOM_LOG_LEVEL: "debug", ...env }, destination: { write: (line: string) => lines.push(line) } });
  return { logger, lines, json: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("logs", () => {
  it("are JSON lines with the level, time, message and fields", () => {
    const { logger, json } = capture();
    logger.info({ requestId: "req_1", route: "/api/v1/me", status: 200 }, "request");
    expect(json()[0]).toMatchObject({ level: "info", msg: "request", requestId: "req_1", route: "/api/v1/me", status: 200, service: "readyroom" });
    expect(typeof json()[0]!.time).toBe("string");
  });

  it("redact secret keys at any of the first three depths", () => {
    const { logger, lines } = capture();
    logger.warn({ authorization: "Bearer abc", headers: { cookie: "readyroom.session=s3ss10n", "set-cookie": "x=1" }, input: { password: "hunter2hunter2", nested: { token: "t0k3n-t0k3n" } }, apiKey: "plain" }, "oops");
    const text = lines.join("");
    for (const secret of ["abc", "s3ss10n", "hunter2hunter2", "t0k3n-t0k3n", "plain", "x=1"]) expect(text).not.toContain(secret);
    expect(text).toContain("[redacted]");
  });

  it("scrub secrets by shape and the process's secret variables from messages and errors too", () => {
    const { logger, lines } = capture({ AUTH_SECRET: "auth-secret-auth-secret-auth-secret", READYROOM_METRICS_TOKEN: "metrics-token-metrics-token" });
    logger.error({ err: new Error(`failed for ${API_KEY} at postgresql://app:p4ssw0rd@db:5432/rr`) }, `webhook ${WEBHOOK_SECRET} with Bearer ${API_KEY}`);
    logger.info({ note: "auth-secret-auth-secret-auth-secret and metrics-token-metrics-token" }, "env");
    const text = lines.join("");
    for (const secret of [API_KEY, WEBHOOK_SECRET, "p4ssw0rd", "auth-secret-auth-secret-auth-secret", "metrics-token-metrics-token"]) expect(text).not.toContain(secret);
    const [error] = lines.map((l) => JSON.parse(l) as { err: { message: string; stack: string } });
    expect(error!.err.message).toBe("failed for rr_[redacted] at postgresql://app:[redacted]@db:5432/rr");
    expect(error!.err.stack).toContain("Error: failed for rr_[redacted]");
  });

  it("take the level from READYROOM_LOG_LEVEL; READYROOM_LOG=silent turns them off", () => {
    expect(logLevel({})).toBe("info");
    expect(logLevel({ READYROOM_LOG_LEVEL: "warn" })).toBe("warn");
    expect(logLevel({ READYROOM_DEBUG: "1" })).toBe("debug");
    expect(logLevel({ READYROOM_LOG: "silent", READYROOM_LOG_LEVEL: "debug" })).toBe("silent");
    const { logger, lines } = capture({ READYROOM_LOG_LEVEL: "warn" });
    logger.info({}, "quiet");
    logger.warn({}, "loud");
    expect(lines).toHaveLength(1);
  });

  it("know the secret variables by name, ignoring short values", () => {
    expect(environmentSecrets({ AUTH_SECRET: "long-enough-secret", AUTH_OIDC_SECRET: "short", UPSTASH_REDIS_REST_TOKEN: "upstash-token-1", PORT: "3000000000" })).toEqual(["long-enough-secret", "upstash-token-1"]);
    expect(scrub("a long-enough-secret b", ["long-enough-secret"])).toBe("a [redacted] b");
  });
});

describe("routeMatcher", () => {
  const match = routeMatcher({
    staticRoutes: [{ page: "/api/health", regex: "^/api/health(?:/)?$" }],
    dynamicRoutes: [
      { page: "/api/v1/workspaces/[ws]/projects", regex: "^/api/v1/workspaces/([^/]+?)/projects(?:/)?$" },
      { page: "/invite/[token]", regex: "^/invite/([^/]+?)(?:/)?$" },
      { page: "/[workspace]", regex: "^/([^/]+?)(?:/)?$" },
    ],
  });

  it("labels a path with its route pattern, never its ids or tokens", () => {
    expect(match("/api/health")).toBe("/api/health");
    expect(match("/api/v1/workspaces/acme/projects")).toBe("/api/v1/workspaces/[ws]/projects");
    expect(match("/invite/9f8e7d6c5b4a")).toBe("/invite/[token]");
    expect(match("/acme")).toBe("/[workspace]");
  });

  it("groups Next's own files and labels the rest unmatched", () => {
    expect(match("/_next/static/chunks/main.js")).toBe("/_next/static");
    expect(match("/_next/image")).toBe("/_next");
    expect(match("/a/b/c/d")).toBe("(unmatched)");
    expect(routeMatcher(null)("/anything")).toBe("(unmatched)");
  });
});
