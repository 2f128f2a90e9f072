#!/usr/bin/env node
/**
 * `npm test`: unit and integration tests (Vitest), then end-to-end tests
 * (Playwright in Chromium) against a production build. Runs on the embedded
 * database, or on DATABASE_URL when it is set (migrated first).
 *
 * Flags: --e2e-only, --no-e2e (for quick local runs; CI runs everything);
 * arguments after `--` go to Playwright (e.g. `-- e2e/register-board.spec.ts`).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { ensureBuild, ensureGenerated, root, run } from "./build-if-needed.mjs";

const [flags, passthrough] = (() => {
  const all = process.argv.slice(2);
  const split = all.indexOf("--");
  return split === -1 ? [all, []] : [all.slice(0, split), all.slice(split + 1)];
})();
const args = new Set(flags);
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

function findChromium() {
  return CANDIDATES.find((p) => p && existsSync(p));
}

const chromium = args.has("--no-e2e") ? null : findChromium();
if (!args.has("--no-e2e") && !chromium) {
  console.error(
    [
      "npm test needs Chromium for the end-to-end tests, and none was found.",
      "Install it from your system's packages, e.g. on Debian or Ubuntu:",
      "  sudo apt-get install -y chromium",
      "or point CHROMIUM_PATH at a Chrome or Chromium binary.",
    ].join("\n"),
  );
  process.exit(1);
}

ensureGenerated();
const bin = (name) => path.join(root, "node_modules", ".bin", name);

if (process.env.DATABASE_URL) run("migrate", process.execPath, [path.join(root, "bin", "readyroom.mjs"), "migrate"]);

if (!args.has("--e2e-only")) run("unit and integration tests", bin("vitest"), ["run"]);

if (!args.has("--no-e2e")) {
  ensureBuild();
  run("end-to-end tests", bin("playwright"), ["test", ...passthrough], { CHROMIUM_PATH: chromium });
}
