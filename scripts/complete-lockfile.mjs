#!/usr/bin/env node
/**
 * The npm registry reachable from our machines serves only Linux builds of
 * platform-specific packages (@next/swc-*, @tailwindcss/oxide-*, …), so
 * `npm install` writes a package-lock.json without the other platforms'
 * optional dependencies — and `npm ci` then refuses the lock as "out of sync".
 * This adds those entries back, marked optional with their os/cpu, exactly as
 * npm writes them on a machine that can see every platform. npm skips them on
 * other platforms without fetching anything.
 *
 * Run after changing dependencies: `npm install && node scripts/complete-lockfile.mjs`.
 */
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;

const OS = ["darwin", "linux", "win32", "freebsd", "android", "openbsd", "netbsd", "sunos", "aix", "openharmony"];
const CPU = ["arm64", "x64", "ia32", "arm", "riscv64", "ppc64", "s390x", "loong64", "mips64el", "wasm32"];

function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  if (parts.includes("wasm32")) return { cpu: ["wasm32"] };
  return { ...(os ? { os: [os] } : {}), ...(cpu ? { cpu: [cpu] } : {}) };
}

function resolves(fromPath, dep) {
  // Node's lookup: nested node_modules first, then each ancestor, then the root.
  let base = fromPath;
  for (;;) {
    const candidate = `${base ? `${base}/` : ""}node_modules/${dep}`;
    if (packages[candidate]) return true;
    if (!base) return false;
    const idx = base.lastIndexOf("/node_modules/");
    base = idx === -1 ? "" : base.slice(0, idx);
  }
}

let added = 0;
for (const [path, meta] of Object.entries(packages)) {
  for (const [dep, spec] of Object.entries(meta.optionalDependencies ?? {})) {
    if (resolves(path, dep)) continue;
    if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec)) {
      console.error(`skipping ${dep}@${spec} (not an exact version) required by ${path || "the root"}`);
      continue;
    }
    const platform = platformOf(dep);
    if (!platform.os && !platform.cpu) {
      console.error(`skipping ${dep}: not a platform-specific package`);
      continue;
    }
    // Hoisted like npm does, unless another version already sits at the top.
    const top = `node_modules/${dep}`;
    const at = packages[top] && packages[top].version !== spec ? `${path ? `${path}/` : ""}node_modules/${dep}` : top;
    packages[at] = { version: spec, ...platform, optional: true };
    added += 1;
  }
}

lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} optional platform entries.`);
