import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, slug, test } from "./fixtures";

/**
 * The production server's request logs and metrics (docs/decisions/0017-observability.md),
 * read from its own stdout: its own server, with logging on and a metrics token.
 */
const port = Number(process.env.E2E_PORT ?? 3100) + 91;
const origin = `http://127.0.0.1:${port}`;
const AUTH_SECRET = "observability-secret-observability-secret";
const METRICS_TOKEN = "metrics-token-observability-0123456789";

interface LogLine {
  level: string;
  msg: string;
  requestId?: string;
  method?: string;
  route?: string;
  status?: number;
  durationMs?: number;
  workspaceId?: string;
  apiKeyId?: string;
}

test("every request is one JSON log line with its id, route pattern, status, duration and workspace, no secret reaches the logs, and /api/metrics counts it", async () => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "readyroom-observability-"));
  const env = { ...process.env, READYROOM_DATA_DIR: dataDir, PORT: String(port), READYROOM_HOST: "127.0.0.1", READYROOM_LOG: "", READYROOM_LOG_LEVEL: "info", READYROOM_METRICS_TOKEN: METRICS_TOKEN, AUTH_SECRET };
  const cli = (...args: string[]) => execFileSync(process.execPath, ["bin/readyroom.mjs", ...args], { env: { ...env, READYROOM_LOG: "silent" }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  const ws = slug("logs");
  cli("migrate");
  cli("workspace", "create", ws, "--owner", `owner-${ws}@e2e.readyroom.dev`);
  const adminKey = cli("api-key", "create", "--workspace", ws, "--role", "admin");
  const readKey = cli("api-key", "create", "--workspace", ws, "--role", "read");

  let server: ChildProcess | undefined;
  const out: string[] = [];
  try {
    server = spawn(process.execPath, ["scripts/start.mjs", "--no-build", "--no-seed"], { env, stdio: ["ignore", "pipe", "pipe"] });
    server.stdout!.on("data", (c: Buffer) => out.push(c.toString()));
    server.stderr!.on("data", (c: Buffer) => out.push(c.toString()));
    const call = (method: string, url: string, body?: unknown, token = adminKey) =>
      fetch(`${origin}${url}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined });
    await expect.poll(async () => (await fetch(`${origin}/api/ready`).catch(() => null))?.status, { timeout: 120_000 }).toBe(200);

    const base = `/api/v1/workspaces/${ws}`;
    const created = await call("POST", `${base}/projects`, { slug: "web", name: "Web", keyPrefix: "WEB" });
    expect(created.status).toBe(201);
    const requestId = created.headers.get("x-request-id")!;
    // Keys are made by people: refused, and logged as refused.
    expect((await call("POST", `${base}/api-keys`, { name: "CI", role: "write" })).status).toBe(403);
    const hook = (await (await call("POST", `${base}/webhooks`, { url: "https://hooks.example.com/readyroom", events: ["item.created"] })).json()) as { secret: string };
    expect(hook.secret).toMatch(/^whsec_/);
    expect((await call("GET", `${base}/projects/web/items?limit=5`, undefined, readKey)).status).toBe(200);
    expect((await call("GET", `${base}/projects/web`, undefined, "rr_wrongwrongwr_0123456789012345678901234567890123")).status).toBe(401);
    expect((await fetch(`${origin}/invite/secret-invitation-token-1234`)).status).toBeLessThan(500);

    const metrics = await fetch(`${origin}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toMatch(/^http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/workspaces\/\[ws\]\/projects",status_code="201"\} 1$/m);
    expect(text).toMatch(/^readyroom_db_queries_total \d+/m);
    expect((await fetch(`${origin}/api/metrics`)).status).toBe(401);

    await expect.poll(() => out.join("").includes('"route":"/invite/[token]"'), { timeout: 10_000 }).toBe(true);
    const logs = out.join("");
    const lines = logs.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as LogLine);
    const requests = lines.filter((l) => l.msg === "request");
    const create = requests.find((l) => l.requestId === requestId);
    expect(create).toMatchObject({ level: "info", method: "POST", route: "/api/v1/workspaces/[ws]/projects", status: 201, apiKeyId: expect.any(String), workspaceId: expect.any(String) });
    expect(create!.durationMs).toBeGreaterThan(0);
    const read = requests.find((l) => l.route === "/api/v1/workspaces/[ws]/projects/[project]/items");
    expect(read).toMatchObject({ status: 200, apiKeyId: expect.any(String), workspaceId: create!.workspaceId });
    expect(read!.apiKeyId).not.toBe(create!.apiKeyId);
    expect(requests.find((l) => l.route === "/api/v1/workspaces/[ws]/api-keys")).toMatchObject({ method: "POST", status: 403 });
    expect(requests.some((l) => l.status === 401)).toBe(true);
    // Probes are logged at debug, so not at info.
    expect(requests.some((l) => l.route === "/api/ready")).toBe(false);

    for (const secret of [adminKey, readKey, hook.secret, AUTH_SECRET, METRICS_TOKEN, "secret-invitation-token-1234", "rr_wrongwrongwr_0123456789012345678901234567890123"]) {
      expect(logs.includes(secret), `a secret in the logs: ${secret.slice(0, 8)}…`).toBe(false);
    }
  } finally {
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((r) => server!.once("exit", r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
});
