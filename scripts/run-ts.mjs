#!/usr/bin/env node
// `node scripts/run-ts.mjs <script.ts> [args…]`: runs a TypeScript script of the
// project (the benchmark, the load test) with tsx, the same way
// bin/readyroom.mjs runs the CLI. The react-server condition lets it load the
// server-only modules the app uses; TSX_TSCONFIG_PATH gives it the `@/` paths.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error("usage: node scripts/run-ts.mjs <script.ts> [args…]");
  process.exit(2);
}
const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", path.resolve(root, script), ...args], {
  stdio: "inherit",
  cwd: root,
  env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") },
});
process.exit(result.status ?? 1);
