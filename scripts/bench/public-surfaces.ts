/**
 * Suite "public-surfaces": requests per second and latency of the public
 * status surfaces (summary.json, shields.json, the badge, the status page and
 * the embed) on the production server, each against a bare Next route
 * (/api/health) measured in the same run. Goal: ≥ 60 % of the bare route's
 * throughput, reported, not asserted.
 *
 * Seeds a published project through the app's services (the demo plan
 * imported), then starts the production server (scripts/start.mjs, building
 * first if the sources changed) on the benchmark's database and loads it with
 * autocannon. Anonymous callers are rate-limited per client IP, so the server
 * trusts one proxy hop and every request carries another X-Forwarded-For
 * address: the limiter runs on every request, as it does for real visitors,
 * without limiting the benchmark itself.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { systemWorkspaceContext } from "@/lib/auth/system";
// The benchmark alone removes its workspace from a PostgreSQL it was pointed at, and closes the embedded database so the server can open it.
// eslint-disable-next-line no-restricted-imports
import { closeDatabase, rawDb } from "@/lib/db/client";
import { ensureUser } from "@/lib/db/global/identity";
import { importPlan } from "@/lib/services/imports/import-plan";
import { createProject } from "@/lib/services/projects/create-project";
import { updatePublicSettings } from "@/lib/services/projects/public-settings";
import { createWorkspace } from "@/lib/services/workspaces/create-workspace";
import { createProjectInput } from "@/lib/validation/project";
import { DEFAULT_SHOW } from "@/lib/validation/public-status";
import { createWorkspaceInput } from "@/lib/validation/workspace";
import { demoPlanSource } from "@/prisma/seed/seed-demo";
import type { BenchEnv, Suite, SuiteResult } from "./run";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Each route is loaded this long in each round; rounds alternate the routes so that the machine's drift falls on all of them alike. */
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS ?? 3);
const WARMUP_SECONDS = 3;
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 16);
const TARGET_RATIO = 0.6;

interface Target {
  name: string;
  path: string;
  headers?: Record<string, string>;
  /** The bare route every other target is compared with. */
  baseline?: boolean;
}

interface Measured {
  name: string;
  path: string;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Requests per second relative to the baseline's. */
  ratio: number | null;
}

/** A free TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** 10.x.y.z, a different address for each request, round the 16M of them. */
function addresses(): () => string {
  let n = 0;
  return () => {
    n = (n + 1) % 16_777_216;
    return `10.${n >>> 16}.${(n >>> 8) & 255}.${n & 255}`;
  };
}

async function publishedProject(env: BenchEnv) {
  const suffix = crypto.randomUUID().slice(0, 8);
  const user = await ensureUser(`bench-public-${suffix}@bench.readyroom.dev`, "Bench owner");
  const workspace = await createWorkspace({ userId: user.id, input: createWorkspaceInput.parse({ slug: `bench-public-${suffix}`, name: "Public surfaces benchmark" }) });
  const ctx = await systemWorkspaceContext(workspace.slug, "bench");
  await createProject({ ctx, input: createProjectInput.parse({ slug: "app", name: "Benchmark app", keyPrefix: "BEN" }) });
  const file = "open-claude-final-plan.plan.md";
  const imported = await importPlan({ ctx, projectSlug: "app", source: demoPlanSource(file), apply: true, fileName: file });
  const publicSlug = `bench-${suffix}`;
  // Every section on, so each response carries the most the surfaces can show.
  const show = Object.fromEntries(Object.keys(DEFAULT_SHOW).map((s) => [s, true])) as typeof DEFAULT_SHOW;
  await updatePublicSettings({ ctx, projectSlug: "app", input: { enabled: true, slug: publicSlug, show, embedOrigins: ["https://intranet.example.com"] } });
  env.log(`published ${imported.diff.totals.items.create} items at /status/${publicSlug}`);
  return { workspaceId: ctx.workspace.id, userId: user.id, publicSlug };
}

async function startServer(env: BenchEnv, port: number): Promise<ChildProcess> {
  const { ensureBuild } = (await import(pathToFileURL(path.join(ROOT, "scripts", "build-if-needed.mjs")).href)) as { ensureBuild(): void };
  ensureBuild();
  const child = spawn(process.execPath, [path.join(ROOT, "scripts", "start.mjs"), "--no-build", "--no-seed"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      READYROOM_HOST: "127.0.0.1",
      TRUSTED_PROXY_HOPS: "1",
      READYROOM_LOG: "silent",
      AUTH_URL: `http://127.0.0.1:${port}`,
      AUTH_SECRET: process.env.AUTH_SECRET ?? crypto.randomUUID() + crypto.randomUUID(),
    },
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before it answered`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) {
      env.log(`server up on port ${port} (pid ${child.pid})`);
      return child;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill("SIGKILL");
  throw new Error("the server did not answer /api/health within 120 s");
}

/** The server's peak resident memory (VmHWM), in MB; null where /proc is not there. */
function peakMemoryMb(pid: number | undefined): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmHWM:"));
    return line ? Math.round(Number(line.replace(/\D+/g, "")) / 1024) : null;
  } catch {
    return null;
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
}

function load(port: number, target: Target, seconds: number): Promise<autocannon.Result> {
  const nextAddress = addresses();
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: "GET",
        path: target.path,
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, ...target.headers, "x-forwarded-for": nextAddress() } }),
      },
    ],
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** A route's rounds together: the median round's req/s and p50, the worst round's p99 and max, and every request counted. */
function combine(target: Target, rounds: autocannon.Result[]): Omit<Measured, "ratio"> {
  const sum = (pick: (r: autocannon.Result) => number) => rounds.reduce((total, r) => total + pick(r), 0);
  return {
    name: target.name,
    path: target.path,
    requestsPerSecond: Math.round(median(rounds.map((r) => r.requests.average))),
    latencyMs: { p50: median(rounds.map((r) => r.latency.p50)), p90: median(rounds.map((r) => r.latency.p90)), p99: Math.max(...rounds.map((r) => r.latency.p99)), max: Math.max(...rounds.map((r) => r.latency.max)) },
    requests: sum((r) => r.requests.total),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
  };
}

async function run(env: BenchEnv): Promise<SuiteResult> {
  const seeded = await publishedProject(env);
  // The embedded database admits one process: the benchmark lets go of it before the server opens it.
  await closeDatabase();
  const port = await freePort();
  const server = await startServer(env, port);
  const slug = seeded.publicSlug;
  try {
    const etag = (await fetch(`http://127.0.0.1:${port}/api/public/v1/status/${slug}/summary.json`, { headers: { "x-forwarded-for": "10.255.255.254" } })).headers.get("etag") ?? "";
    const targets: Target[] = [
      { name: "bare route (/api/health)", path: "/api/health", baseline: true },
      { name: "summary.json", path: `/api/public/v1/status/${slug}/summary.json` },
      { name: "summary.json, revalidated (304)", path: `/api/public/v1/status/${slug}/summary.json`, headers: { "if-none-match": etag } },
      { name: "shields.json", path: `/api/public/v1/status/${slug}/shields.json` },
      { name: "badge (.svg)", path: `/badge/${slug}.svg` },
      { name: "status page", path: `/status/${slug}` },
      { name: "embed", path: `/embed/${slug}?sections=decision,recommendation,phases,severityCounts` },
    ];
    // Every route is warmed before any is measured: the first requests of a fresh server pay for compiling and loading its code.
    env.log(`warming up: ${WARMUP_SECONDS} s on each of ${targets.length} routes`);
    for (const target of targets) await load(port, target, WARMUP_SECONDS);
    const results: autocannon.Result[][] = targets.map(() => []);
    for (let round = 1; round <= ROUNDS; round++) {
      env.log(`round ${round} of ${ROUNDS}: ${SECONDS} s on each route`);
      for (const [i, target] of targets.entries()) results[i]!.push(await load(port, target, SECONDS));
    }
    const measured = targets.map((target, i) => combine(target, results[i]!));
    const baseline = measured[0]!.requestsPerSecond;
    const rows: Measured[] = measured.map((m, i) => ({ ...m, ratio: targets[i]!.baseline ? null : Math.round((m.requestsPerSecond / baseline) * 100) / 100 }));
    const memoryMb = peakMemoryMb(server.pid);
    const summary = { connections: CONNECTIONS, secondsPerRound: SECONDS, rounds: ROUNDS, targetRatio: TARGET_RATIO, baselineRequestsPerSecond: baseline, serverPeakMemoryMb: memoryMb, targets: rows };
    const meets = (r: Measured) => (r.ratio === null ? "—" : r.ratio >= TARGET_RATIO ? "yes" : "no");
    const markdown = [
      `The production server on this machine, loaded by autocannon in the benchmark's process (${CONNECTIONS} connections; after ${WARMUP_SECONDS} s of warm-up on each route, ${ROUNDS} rounds of ${SECONDS} s on each in turn — req/s and p50 from the median round, p99 from the worst; each request from another client address so the per-IP rate limiter runs but does not refuse). Goal: public JSON and badge ≥ ${TARGET_RATIO * 100} % of the bare route's requests per second (reported, not asserted).`,
      "",
      "| Route | req/s | vs bare | ≥ 60 % | p50 | p99 | non-2xx | errors |",
      "|---|--:|--:|:-:|--:|--:|--:|--:|",
      ...rows.map((r) => `| ${r.name} | ${r.requestsPerSecond} | ${r.ratio === null ? "1.00" : r.ratio.toFixed(2)} | ${meets(r)} | ${r.latencyMs.p50} ms | ${r.latencyMs.p99} ms | ${r.non2xx} | ${r.errors + r.timeouts} |`),
      "",
      `Server peak memory (VmHWM): ${memoryMb === null ? "not available" : `${memoryMb} MB`}. The revalidated row sends the current ETag in If-None-Match; its 304s count as non-2xx.`,
    ].join("\n");
    return { summary, markdown };
  } finally {
    await stopServer(server);
    if (env.database === "postgres" && process.env.BENCH_KEEP !== "1") {
      const raw = await rawDb();
      await raw.workspace.delete({ where: { id: seeded.workspaceId } });
      await raw.user.delete({ where: { id: seeded.userId } });
    }
  }
}

export const publicSurfacesSuite: Suite = { title: "Public surfaces: throughput against a bare route", run };
