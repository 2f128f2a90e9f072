#!/usr/bin/env node
// The `readyroom` command: runs cli/main.ts with tsx. The react-server
// condition lets it load the same server-only modules the app uses.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { assertEnv } from "../scripts/env.mjs";

// `readyroom check` only calls the API (from CI): the server's configuration is not its concern.
if (process.argv[2] !== "check") assertEnv();

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const result = spawnSync(
  process.execPath,
  ["--conditions=react-server", "--import", "tsx", path.join(root, "cli", "main.ts"), ...process.argv.slice(2)],
  { stdio: "inherit", cwd: process.cwd(), env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") } },
);
process.exit(result.status ?? 1);
