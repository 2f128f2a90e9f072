/**
 * Logs, metrics and the request context, shared through globalThis by the
 * launcher (scripts/start.mjs, outside the Next bundle) and the app
 * (docs/decisions/0017-observability.md). Plain JavaScript so the launcher
 * loads it without a build; lib/observability/runtime.d.mts types it.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";
import client from "prom-client";

/** Keys whose values never reach a log line, at any of the first three depths. */
const SECRET_KEYS = ["authorization", "cookie", "password", "secret", "token", "apiKey", "key", "sessionToken", "clientSecret", "accessToken", "refreshToken", "idToken"];
export const REDACT_PATHS = [
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  'headers["set-cookie"]',
  '*.headers["set-cookie"]',
];

/** Secrets recognised by their shape wherever they appear, messages and error text included. */
const SECRET_SHAPES = [
  [/rr_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{20,}/g, "rr_[redacted]"],
  [/whsec_[A-Za-z0-9+/=]{20,}/g, "whsec_[redacted]"],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, "$1 [redacted]"],
  [/\b([a-z][a-z0-9+.-]*:\/\/[^:@/\s"]+):[^@/\s"]+@/gi, "$1:[redacted]@"],
];

/** The values of this process's secret variables (`*_SECRET`, `*_TOKEN`, `*_PASSWORD`), longest first. */
export function environmentSecrets(env = process.env) {
  return Object.entries(env)
    .filter(([name, value]) => /SECRET|TOKEN|PASSWORD/.test(name) && typeof value === "string" && value.length >= 8)
    .map(([, value]) => value)
    .sort((a, b) => b.length - a.length);
}

/** A log line with every secret it may hold replaced. */
export function scrub(line, secrets) {
  let out = line;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join("[redacted]");
  for (const [shape, replacement] of SECRET_SHAPES) out = out.replace(shape, replacement);
  return out;
}

export function logLevel(env = process.env) {
  if (env.READYROOM_LOG === "silent") return "silent";
  const level = env.READYROOM_LOG_LEVEL?.trim();
  if (level) return level;
  return env.READYROOM_DEBUG ? "debug" : "info";
}

/** A pino logger writing scrubbed JSON lines to `destination` (stdout). */
export function createLogger({ env = process.env, destination = process.stdout } = {}) {
  const secrets = environmentSecrets(env);
  const stream = { write: (line) => destination.write(scrub(line, secrets)) };
  return pino(
    {
      level: logLevel(env),
      base: { service: "readyroom" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    },
    stream,
  );
}

/** Request-duration buckets in seconds: API answers are tens of milliseconds, imports a second or more. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const QUERY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5];

function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new client.Histogram({ name: "http_request_duration_seconds", help: "Time to answer a request, by route pattern, method and status.", labelNames: ["method", "route", "status_code"], buckets: HTTP_BUCKETS, registers: [registry] }),
    httpInFlight: new client.Gauge({ name: "http_requests_in_flight", help: "Requests being answered now.", registers: [registry] }),
    draining: new client.Gauge({ name: "readyroom_draining", help: "1 while the server drains after SIGTERM.", registers: [registry] }),
    dbQueries: new client.Counter({ name: "readyroom_db_queries_total", help: "SQL statements sent to the database.", registers: [registry] }),
    dbQueryDuration: new client.Histogram({ name: "readyroom_db_query_duration_seconds", help: "Time the database took per statement.", buckets: QUERY_BUCKETS, registers: [registry] }),
  };
}

/** The process's one set: created by whichever loads first, the launcher or the app. */
export function observability() {
  return (globalThis.__readyroomObservability ??= {
    logger: createLogger(),
    metrics: createMetrics(),
    requests: new AsyncLocalStorage(),
  });
}

/** Adds who is calling to the current request's log line (the launcher writes it when the answer is sent). */
export function annotateRequest(fields) {
  const store = observability().requests.getStore();
  if (store) Object.assign(store, fields);
}

/**
 * The route pattern of a path (`/api/v1/workspaces/[ws]/projects`), from the
 * build's routes manifest: a metric label of bounded cardinality, and no
 * token of a path (an invitation's, say) in a log line.
 */
export function routeMatcher(manifest) {
  const routes = [...(manifest?.staticRoutes ?? []), ...(manifest?.dynamicRoutes ?? [])].map((route) => ({ page: route.page, regex: new RegExp(route.regex) }));
  return (pathname) => {
    if (pathname.startsWith("/_next/static/")) return "/_next/static";
    if (pathname.startsWith("/_next/")) return "/_next";
    for (const route of routes) if (route.regex.test(pathname)) return route.page;
    return "(unmatched)";
  };
}
