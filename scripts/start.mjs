#!/usr/bin/env node
/**
 * `npm start`: builds when the sources changed since the last build, applies
 * migrations, seeds the demo workspace on the embedded database, then serves
 * Readyroom on PORT (3000). It is also the production server
 * (`NODE_ENV=production npm start` behind a load balancer): it drains in-flight
 * requests on SIGTERM before it exits. See docs/decisions/0003-demo-sign-in.md.
 *
 * Flags: --no-build (serve the existing build), --no-seed.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import net from "node:net";
import path from "node:path";
import { ensureBuild, ensureGenerated, root, run } from "./build-if-needed.mjs";
import { observability, routeMatcher } from "../lib/observability/runtime.mjs";
import { assertEnv } from "./env.mjs";

// A misconfigured server stops here with every problem named, before it builds or touches the database.
assertEnv();

const args = new Set(process.argv.slice(2));
const operatorNodeEnv = process.env.NODE_ENV;
const embedded = !process.env.DATABASE_URL?.trim();
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

if (args.has("--no-build")) ensureGenerated();
else ensureBuild();

const cli = path.join(root, "bin", "readyroom.mjs");
run("migrate", process.execPath, [cli, "migrate"]);
if (embedded && !args.has("--no-seed")) run("seed", process.execPath, [cli, "seed", "--demo"]);

// Read by lib/auth/demo.ts: demo sign-in needs a server started here without NODE_ENV=production.
globalThis.__readyroomLauncher = { operatorNodeEnv };

const { default: next } = await import("next");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.READYROOM_HOST ?? "0.0.0.0";
const app = next({ dev: false, dir: root, port, hostname });
await app.prepare();
const handle = app.getRequestHandler();

/** Shared with the app (lib/lifecycle.ts): /api/ready reads `drainingSince`, the app registers its shutdown hooks. */
const lifecycle = (globalThis.__readyroomLifecycle ??= { drainingSince: null, shutdownHooks: new Map() });
const seconds = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
};
const drainSeconds = seconds("READYROOM_DRAIN_SECONDS", 10);
const shutdownTimeoutSeconds = seconds("READYROOM_SHUTDOWN_TIMEOUT_SECONDS", 30);

/** Logs and metrics (docs/decisions/0017-observability.md): one JSON line and one histogram sample per request, by route pattern. */
const { logger, metrics, requests } = observability();
const manifestPath = path.join(root, ".next", "routes-manifest.json");
const routeOf = routeMatcher(existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, "utf8")) : null);
/** Probes and static files are logged at debug: they would drown the rest. */
const QUIET_ROUTES = new Set(["/api/health", "/api/ready", "/api/metrics", "/_next/static", "/_next"]);

let inFlight = 0;
/** Open connections, each with the number of requests it is serving and has served. */
const connections = new Map();
/** How long a connection that has not sent its request yet is waited for once the server stops listening. */
const FIRST_REQUEST_GRACE_MS = 2000;
// The connection's address, for rate limits by client IP (lib/rate-limit.ts): whatever a client sent under this name is replaced.
const server = createServer((req, res) => {
  req.headers["x-readyroom-client-ip"] = req.socket.remoteAddress ?? "";
  // While draining, every answer closes its connection, so keep-alive clients reconnect to a server that stays.
  if (lifecycle.drainingSince !== null) res.setHeader("connection", "close");
  inFlight++;
  metrics.httpInFlight.inc();
  const started = process.hrtime.bigint();
  const context = {};
  const connection = connections.get(req.socket);
  if (connection) connection.active++;
  res.once("close", () => {
    inFlight--;
    metrics.httpInFlight.dec();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const route = routeOf(new URL(req.url ?? "/", "http://x").pathname);
    const status = res.statusCode;
    metrics.httpDuration.observe({ method: req.method, route, status_code: String(status) }, seconds);
    const line = { requestId: res.getHeader("x-request-id"), method: req.method, route, status, durationMs: Math.round(seconds * 10_000) / 10, ...context, ...(res.writableFinished ? {} : { aborted: true }) };
    if (status >= 500) logger.error(line, "request");
    else if (QUIET_ROUTES.has(route)) logger.debug(line, "request");
    else logger.info(line, "request");
    if (!connection) return;
    connection.active--;
    connection.served++;
  });
  return requests.run(context, () => handle(req, res));
});
server.keepAliveTimeout = 65_000;
server.on("connection", (socket) => {
  connections.set(socket, { active: 0, served: 0 });
  socket.once("close", () => connections.delete(socket));
});

/**
 * When the server stops listening: a connection serving a request closes
 * after its answer (`Connection: close`, once it is flushed); one idle after
 * serving is ended now; one that has not sent its request yet (accepted just
 * before) gets a moment to send it, and is served.
 */
function closeWhenIdle(socket) {
  const connection = connections.get(socket);
  if (!connection || connection.active > 0) return;
  if (connection.served > 0) return void socket.end();
  setTimeout(() => {
    const later = connections.get(socket);
    if (later && later.active === 0) socket.end();
  }, FIRST_REQUEST_GRACE_MS).unref();
}

server.listen(port, hostname, async () => {
  const url = `http://localhost:${port}`;
  console.log(`\nReadyroom is running at ${url}`);
  const { demoSignIn } = await import("./start-banner.mjs");
  console.log(demoSignIn(operatorNodeEnv, embedded));
});

/**
 * SIGTERM (docs/decisions/0014-shutdown.md): readiness turns 503 at once and
 * the server keeps serving for READYROOM_DRAIN_SECONDS while the load balancer
 * takes it out of rotation; then it stops accepting connections, finishes
 * every request in flight, stops the job queue, closes the database and exits
 * 0. Past READYROOM_SHUTDOWN_TIMEOUT_SECONDS it exits 1.
 */
let draining = false;
function shutdown(signal) {
  if (draining) return;
  draining = true;
  lifecycle.drainingSince = Date.now();
  metrics.draining.set(1);
  console.log(`readyroom: ${signal} received; not ready, serving for ${drainSeconds}s more, then finishing in-flight requests.`);
  const force = setTimeout(() => {
    console.error(`readyroom: ${inFlight} request(s) still running after ${shutdownTimeoutSeconds}s; exiting.`);
    process.exit(1);
  }, (drainSeconds + shutdownTimeoutSeconds) * 1000);
  force.unref();
  setTimeout(stop, drainSeconds * 1000);
}

function stop() {
  // net.Server's close stops listening without http.Server's closeIdleConnections(), which would also drop connections whose request is not read yet.
  net.Server.prototype.close.call(server, async () => {
    let code = 0;
    for (const [name, hook] of lifecycle.shutdownHooks) {
      try {
        await hook();
      } catch (error) {
        code = 1;
        console.error(`readyroom: stopping ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    try {
      const db = globalThis.__readyroomDatabase;
      if (db) await (await db).close();
    } catch (error) {
      code = 1;
      console.error(`readyroom: closing the database failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    console.log("readyroom: stopped.");
    process.exit(code);
  });
  for (const socket of connections.keys()) closeWhenIdle(socket);
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
