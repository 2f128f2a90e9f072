#!/usr/bin/env node
// `npm run bench [-- <suite>…]`: runs scripts/bench/run.ts with tsx, the same
// way bin/readyroom.mjs runs the CLI. The react-server condition lets it load
// the server-only modules the app uses; TSX_TSCONFIG_PATH gives it the `@/` paths.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const result = spawnSync(
  process.execPath,
  ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts", "bench", "run.ts"), ...process.argv.slice(2)],
  { stdio: "inherit", cwd: root, env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") } },
);
process.exit(result.status ?? 1);
