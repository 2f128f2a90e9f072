/**
 * `npm run test:load [-- --short]`: load and faults against real PostgreSQL.
 *
 * Two production servers (scripts/start.mjs) share the database, as the
 * README's deployment has them behind a load balancer; the load generator
 * plays the balancer: round robin, and a request whose connection is refused
 * (it never reached a server) goes to the other one.
 *
 * 1. steady: 200 req/s of mixed reads and writes through the API for 60 s
 *    (50 req/s for 15 s short) — every answer must be a success;
 * 2. fault: PostgreSQL is stopped in the middle of the load and started again
 *    10 s later (5 s short) — while it is down every answer is a fast 503
 *    (or a cached public status), then the servers recover by themselves;
 * 3. drain: SIGTERM to one server under the same load, as a rolling deploy
 *    does — no request fails, and that server exits 0;
 * then every write that was acknowledged (201/200) must be in the database.
 *
 * Needs DATABASE_URL on this machine (127.0.0.1 or localhost) and the right to
 * stop and start that server: by default with pg_ctlcluster (Debian), or the
 * commands in LOAD_PG_STOP / LOAD_PG_START. Writes bench/load-results.json and
 * bench/load-results.md; exits 1 when an expectation fails. See bench/README.md.
 */
import { type ChildProcess, execSync } from "node:child_process";
import http from "node:http";
import { closeSync, openSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { systemWorkspaceContext } from "@/lib/auth/system";
// The load test checks the acknowledged writes with one query each, across the whole project, and removes its workspace at the end.
// eslint-disable-next-line no-restricted-imports
import { closeDatabase, rawDb } from "@/lib/db/client";
import { ensureUser } from "@/lib/db/global/identity";
import { createApiKey } from "@/lib/services/api-keys/create-api-key";
import { updatePublicSettings } from "@/lib/services/projects/public-settings";
import { createWorkspace } from "@/lib/services/workspaces/create-workspace";
import { DEFAULT_SHOW } from "@/lib/validation/public-status";
import { createWorkspaceInput } from "@/lib/validation/workspace";
import { prng, seedOwners, seedProject } from "../bench/dataset";
import { freePort, peakMemoryMb, startServer, stopServer } from "../bench/server";

const SHORT = process.argv.includes("--short");
/** Requests a second: 200 in the full run; the short one, which CI runs beside its other work, sends fewer (LOAD_RATE sets either). */
const RATE = Number(process.env.LOAD_RATE ?? (SHORT ? 50 : 200));
const STEADY_S = SHORT ? 15 : 60;
const BEFORE_FAULT_S = SHORT ? 3 : 10;
const DOWN_S = SHORT ? 5 : 10;
const RECOVERY_S = SHORT ? 15 : 30;
/** The server must answer successfully again within this long after PostgreSQL is back. */
const RECOVERY_LIMIT_S = 15;
/** Every answer while PostgreSQL is down must come within this (the pool's connect timeout is 5 s). */
const FAIL_FAST_MS = 1_000;
const DRAIN_S = 3;
/** Servers behind the generator's balancing (LOAD_SERVERS). */
const SERVERS = Math.max(1, Number(process.env.LOAD_SERVERS ?? 2));
const ITEMS = 500;
const REQUEST_TIMEOUT_MS = 15_000;
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const log = (message: string) => console.error(`[load] ${message}`);

type Kind = "list" | "get" | "evaluate" | "public" | "create" | "comment" | "update";
const MIX: [Kind, number][] = [["list", 25], ["get", 20], ["evaluate", 5], ["public", 15], ["create", 15], ["comment", 12], ["update", 8]];

interface Sample {
  kind: Kind;
  /** ms since the load began. */
  at: number;
  ms: number;
  status: number | null;
  error?: string;
}

// ───────────────────────────── PostgreSQL control ─────────────────────────────

function postgresControl(url: string) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) throw new Error(`the load test stops and starts PostgreSQL: DATABASE_URL must be on this machine, not ${host}`);
  const cluster = () => {
    const versions = readdirSync("/etc/postgresql");
    if (versions.length !== 1) throw new Error("set LOAD_PG_STOP and LOAD_PG_START: found no single cluster in /etc/postgresql");
    return `pg_ctlcluster --skip-systemctl-redirect ${versions[0]} main`;
  };
  const stop = process.env.LOAD_PG_STOP ?? `${cluster()} stop -m fast`;
  const start = process.env.LOAD_PG_START ?? `${cluster()} start`;
  let down = false;
  return {
    stop() {
      execSync(stop, { stdio: "inherit" });
      down = true;
    },
    start() {
      execSync(start, { stdio: "inherit" });
      down = false;
    },
    /** Starts it again if a failure left it stopped. */
    restore() {
      if (down) execSync(start, { stdio: "inherit" });
    },
  };
}

// ───────────────────────────── data ─────────────────────────────

interface Seeded {
  workspaceId: string;
  userId: string;
  ws: string;
  project: string;
  gateId: string;
  publicSlug: string;
  keys: string[];
  itemKeys: string[];
}

async function seed(): Promise<Seeded> {
  const suffix = crypto.randomUUID().slice(0, 8);
  const user = await ensureUser(`load-${suffix}@bench.readyroom.dev`, "Load test owner");
  const workspace = await createWorkspace({ userId: user.id, input: createWorkspaceInput.parse({ slug: `load-${suffix}`, name: "Load test" }) });
  const ctx = await systemWorkspaceContext(workspace.slug, "load-test");
  const ownerIds = await seedOwners(ctx);
  const project = await seedProject({ ctx, userId: user.id, ownerIds, project: { slug: "app", name: "Load test app", keyPrefix: "LOAD" }, items: ITEMS, rng: prng(20_261_206) });
  const publicSlug = `load-${suffix}`;
  const show = Object.fromEntries(Object.keys(DEFAULT_SHOW).map((s) => [s, true])) as typeof DEFAULT_SHOW;
  await updatePublicSettings({ ctx, projectSlug: project.projectSlug, input: { enabled: true, slug: publicSlug, show, embedOrigins: [] } });
  // Three keys at the highest limit a key may have: 200 req/s is 12,000 a minute, more than one key's 10,000.
  const keys: string[] = [];
  for (let k = 0; k < 3; k++) keys.push((await createApiKey({ ctx, input: { name: `load ${k + 1}`, role: "admin", rateLimitPerMinute: 10_000 } })).key);
  const itemKeys = Array.from({ length: ITEMS }, (_, i) => `LOAD-${i + 1}`);
  return { workspaceId: workspace.id, userId: user.id, ws: workspace.slug, project: project.projectSlug, gateId: project.gateId, publicSlug, keys, itemKeys };
}

// ───────────────────────────── load ─────────────────────────────

/**
 * The balancer's connections to each server: kept alive and at most
 * CONNECTIONS at once, as a load balancer holds them. Requests beyond that
 * wait for a free connection (their time counts in their latency).
 */
const CONNECTIONS = 32;

function httpRequest(url: string, init: { method?: string; headers: Record<string, string>; body?: string }, agent?: http.Agent): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? "GET", headers: init.body ? { ...init.headers, "content-length": String(Buffer.byteLength(init.body)) } : init.headers, agent, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })));
    req.on("error", reject);
    req.end(init.body);
  });
}

class Load {
  readonly samples: Sample[] = [];
  /** Acknowledged writes, to look for afterwards. */
  readonly created = new Map<string, string>();
  readonly comments = new Map<string, string>();
  readonly updated = new Map<string, string>();
  private readonly fresh: { key: string; version: number }[] = [];
  /** Requests sent and not yet answered, with what they were. */
  private readonly inflight = new Map<Promise<void>, { kind: Kind; at: number }>();
  private readonly t0 = performance.now();
  private n = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly api: string;
  private readonly rng = prng(42);
  private readonly upstreams: { base: string; agent: http.Agent; downUntil: number; ready: boolean }[];
  private readiness: NodeJS.Timeout | null = null;
  private turn = 0;
  /** Requests a refused connection sent to another server. */
  rerouted = 0;

  constructor(
    ports: number[],
    private readonly data: Seeded,
  ) {
    this.upstreams = ports.map((port) => ({ base: `http://127.0.0.1:${port}`, agent: new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS }), downUntil: 0, ready: true }));
    this.api = `/api/v1/workspaces/${data.ws}/projects/${data.project}`;
  }

  /**
   * Round robin over the servers that are ready and not marked down; when
   * none is (the database is away and every readiness check says so), over
   * all of them, which then answer 503.
   */
  private upstream(excluding?: (typeof this.upstreams)[number]) {
    const now = this.now();
    for (const wantReady of [true, false]) {
      for (let i = 0; i < this.upstreams.length; i++) {
        const candidate = this.upstreams[this.turn++ % this.upstreams.length]!;
        if (candidate !== excluding && candidate.downUntil <= now && (candidate.ready || !wantReady)) return candidate;
      }
    }
    return this.upstreams.find((u) => u !== excluding) ?? this.upstreams[0]!;
  }

  /** As a load balancer's health check: /api/ready every half second; a draining server answers 503 and gets no new requests. */
  private watchReadiness() {
    this.readiness = setInterval(() => {
      for (const upstream of this.upstreams) {
        httpRequest(`${upstream.base}/api/ready`, { headers: {} }).then(
          ({ status }) => void (upstream.ready = status === 200),
          () => void (upstream.ready = false),
        );
      }
    }, 500);
  }

  /**
   * As a load balancer: a refused connection carried no request, so it is
   * safe to send it to another server, whatever the method; that server is
   * left alone for a second.
   */
  private async balanced(path: string, init: { method?: string; headers: Record<string, string>; body?: string }) {
    const first = this.upstream();
    try {
      return await httpRequest(first.base + path, init, first.agent);
    } catch (error) {
      if ((error as { code?: string }).code !== "ECONNREFUSED" || this.upstreams.length === 1) throw error;
      first.downUntil = this.now() + 1_000;
      this.rerouted++;
      const second = this.upstream(first);
      return httpRequest(second.base + path, init, second.agent);
    }
  }

  now(): number {
    return performance.now() - this.t0;
  }

  /** Sends RATE requests a second, on schedule whatever the answers, until stopped. */
  start() {
    this.watchReadiness();
    let sent = 0;
    const began = this.now();
    this.timer = setInterval(() => {
      const due = Math.floor(((this.now() - began) / 1000) * RATE);
      for (; sent < due; sent++) this.one();
    }, 5);
  }

  /**
   * Stops sending and waits for the answers. A request still unanswered after
   * the request timeout counts as a failure: its promise may never settle (and
   * AbortSignal.timeout's timer does not keep the process alive), so the wait
   * has a timer of its own.
   */
  async stop() {
    if (this.timer) clearInterval(this.timer);
    if (this.readiness) clearInterval(this.readiness);
    this.timer = null;
    this.readiness = null;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, REQUEST_TIMEOUT_MS + 2_000)));
    await Promise.race([Promise.all([...this.inflight.keys()]), deadline]);
    clearTimeout(timer);
    for (const [p, { kind, at }] of this.inflight) {
      this.samples.push({ kind, at, ms: this.now() - at, status: null, error: "no answer" });
      this.inflight.delete(p);
    }
  }

  /** Every kind of request a few times on each server, one at a time. */
  async warmUp(ports: number[]) {
    for (const port of ports) {
      for (const [kind] of MIX) {
        for (let i = 0; i < 5; i++) {
          const { url, init, onOk } = this.request(kind);
          const { status, text } = await httpRequest(`http://127.0.0.1:${port}${url}`, init);
          if (status >= 300) throw new Error(`warm-up: ${init.method ?? "GET"} ${url} answered ${status}: ${text.slice(0, 200)}`);
          onOk?.(JSON.parse(text));
        }
      }
    }
  }

  private pick<T>(values: T[]): T {
    return values[Math.floor(this.rng() * values.length)]!;
  }

  private kind(): Kind {
    let r = this.rng() * MIX.reduce((sum, [, w]) => sum + w, 0);
    for (const [kind, w] of MIX) if ((r -= w) < 0) return kind;
    return "list";
  }

  private request(kind: Kind): { url: string; init: { method?: string; headers: Record<string, string>; body?: string }; onOk?: (body: unknown) => void } {
    const headers = { authorization: `Bearer ${this.pick(this.data.keys)}`, "content-type": "application/json" };
    const n = ++this.n;
    switch (kind) {
      case "list":
        return { url: `${this.api}/items?status=open,in_progress,blocked&severity=${this.pick(["critical,high", "medium", "low,medium"])}&limit=50`, init: { headers } };
      case "get":
        return { url: `${this.api}/items/${this.pick(this.data.itemKeys)}`, init: { headers } };
      case "evaluate":
        return { url: `${this.api}/gates/${this.data.gateId}/evaluation`, init: { headers } };
      case "public":
        return { url: `/api/public/v1/status/${this.data.publicSlug}/summary.json`, init: { headers: { "x-forwarded-for": `10.1.${(n >> 8) & 255}.${n & 255}` } } };
      case "create": {
        const title = `Load test finding ${n}`;
        return {
          url: `${this.api}/items`,
          init: { method: "POST", headers, body: JSON.stringify({ title, severity: this.pick(["low", "medium", "high"]), labels: ["load"] }) },
          onOk: (body) => {
            const item = body as { key: string; version: number };
            this.created.set(item.key, title);
            this.fresh.push({ key: item.key, version: item.version });
          },
        };
      }
      case "comment": {
        const text = `Load test comment ${n}`;
        const key = this.pick(this.data.itemKeys);
        return { url: `${this.api}/items/${key}/comments`, init: { method: "POST", headers, body: JSON.stringify({ body: text }) }, onOk: (body) => void this.comments.set((body as { id: string }).id, text) };
      }
      case "update": {
        // Each created item is moved to in_progress once, with the version its creation answered.
        const item = this.fresh.shift();
        if (!item) return this.request("get");
        return { url: `${this.api}/items/${item.key}`, init: { method: "PATCH", headers, body: JSON.stringify({ version: item.version, status: "in_progress" }) }, onOk: () => void this.updated.set(item.key, "in_progress") };
      }
    }
  }

  private one() {
    const kind = this.kind();
    const at = this.now();
    const p = this.send(kind, at);
    this.inflight.set(p, { kind, at });
    void p.then(() => this.inflight.delete(p));
  }

  private async send(kind: Kind, at: number): Promise<void> {
    const { url, init, onOk } = this.request(kind);
    try {
      const { status, text } = await this.balanced(url, init);
      if (status >= 200 && status < 300 && onOk) onOk(JSON.parse(text));
      this.samples.push({ kind, at, ms: this.now() - at, status });
    } catch (error) {
      this.samples.push({ kind, at, ms: this.now() - at, status: null, error: (error as { code?: string }).code ?? (error as Error).message });
    }
  }
}

// ───────────────────────────── report ─────────────────────────────

function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!);
}

function describe(samples: Sample[], seconds: number) {
  const byStatus: Record<string, number> = {};
  for (const s of samples) {
    const key = s.status === null ? `error ${s.error}` : String(s.status);
    byStatus[key] = (byStatus[key] ?? 0) + 1;
  }
  const ms = samples.map((s) => s.ms);
  return { requests: samples.length, perSecond: Math.round(samples.length / seconds), p50: percentile(ms, 50), p99: percentile(ms, 99), max: percentile(ms, 100), byStatus };
}

const ok = (s: Sample) => s.status !== null && s.status >= 200 && s.status < 300;
const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) {
    console.error("npm run test:load needs DATABASE_URL: a PostgreSQL server on this machine that the test may stop and start (see bench/README.md).");
    return 2;
  }
  const pg = postgresControl(url);
  execSync(`${process.execPath} ${path.join(ROOT, "bin", "readyroom.mjs")} migrate`, { stdio: ["ignore", "ignore", "inherit"] });
  log("seeding a workspace with one project of 500 items, a gate and three API keys");
  const data = await seed();
  const ports: number[] = [];
  const servers: ChildProcess[] = [];
  for (let i = 0; i < SERVERS; i++) {
    const port = await freePort();
    // Each server's JSON log goes to a file: a failed check can be looked up by request there.
    const logPath = path.join(os.tmpdir(), `readyroom-load-${process.pid}-${i + 1}.log`);
    const logFd = openSync(logPath, "w");
    log(`server ${i + 1} log: ${logPath}`);
    servers.push(await startServer({ log, port, stdout: logFd, env: { READYROOM_DRAIN_SECONDS: String(DRAIN_S), READYROOM_SHUTDOWN_TIMEOUT_SECONDS: "20" } }));
    closeSync(logFd);
    ports.push(port);
  }
  // The server that is stopped in the drain phase.
  const server = servers[0]!;
  let exitCode: number | null = null;
  const exited = new Promise<void>((resolve) => server.once("exit", (code) => ((exitCode = code), resolve())));
  const checks: { name: string; pass: boolean; detail: string }[] = [];
  const check = (name: string, pass: boolean, detail: string) => {
    checks.push({ name, pass, detail });
    log(`${pass ? "ok  " : "FAIL"} ${name}: ${detail}`);
  };
  const load = new Load(ports, data);
  const phases: Record<string, ReturnType<typeof describe>> = {};
  try {
    // A warm-up, not counted: the first requests of each route on a fresh server load its code.
    await load.warmUp(ports);

    log(`steady: ${RATE} req/s for ${STEADY_S} s`);
    load.start();
    await sleep(STEADY_S);
    const steadyEnd = load.now();
    const steady = load.samples.filter((s) => s.at < steadyEnd);
    phases.steady = describe(steady, STEADY_S);
    await sleep(BEFORE_FAULT_S);

    log(`fault: stopping PostgreSQL for ${DOWN_S} s under load`);
    const downAt = load.now();
    pg.stop();
    const stoppedAt = load.now();
    await sleep(DOWN_S);
    const startAt = load.now();
    pg.start();
    const upAt = load.now();
    log(`PostgreSQL back after ${((upAt - downAt) / 1000).toFixed(1)} s; ${RECOVERY_S} s of recovery under load`);
    await sleep(RECOVERY_S);
    const recoveryEnd = load.now();

    log(`drain: SIGTERM to server 1 of ${SERVERS} under load`);
    const termAt = load.now();
    server.kill("SIGTERM");
    await Promise.race([exited, sleep(DRAIN_S + 25)]);
    const exitAt = load.now();
    // The load goes on a little after the server is gone: the others take all of it.
    await sleep(SERVERS > 1 ? 3 : 0);
    const drainEnd = load.now();
    await load.stop();

    // Steady: every request a success.
    const steadyFailures = steady.filter((s) => !ok(s));
    check("steady load: every request succeeded", steadyFailures.length === 0, `${steady.length} requests at ${phases.steady.perSecond} req/s, p50 ${phases.steady.p50} ms, p99 ${phases.steady.p99} ms, ${steadyFailures.length} failed ${JSON.stringify(phases.steady.byStatus)}`);

    // While down (sent after the stop returned, answered before the start was called): a fast 503, or a public status from the cache.
    const down = load.samples.filter((s) => s.at >= stoppedAt && s.at + s.ms < startAt);
    phases.down = describe(down, (startAt - stoppedAt) / 1000);
    const wrongWhileDown = down.filter((s) => !(s.status === 503 || (ok(s) && s.kind === "public")));
    check("database down: every answer is a 503 (or a cached public status)", down.length > 0 && wrongWhileDown.length === 0, `${down.length} requests ${JSON.stringify(phases.down.byStatus)}`);
    const slow = down.filter((s) => s.ms > FAIL_FAST_MS);
    check(`database down: every answer within ${FAIL_FAST_MS} ms`, slow.length === 0, `p50 ${phases.down.p50} ms, p99 ${phases.down.p99} ms, max ${phases.down.max} ms`);
    const wrongAround = load.samples.filter((s) => s.at >= downAt && s.at < recoveryEnd && !ok(s) && s.status !== 503);
    check("fault: no 500s, no dropped connections, no timeouts", wrongAround.length === 0, wrongAround.length ? JSON.stringify(describe(wrongAround, 1).byStatus) : "none");

    // Recovery: the last failure after the restart, and a clean tail.
    const after = load.samples.filter((s) => s.at >= upAt && s.at < recoveryEnd);
    const lastFailure = after.filter((s) => !ok(s)).reduce((latest, s) => Math.max(latest, s.at), upAt);
    const recoveredIn = (lastFailure - upAt) / 1000;
    phases.recovery = describe(after, (recoveryEnd - upAt) / 1000);
    check(`recovery: the server answers successfully again within ${RECOVERY_LIMIT_S} s, by itself`, recoveredIn <= RECOVERY_LIMIT_S && after.some(ok), `last failure ${recoveredIn.toFixed(1)} s after PostgreSQL was back; ${JSON.stringify(phases.recovery.byStatus)}`);

    // Drain: with another server to take the load, no request fails while one stops; alone, requests in its drain period are served and later ones refused.
    const drained = load.samples.filter((s) => s.at >= termAt && s.at < (SERVERS > 1 ? drainEnd : termAt + DRAIN_S * 1000 - 250));
    phases.drain = describe(drained, (SERVERS > 1 ? drainEnd - termAt : DRAIN_S * 1000) / 1000);
    const drainFailures = drained.filter((s) => !ok(s));
    check(SERVERS > 1 ? "drain: no request failed while a server stopped" : "drain: every request sent in the drain period succeeded", drained.length > 0 && drainFailures.length === 0, `${drained.length} requests ${JSON.stringify(phases.drain.byStatus)}; ${load.rerouted} refused connections sent to another server`);
    if (SERVERS === 1) {
      const afterClose = load.samples.filter((s) => s.at >= termAt + DRAIN_S * 1000 && !ok(s));
      const notRefused = afterClose.filter((s) => s.status !== null || !["ECONNREFUSED", "ECONNRESET"].includes(s.error ?? ""));
      check("drain: after the listener closed, requests are refused, never half-answered", notRefused.length === 0, `${afterClose.length} refused ${JSON.stringify(describe(afterClose, 1).byStatus)}`);
    }
    check("drain: the stopped server exited 0", exitCode === 0, `exit code ${exitCode} ${((exitAt - termAt) / 1000).toFixed(1)} s after SIGTERM`);

    // Every acknowledged write is in the database.
    const raw = await rawDb();
    const items = await raw.item.findMany({ where: { workspaceId: data.workspaceId }, select: { number: true, title: true, status: true, project: { select: { keyPrefix: true } } } });
    const byKey = new Map(items.map((i) => [`${i.project.keyPrefix}-${i.number}`, i]));
    const missingCreated = [...load.created].filter(([key, title]) => byKey.get(key)?.title !== title);
    const missingUpdated = [...load.updated].filter(([key, status]) => byKey.get(key)?.status !== status);
    const comments = await raw.comment.findMany({ where: { workspaceId: data.workspaceId }, select: { id: true, body: true } });
    const commentById = new Map(comments.map((c) => [c.id, c.body]));
    const missingComments = [...load.comments].filter(([id, body]) => commentById.get(id) !== body);
    check(
      "every acknowledged write is in the database",
      missingCreated.length + missingUpdated.length + missingComments.length === 0,
      `${load.created.size} items created, ${load.updated.size} updated, ${load.comments.size} comments; missing ${missingCreated.length}, ${missingUpdated.length}, ${missingComments.length}`,
    );

    const all = describe(load.samples, exitAt / 1000);
    const summary = {
      ranAt: new Date().toISOString(),
      mode: SHORT ? "short" : "full",
      rate: RATE,
      seconds: { steady: STEADY_S, down: DOWN_S, recovery: RECOVERY_S, drain: DRAIN_S },
      phases,
      total: all,
      acknowledgedWrites: { created: load.created.size, updated: load.updated.size, comments: load.comments.size },
      recoveredInSeconds: Math.round(recoveredIn * 10) / 10,
      servers: SERVERS,
      rerouted: load.rerouted,
      serverPeakMemoryMb: servers.map((child) => peakMemoryMb(child.pid)),
      checks,
    };
    const markdown = [
      "# Load and fault test",
      "",
      `_Ran ${summary.ranAt} (${summary.mode}: \`npm run test:load${SHORT ? " -- --short" : ""}\`) against PostgreSQL: ${SERVERS} servers behind the generator's round robin, ${RATE} req/s of mixed API reads and writes (${MIX.map(([k, w]) => `${k} ${w} %`).join(", ")})._`,
      "",
      "| Phase | requests | req/s | p50 | p99 | max | answers |",
      "|---|--:|--:|--:|--:|--:|---|",
      ...Object.entries(phases).map(([name, p]) => `| ${name} | ${p.requests} | ${p.perSecond} | ${p.p50} ms | ${p.p99} ms | ${p.max} ms | ${Object.entries(p.byStatus).map(([k, v]) => `${k}: ${v}`).join(", ")} |`),
      "",
      "| Check | result | measured |",
      "|---|:-:|---|",
      ...checks.map((c) => `| ${c.name} | ${c.pass ? "pass" : "**FAIL**"} | ${c.detail} |`),
      "",
    ].join("\n");
    writeFileSync(path.join(ROOT, "bench", "load-results.json"), `${JSON.stringify(summary, null, 2)}\n`);
    writeFileSync(path.join(ROOT, "bench", "load-results.md"), markdown);
    console.log(markdown);
    return checks.every((c) => c.pass) ? 0 : 1;
  } finally {
    await load.stop();
    pg.restore();
    await Promise.all(servers.map((child) => stopServer(child)));
    const raw = await rawDb().catch(() => null);
    await raw?.workspace.delete({ where: { id: data.workspaceId } }).catch(() => {});
    await raw?.user.delete({ where: { id: data.userId } }).catch(() => {});
    await closeDatabase();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
