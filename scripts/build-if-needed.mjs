/**
 * Builds the Next.js app when the sources changed since the last build
 * (shared by `npm start` and `npm test`).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const SOURCES = ["app", "components", "lib", "prisma", "public", "proxy.ts", "next.config.mjs", "package-lock.json", "postcss.config.mjs", "tsconfig.json", "tsconfig.build.json"];
const SKIP = new Set(["generated", "node_modules"]);

function fingerprint() {
  const hash = createHash("sha256");
  const walk = (p) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p).sort()) if (!SKIP.has(entry) && !entry.endsWith(".test.ts")) walk(path.join(p, entry));
    } else {
      hash.update(`${path.relative(root, p)}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  for (const source of SOURCES) walk(path.join(root, source));
  return hash.digest("hex");
}

export function run(label, command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`readyroom: ${label} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

export function ensureGenerated() {
  if (!existsSync(path.join(root, "lib", "generated", "prisma", "client.ts"))) {
    run("generating the Prisma client", process.execPath, [path.join(root, "scripts", "prisma-generate.mjs")]);
  }
}

export function ensureBuild() {
  ensureGenerated();
  const marker = path.join(root, ".next", "readyroom-fingerprint");
  const current = fingerprint();
  const built = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(marker) && readFileSync(marker, "utf8") === current;
  if (built) return;
  console.log("readyroom: building (first run, or the sources changed)…");
  run("next build", process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  });
  writeFileSync(marker, current);
}
