/**
 * Suite "application": the production server under load on a large dataset —
 * 5 workspaces of 20 projects of 1,000 items each (with gates, CI results,
 * marks and 14 days of snapshots), plus whatever the other suites of the run
 * seeded. Measures, each against a bare Next route (/api/health) in the same
 * run: the public surfaces, the authenticated register list, the board page,
 * a gate evaluation and a 1 MB plan import; the SQL statements per request
 * (from the server's own /api/metrics counter); the register list's p99 at a
 * fixed 200 req/s against the bare route's at the same rate; and the
 * server's peak memory. Targets are reported, never asserted.
 */
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { systemWorkspaceContext } from "@/lib/auth/system";
// The benchmark alone signs its user in by writing a session row, and removes its workspaces from a PostgreSQL it was pointed at.
// eslint-disable-next-line no-restricted-imports
import { closeDatabase, rawDb } from "@/lib/db/client";
import { ensureUser } from "@/lib/db/global/identity";
import { createApiKey } from "@/lib/services/api-keys/create-api-key";
import { createProject } from "@/lib/services/projects/create-project";
import { updatePublicSettings } from "@/lib/services/projects/public-settings";
import { snapshotWorkspace } from "@/lib/services/trends/take-project-snapshot";
import { createWorkspace } from "@/lib/services/workspaces/create-workspace";
import { createProjectInput } from "@/lib/validation/project";
import { DEFAULT_SHOW } from "@/lib/validation/public-status";
import { createWorkspaceInput } from "@/lib/validation/workspace";
import { prng, seedOwners, seedProject } from "./dataset";
import { largePlan } from "./plan-import";
import type { BenchEnv, Suite, SuiteResult } from "./run";
import { addresses, freePort, peakMemoryMb, startServer, stopServer } from "./server";

const WORKSPACES = Number(process.env.BENCH_WORKSPACES ?? 5);
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 20);
const PROJECT_ITEMS = Number(process.env.BENCH_PROJECT_ITEMS ?? 1_000);
const SNAPSHOT_DAYS = 14;
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 16);
const WARMUP_SECONDS = 2;
/** The register list's p99 is compared with the bare route's at this fixed rate. */
const FIXED_RATE = 200;
const FIXED_SECONDS = Number(process.env.BENCH_FIXED_SECONDS ?? 10);
const IMPORTS = 3;
/** SQL statements per request: this many requests, one at a time, counted by the server; the fewest of PROBE_BATCHES batches is kept (a background job can only add). */
const PROBE_REQUESTS = 10;
const PROBE_BATCHES = 3;
/** The server's maintenance job runs a minute after start (lib/jobs/daily-snapshots.ts): the timed rounds begin after it. */
const MAINTENANCE_AFTER_MS = 62_000;
const SEED = 20_261_206;
const DAY = 86_400_000;
const METRICS_TOKEN = `bench-${crypto.randomUUID()}`;

const TARGETS = {
  publicRatio: 0.6,
  registerP99VsBaseline: 3,
  importMs: 1_000,
};

interface Seeded {
  userId: string;
  sessionToken: string;
  workspaces: { id: string; slug: string; keys: string[]; projects: { slug: string; gateId: string }[]; publicSlug: string }[];
  importProjects: { workspace: string; slug: string; key: string }[];
  items: number;
  seedingMs: number;
}

async function seed(env: BenchEnv): Promise<Seeded> {
  const started = performance.now();
  const suffix = crypto.randomUUID().slice(0, 8);
  const user = await ensureUser(`bench-app-${suffix}@bench.readyroom.dev`, "Bench owner");
  const workspaces: Seeded["workspaces"] = [];
  for (let w = 0; w < WORKSPACES; w++) {
    const workspace = await createWorkspace({ userId: user.id, input: createWorkspaceInput.parse({ slug: `bench-app-${suffix}-${w + 1}`, name: `Benchmark ${w + 1}` }) });
    const ctx = await systemWorkspaceContext(workspace.slug, "bench");
    const ownerIds = await seedOwners(ctx);
    const projects: Seeded["workspaces"][number]["projects"] = [];
    for (let p = 0; p < PROJECTS; p++) {
      const seeded = await seedProject({
        ctx,
        userId: user.id,
        ownerIds,
        project: { slug: `app-${p + 1}`, name: `Release ${p + 1}`, keyPrefix: `R${w + 1}X${p + 1}` },
        items: PROJECT_ITEMS,
        rng: prng(SEED + w * 1_000 + p),
      });
      projects.push({ slug: seeded.projectSlug, gateId: seeded.gateId });
    }
    // Today's snapshot of every project, then the days before it with more open items each day back: the trend's history.
    await snapshotWorkspace({ ctx });
    const today = await ctx.db.projectSnapshot.findMany();
    await ctx.db.projectSnapshot.createMany({
      data: today.flatMap((s) =>
        Array.from({ length: SNAPSHOT_DAYS - 1 }, (_, back) => ({
          workspaceId: s.workspaceId,
          projectId: s.projectId,
          day: new Date(s.day.getTime() - (back + 1) * DAY),
          total: s.total,
          open: s.open + (back + 1) * 4,
          closed: s.closed - (back + 1) * 4,
          openBySeverity: s.openBySeverity ?? {},
          byStatus: s.byStatus ?? {},
          recommendation: s.recommendation,
        })),
      ),
    });
    const publicSlug = `bench-app-${suffix}-${w + 1}`;
    const show = Object.fromEntries(Object.keys(DEFAULT_SHOW).map((s) => [s, true])) as typeof DEFAULT_SHOW;
    await updatePublicSettings({ ctx, projectSlug: projects[0]!.slug, input: { enabled: true, slug: publicSlug, show, embedOrigins: ["https://intranet.example.com"] } });
    // Two keys per workspace at the highest limit a key may have: the load rotates over them, so no key's limit is reached.
    const keys: string[] = [];
    for (let k = 0; k < 2; k++) keys.push((await createApiKey({ ctx, input: { name: `bench ${k + 1}`, role: "admin", rateLimitPerMinute: 10_000 } })).key);
    workspaces.push({ id: workspace.id, slug: workspace.slug, keys, projects, publicSlug });
    env.log(`workspace ${w + 1}/${WORKSPACES}: ${PROJECTS} projects of ${PROJECT_ITEMS} items (${Math.round((performance.now() - started) / 1000)} s)`);
  }
  // Empty projects for the 1 MB imports, one per import.
  const first = workspaces[0]!;
  const ctx = await systemWorkspaceContext(first.slug, "bench");
  const importProjects: Seeded["importProjects"] = [];
  for (let i = 0; i < IMPORTS; i++) {
    const project = await createProject({ ctx, input: createProjectInput.parse({ slug: `import-${i + 1}`, name: `Imported plan ${i + 1}`, keyPrefix: `IMP${i + 1}` }) });
    importProjects.push({ workspace: first.slug, slug: project.slug, key: first.keys[0]! });
  }
  const sessionToken = `bench-${crypto.randomUUID()}`;
  const raw = await rawDb();
  await raw.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + DAY) } });
  return { userId: user.id, sessionToken, workspaces, importProjects, items: WORKSPACES * PROJECTS * PROJECT_ITEMS, seedingMs: performance.now() - started };
}

// ───────────────────────────── load ─────────────────────────────

interface Target {
  name: string;
  /** The path of each request: rotating over workspaces and projects where the route is per project. */
  path: () => string;
  headers?: () => Record<string, string>;
  baseline?: boolean;
  /** Public routes are compared with the public target ratio. */
  publicSurface?: boolean;
}

interface Row {
  name: string;
  requestsPerSecond: number;
  ratio: number | null;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  requests: number;
  non2xx: number;
  errors: number;
  sqlPerRequest: number | null;
  publicSurface: boolean;
}

function rotate<T>(values: T[]): () => T {
  let i = 0;
  return () => values[i++ % values.length]!;
}

function load(port: number, target: Target, seconds: number, overallRate?: number): Promise<autocannon.Result> {
  const nextAddress = addresses();
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    ...(overallRate ? { overallRate } : {}),
    requests: [
      {
        method: "GET",
        setupRequest: (request) => ({ ...request, path: target.path(), headers: { ...request.headers, ...target.headers?.(), "x-forwarded-for": nextAddress() } }),
      },
    ],
  });
}

async function counterValue(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const line = text.split("\n").find((l) => l.startsWith("readyroom_db_queries_total "));
  if (!line) throw new Error("readyroom_db_queries_total is missing from /api/metrics");
  return Number(line.split(" ")[1]);
}

/** SQL statements the server sent per request of this target: the fewest over a few batches of sequential requests. */
async function statementsPerRequest(port: number, target: Target): Promise<number> {
  let fewest = Number.POSITIVE_INFINITY;
  for (let batch = 0; batch < PROBE_BATCHES; batch++) {
    const before = await counterValue(port);
    for (let i = 0; i < PROBE_REQUESTS; i++) {
      const response = await fetch(`http://127.0.0.1:${port}${target.path()}`, { headers: { ...target.headers?.(), "x-forwarded-for": `10.254.0.${i + 1}` } });
      await response.arrayBuffer();
      if (response.status >= 400) throw new Error(`${target.name}: ${response.status} from ${target.path()}`);
    }
    fewest = Math.min(fewest, (await counterValue(port)) - before);
  }
  return Math.round((fewest / PROBE_REQUESTS) * 10) / 10;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function combine(target: Target, rounds: autocannon.Result[], sqlPerRequest: number | null, baseline: number | null): Row {
  const sum = (pick: (r: autocannon.Result) => number) => rounds.reduce((total, r) => total + pick(r), 0);
  const requestsPerSecond = Math.round(median(rounds.map((r) => r.requests.average)));
  return {
    name: target.name,
    requestsPerSecond,
    ratio: baseline === null ? null : Math.round((requestsPerSecond / baseline) * 100) / 100,
    latencyMs: { p50: median(rounds.map((r) => r.latency.p50)), p90: median(rounds.map((r) => r.latency.p90)), p99: Math.max(...rounds.map((r) => r.latency.p99)), max: Math.max(...rounds.map((r) => r.latency.max)) },
    requests: sum((r) => r.requests.total),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors + r.timeouts),
    sqlPerRequest,
    publicSurface: Boolean(target.publicSurface),
  };
}

async function waitForQuietServer(port: number, startedAt: number, log: (m: string) => void) {
  const wait = startedAt + MAINTENANCE_AFTER_MS - Date.now();
  if (wait > 0) {
    log(`waiting ${Math.round(wait / 1000)} s for the server's first maintenance run (snapshots, statistics)`);
    await new Promise((r) => setTimeout(r, wait));
  }
  // The run holds the database while it works: readiness answers slowly until it is done.
  for (let fast = 0; fast < 3; ) {
    const t0 = performance.now();
    await fetch(`http://127.0.0.1:${port}/api/ready`).then((r) => r.arrayBuffer());
    fast = performance.now() - t0 < 50 ? fast + 1 : 0;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function timeImports(port: number, seeded: Seeded, log: (m: string) => void) {
  const source = largePlan();
  const times: number[] = [];
  for (const project of seeded.importProjects) {
    const t0 = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/workspaces/${project.workspace}/projects/${project.slug}/imports`, {
      method: "POST",
      headers: { authorization: `Bearer ${project.key}`, "content-type": "application/json" },
      body: JSON.stringify({ source, apply: true, fileName: "large-plan.md" }),
    });
    const body = (await response.json()) as { diff?: { totals?: { items?: { create?: number } } } };
    const ms = performance.now() - t0;
    if (response.status !== 201) throw new Error(`the 1 MB import answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
    times.push(Math.round(ms));
    log(`  1 MB import into ${project.slug}: ${Math.round(ms)} ms, ${body.diff?.totals?.items?.create ?? "?"} items`);
  }
  return { bytes: Buffer.byteLength(source), ms: times, medianMs: median(times) };
}

async function run(env: BenchEnv): Promise<SuiteResult> {
  env.log(`seeding ${WORKSPACES} workspaces × ${PROJECTS} projects × ${PROJECT_ITEMS} items…`);
  const seeded = await seed(env);
  env.log(`seeded ${seeded.items.toLocaleString("en")} items in ${Math.round(seeded.seedingMs / 1000)} s`);
  // The embedded database admits one process: the benchmark lets go of it before the server opens it.
  await closeDatabase();
  const port = await freePort();
  const startedAt = Date.now();
  const server = await startServer({ log: env.log, port, env: { READYROOM_METRICS_TOKEN: METRICS_TOKEN } });
  try {
    const ws = rotate(seeded.workspaces);
    const perProject = (suffix: (w: Seeded["workspaces"][number], p: { slug: string; gateId: string }) => string) => {
      const pairs = seeded.workspaces.flatMap((w) => w.projects.map((p) => ({ w, p })));
      const next = rotate(pairs);
      let current = pairs[0]!;
      return {
        path: () => {
          current = next();
          return suffix(current.w, current.p);
        },
        // The key of the workspace the path just named.
        headers: () => ({ authorization: `Bearer ${current.w.keys[Math.floor(Math.random() * current.w.keys.length)]}` }),
      };
    };
    const publicSlug = () => ws().publicSlug;
    const etags = new Map<string, string>();
    for (const w of seeded.workspaces) {
      const response = await fetch(`http://127.0.0.1:${port}/api/public/v1/status/${w.publicSlug}/summary.json`, { headers: { "x-forwarded-for": "10.255.255.254" } });
      etags.set(w.publicSlug, response.headers.get("etag") ?? "");
    }
    const register = (limit: number) => perProject((w, p) => `/api/v1/workspaces/${w.slug}/projects/${p.slug}/items?status=open,in_progress,blocked&severity=critical,high,medium&sort=-severity&limit=${limit}`);
    const cookie = { cookie: `readyroom.session=${seeded.sessionToken}` };
    const board = rotate(seeded.workspaces.flatMap((w) => w.projects.map((p) => `/${w.slug}/projects/${p.slug}/board`)));
    const revalidated = (() => {
      let slug = "";
      return { path: () => `/api/public/v1/status/${(slug = publicSlug())}/summary.json`, headers: () => ({ "if-none-match": etags.get(slug) ?? "" }) };
    })();
    const targets: Target[] = [
      { name: "bare route (/api/health)", path: () => "/api/health", baseline: true },
      { name: "public summary.json", path: () => `/api/public/v1/status/${publicSlug()}/summary.json`, publicSurface: true },
      { name: "public summary.json, revalidated (304)", ...revalidated, publicSurface: true },
      { name: "public shields.json", path: () => `/api/public/v1/status/${publicSlug()}/shields.json`, publicSurface: true },
      { name: "public badge (.svg)", path: () => `/badge/${publicSlug()}.svg`, publicSurface: true },
      { name: "public status page", path: () => `/status/${publicSlug()}` },
      { name: "register list (API, 50 rows, filtered)", ...register(50) },
      { name: "board page (HTML, signed in)", path: board, headers: () => cookie },
      { name: "gate evaluation (API, 1,000 items)", ...perProject((w, p) => `/api/v1/workspaces/${w.slug}/projects/${p.slug}/gates/${p.gateId}/evaluation`) },
    ];
    env.log(`warming up: ${WARMUP_SECONDS} s on each of ${targets.length} routes`);
    for (const target of targets) await load(port, target, WARMUP_SECONDS);

    env.log(`1 MB plan imports (${IMPORTS}, one at a time)`);
    const imports = await timeImports(port, seeded, env.log);

    env.log("SQL statements per request");
    const statements = new Map<Target, number>();
    for (const target of targets) statements.set(target, await statementsPerRequest(port, target));
    const pageSizes: Record<string, number> = {};
    for (const limit of [10, 50, 200]) pageSizes[String(limit)] = await statementsPerRequest(port, { name: `register list, ${limit} rows`, ...register(limit) });

    await waitForQuietServer(port, startedAt, env.log);
    const results: autocannon.Result[][] = targets.map(() => []);
    for (let round = 1; round <= ROUNDS; round++) {
      env.log(`round ${round} of ${ROUNDS}: ${SECONDS} s on each route`);
      for (const [i, target] of targets.entries()) results[i]!.push(await load(port, target, SECONDS));
    }
    env.log(`fixed rate: ${FIXED_RATE} req/s for ${FIXED_SECONDS} s on the bare route and on the register list`);
    const fixedBaseline = await load(port, targets[0]!, FIXED_SECONDS, FIXED_RATE);
    const fixedRegister = await load(port, targets.find((t) => t.name.startsWith("register list"))!, FIXED_SECONDS, FIXED_RATE);

    const baseline = combine(targets[0]!, results[0]!, statements.get(targets[0]!) ?? null, null).requestsPerSecond;
    const rows = targets.map((target, i) => combine(target, results[i]!, statements.get(target) ?? null, target.baseline ? null : baseline));
    const importRow = {
      name: `plan import (API, ${(imports.bytes / 1_000_000).toFixed(2)} MB, applied)`,
      requestsPerSecond: Math.round((1000 / imports.medianMs) * 100) / 100,
      ratio: Math.round((1000 / imports.medianMs / baseline) * 10_000) / 10_000,
      medianMs: imports.medianMs,
      ms: imports.ms,
    };
    const fixed = {
      rate: FIXED_RATE,
      seconds: FIXED_SECONDS,
      baseline: { requestsPerSecond: Math.round(fixedBaseline.requests.average), p50: fixedBaseline.latency.p50, p99: fixedBaseline.latency.p99, non2xx: fixedBaseline.non2xx, errors: fixedBaseline.errors },
      register: { requestsPerSecond: Math.round(fixedRegister.requests.average), p50: fixedRegister.latency.p50, p99: fixedRegister.latency.p99, non2xx: fixedRegister.non2xx, errors: fixedRegister.errors },
    };
    const p99Ratio = Math.round((fixed.register.p99 / Math.max(fixed.baseline.p99, 1)) * 100) / 100;
    /** The comparison holds only when the list was served at the rate asked (within 5 %). */
    const reachedRate = fixed.register.requestsPerSecond >= FIXED_RATE * 0.95;
    const memoryMb = peakMemoryMb(server.pid);
    const constantInPageSize = new Set(Object.values(pageSizes)).size === 1;
    const summary = {
      dataset: { workspaces: WORKSPACES, projectsPerWorkspace: PROJECTS, itemsPerProject: PROJECT_ITEMS, items: seeded.items, snapshotDays: SNAPSHOT_DAYS, seedingMs: Math.round(seeded.seedingMs) },
      connections: CONNECTIONS,
      secondsPerRound: SECONDS,
      rounds: ROUNDS,
      targets: TARGETS,
      baselineRequestsPerSecond: baseline,
      routes: rows,
      planImport: importRow,
      fixedRate: { ...fixed, registerP99VsBaseline: p99Ratio, registerReachedRate: reachedRate },
      sqlPerRequestByPageSize: pageSizes,
      sqlConstantInPageSize: constantInPageSize,
      serverPeakMemoryMb: memoryMb,
    };
    const meets = (ok: boolean | null) => (ok === null ? "—" : ok ? "yes" : "no");
    const goal = (r: Row) => (r.publicSurface ? meets((r.ratio ?? 0) >= TARGETS.publicRatio) : "—");
    const markdown = [
      `${seeded.items.toLocaleString("en")} items: ${WORKSPACES} workspaces × ${PROJECTS} projects × ${PROJECT_ITEMS.toLocaleString("en")} items, each project with 6 phases, a 10-criterion gate with CI results and marks, and ${SNAPSHOT_DAYS} days of snapshots (seeded in ${Math.round(seeded.seedingMs / 1000)} s). The production server, loaded by autocannon in the benchmark's process: ${CONNECTIONS} connections, ${WARMUP_SECONDS} s of warm-up per route, then ${ROUNDS} rounds of ${SECONDS} s on each route in turn (req/s and p50 from the median round, p99 from the worst). Requests rotate over the workspaces and projects; API requests use the workspace's admin key, the board its member's session cookie; every request comes from another client address, so the per-IP limiter runs but refuses none.`,
      "",
      "| Route | req/s | vs bare | goal | p50 | p99 | SQL / request | non-2xx | errors |",
      "|---|--:|--:|:-:|--:|--:|--:|--:|--:|",
      ...rows.map((r) => `| ${r.name} | ${r.requestsPerSecond} | ${r.ratio === null ? "1.00" : r.ratio.toFixed(2)} | ${goal(r)} | ${r.latencyMs.p50} ms | ${r.latencyMs.p99} ms | ${r.sqlPerRequest ?? "—"} | ${r.non2xx} | ${r.errors} |`),
      `| ${importRow.name} | ${importRow.requestsPerSecond} | ${importRow.ratio.toFixed(4)} | ${meets(imports.medianMs <= TARGETS.importMs)} | ${importRow.medianMs} ms | ${Math.max(...imports.ms)} ms | — | 0 | 0 |`,
      "",
      `Goals (reported, not asserted): public JSON and badge ≥ ${TARGETS.publicRatio * 100} % of the bare route's req/s; a 1 MB import ≤ ${TARGETS.importMs} ms (median of ${IMPORTS}, each into an empty project, timed by the client). The revalidated row's 304s count as non-2xx.`,
      "",
      `**At a fixed ${FIXED_RATE} req/s** for ${FIXED_SECONDS} s: the bare route reached ${fixed.baseline.requestsPerSecond} req/s, p50 ${fixed.baseline.p50} ms, p99 ${fixed.baseline.p99} ms; the register list reached ${fixed.register.requestsPerSecond} req/s, p50 ${fixed.register.p50} ms, p99 ${fixed.register.p99} ms — ${p99Ratio}× the bare route's p99 (goal ≤ ${TARGETS.registerP99VsBaseline}× at ${FIXED_RATE} req/s: ${meets(reachedRate && p99Ratio <= TARGETS.registerP99VsBaseline)}${reachedRate ? "" : `; the list did not reach ${FIXED_RATE} req/s`}). Non-2xx: ${fixed.baseline.non2xx} and ${fixed.register.non2xx}.`,
      "",
      `**SQL statements per request** are read from the server's \`readyroom_db_queries_total\` (the fewest over ${PROBE_BATCHES} batches of ${PROBE_REQUESTS} sequential requests). The register list sends ${Object.entries(pageSizes).map(([size, n]) => `${n} for ${size} rows`).join(", ")}: ${constantInPageSize ? "constant in the page size" : "NOT constant in the page size"}.`,
      "",
      `**Server peak memory** (VmHWM) over the whole run: ${memoryMb === null ? "not available" : `${memoryMb} MB`}${env.database === "embedded" ? ", including the embedded database's WebAssembly heap" : ""}.`,
    ].join("\n");
    return { summary, markdown };
  } finally {
    await stopServer(server);
    if (env.database === "postgres" && process.env.BENCH_KEEP !== "1") {
      const raw = await rawDb();
      await raw.workspace.deleteMany({ where: { id: { in: seeded.workspaces.map((w) => w.id) } } });
      await raw.user.delete({ where: { id: seeded.userId } });
    }
  }
}

export const applicationSuite: Suite = { title: "Application under load: 100,000 items in 5 workspaces", run };
