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
import { createServer } from "node:http";
import path from "node:path";
import { ensureBuild, ensureGenerated, root, run } from "./build-if-needed.mjs";

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
// The connection's address, for rate limits by client IP (lib/rate-limit.ts): whatever a client sent under this name is replaced.
const server = createServer((req, res) => {
  req.headers["x-readyroom-client-ip"] = req.socket.remoteAddress ?? "";
  return handle(req, res);
});
server.keepAliveTimeout = 65_000;

server.listen(port, hostname, async () => {
  const url = `http://localhost:${port}`;
  console.log(`\nReadyroom is running at ${url}`);
  const { demoSignIn } = await import("./start-banner.mjs");
  console.log(demoSignIn(operatorNodeEnv, embedded));
});

let stopping = false;
function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`readyroom: ${signal} received, finishing in-flight requests…`);
  const force = setTimeout(() => {
    console.error("readyroom: requests still running after 15s; exiting.");
    process.exit(1);
  }, 15_000);
  force.unref();
  server.close(async () => {
    server.closeIdleConnections?.();
    try {
      const db = globalThis.__readyroomDatabase;
      if (db) await (await db).close();
    } finally {
      process.exit(0);
    }
  });
  server.closeIdleConnections?.();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
