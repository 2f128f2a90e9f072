import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, slug, test } from "./fixtures";

/**
 * The production server behind a load balancer (docs/decisions/0014-shutdown.md):
 * SIGTERM under steady load, with slow uploads in flight. Its own server, on
 * its own port and data directory, since this one is stopped.
 */
const port = Number(process.env.E2E_PORT ?? 3100) + 90;
const origin = `http://127.0.0.1:${port}`;
const DRAIN_SECONDS = 2;

interface Outcome {
  status?: number;
  /** A transport error code (ECONNREFUSED, ECONNRESET…). */
  error?: string;
  /** With an error: whether the request went on a connection that had already carried one. */
  reused?: boolean;
  /** With an error: when it happened. */
  at?: number;
  body?: string;
}

/** One request; a `slowMs` body is sent in ten pieces over that long. */
function send(agent: http.Agent, method: string, url: string, token: string, body?: unknown, slowMs = 0): Promise<Outcome> {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(`${origin}${url}`, {
      method,
      agent,
      headers: { authorization: `Bearer ${token}`, ...(payload ? { "content-type": "application/json", "content-length": payload.length } : {}) },
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
      res.on("error", (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message, reused: req.reusedSocket, at: Date.now() }));
    });
    req.on("error", (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message, reused: req.reusedSocket, at: Date.now() }));
    if (!payload) return void req.end();
    if (!slowMs) return void req.end(payload);
    const step = Math.ceil(payload.length / 10);
    let at = 0;
    const timer = setInterval(() => {
      req.write(payload.subarray(at, at + step));
      at += step;
      if (at >= payload.length) {
        clearInterval(timer);
        req.end();
      }
    }, slowMs / 10);
  });
}

async function waitFor(check: () => Promise<boolean>, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("timed out");
}

test("SIGTERM under load: readiness is 503 at once, the server drains, every accepted request succeeds, and it exits 0", async () => {
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "readyroom-shutdown-"));
  const env = { ...process.env, READYROOM_DATA_DIR: dataDir, PORT: String(port), READYROOM_HOST: "127.0.0.1", READYROOM_DRAIN_SECONDS: String(DRAIN_SECONDS), READYROOM_LOG: "silent", AUTH_SECRET: "shutdown-secret-shutdown-secret-shutdown" };
  const cli = (...args: string[]) => execFileSync(process.execPath, ["bin/readyroom.mjs", ...args], { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  const ws = slug("drain");
  cli("migrate");
  cli("workspace", "create", ws, "--owner", `owner-${ws}@e2e.readyroom.dev`);
  const token = cli("api-key", "create", "--workspace", ws, "--role", "write", "--rate-limit", "10000");

  let server: ChildProcess | undefined;
  try {
    server = spawn(process.execPath, ["scripts/start.mjs", "--no-build", "--no-seed"], { env, stdio: ["ignore", "pipe", "pipe"] });
    const log: string[] = [];
    server.stdout!.on("data", (c: Buffer) => log.push(c.toString()));
    server.stderr!.on("data", (c: Buffer) => log.push(c.toString()));
    const exited = new Promise<{ code: number | null; at: number }>((resolve) => server!.once("exit", (code) => resolve({ code, at: Date.now() })));
    const plain = new http.Agent({ keepAlive: false });
    await waitFor(async () => (await send(plain, "GET", "/api/ready", token)).status === 200, 120_000);

    const base = `/api/v1/workspaces/${ws}/projects`;
    expect((await send(plain, "POST", base, token, { slug: "web", name: "Web", keyPrefix: "WEB" })).status).toBe(201);

    // Steady load on keep-alive connections: reads of the register and writes of new items.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const outcomes: Outcome[] = [];
    let written = 0;
    let loadOn = true;
    let signalled = Infinity;
    /**
     * Not accepted: refused, or reset on a new connection once the server has
     * stopped listening (the kernel resets connections still queued for accept
     * when the listener closes). No byte of such a request reached the app; the
     * count of stored writes below shows none of them landed.
     */
    const notAccepted = (o: Outcome) =>
      o.error === "ECONNREFUSED" || (o.error === "ECONNRESET" && o.reused === false && o.at! >= signalled + DRAIN_SECONDS * 1000);
    const loop = async (n: number) => {
      for (let i = 0; loadOn; i++) {
        const write = (i + n) % 4 === 0;
        const outcome = write
          ? await send(agent, "POST", `${base}/web/items`, token, { title: `Load ${n}-${i}` })
          : await send(agent, "GET", `${base}/web/items?limit=50`, token);
        if (notAccepted(outcome)) return;
        outcomes.push(outcome);
        if (write && outcome.status === 201) written++;
      }
    };
    const loops = Array.from({ length: 6 }, (_, n) => loop(n));
    await new Promise((r) => setTimeout(r, 1500));

    // Slow uploads: still sending their bodies when the drain period ends.
    const slow = Array.from({ length: 3 }, (_, n) => send(new http.Agent({ keepAlive: false }), "POST", `${base}/web/items`, token, { title: `Slow upload ${n}`, description: "x".repeat(20_000) }, (DRAIN_SECONDS + 2) * 1000));
    await new Promise((r) => setTimeout(r, 300));

    signalled = Date.now();
    server.kill("SIGTERM");
    let notReadyAfter: number | null = null;
    while (notReadyAfter === null && Date.now() - signalled < 5000) {
      const ready = await send(plain, "GET", "/api/ready", token);
      if (ready.status === 503) notReadyAfter = Date.now() - signalled;
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(notReadyAfter, "readiness answered 503").not.toBeNull();
    expect(notReadyAfter!).toBeLessThan(1000);
    // Liveness stays up while draining.
    expect((await send(plain, "GET", "/api/health", token)).status).toBe(200);

    const slowOutcomes = await Promise.all(slow);
    const { code, at } = await exited;
    loadOn = false;
    await Promise.all(loops);

    expect(slowOutcomes.map((o) => o.status), JSON.stringify(slowOutcomes)).toEqual([201, 201, 201]);
    const failed = outcomes.filter((o) => o.error || (o.status !== 200 && o.status !== 201));
    expect(failed, log.join("")).toEqual([]);
    expect(outcomes.length).toBeGreaterThan(50);
    expect(written).toBeGreaterThan(5);
    expect(code, log.join("")).toBe(0);
    // It served through the drain period, then stopped once the slow uploads were done.
    expect(at - signalled).toBeGreaterThanOrEqual(DRAIN_SECONDS * 1000);
    expect(at - signalled).toBeLessThan((DRAIN_SECONDS + 15) * 1000);
    expect(log.join("")).toContain("readyroom: stopped.");
    agent.destroy();

    // Every acknowledged write is there: the database was closed cleanly.
    const stored = JSON.parse(cli("export", "--workspace", ws, "--project", "web", "--format", "json")) as { items: { title: string }[] };
    expect(stored.items.filter((item) => item.title.startsWith("Load ") || item.title.startsWith("Slow upload")).length).toBe(written + 3);
  } finally {
    if (server && server.exitCode === null) server.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
});
