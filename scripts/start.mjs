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
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = new Set(process.argv.slice(2));
const operatorNodeEnv = process.env.NODE_ENV;
const embedded = !process.env.DATABASE_URL?.trim();

function run(label, command, commandArgs, env = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`readyroom: ${label} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

const SOURCES = ["app", "components", "lib", "prisma", "public", "proxy.ts", "next.config.mjs", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];
const SKIP = new Set(["generated", "node_modules"]);

function fingerprint() {
  const hash = createHash("sha256");
  const walk = (p) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p).sort()) if (!SKIP.has(entry)) walk(path.join(p, entry));
    } else {
      hash.update(`${path.relative(root, p)}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  for (const source of SOURCES) walk(path.join(root, source));
  return hash.digest("hex");
}

if (!existsSync(path.join(root, "lib", "generated", "prisma", "client.ts"))) {
  run("generating the Prisma client", process.execPath, [path.join(root, "scripts", "prisma-generate.mjs")]);
}

if (!args.has("--no-build")) {
  const marker = path.join(root, ".next", "readyroom-fingerprint");
  const current = fingerprint();
  const built = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(marker) && readFileSync(marker, "utf8") === current;
  if (!built) {
    console.log("readyroom: building (first run, or the sources changed)…");
    run("next build", process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], { NODE_ENV: "production" });
    writeFileSync(marker, current);
  }
}

const cli = path.join(root, "bin", "readyroom.mjs");
run("migrate", process.execPath, [cli, "migrate"]);
if (embedded && !args.has("--no-seed")) run("seed", process.execPath, [cli, "seed", "--demo"]);

// Read by lib/auth/demo.ts: demo sign-in needs a server started here without NODE_ENV=production.
globalThis.__readyroomLauncher = { operatorNodeEnv };

const { default: next } = await import("next");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? "0.0.0.0";
const app = next({ dev: false, dir: root, port, hostname });
await app.prepare();
const handle = app.getRequestHandler();
const server = createServer((req, res) => handle(req, res));
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
