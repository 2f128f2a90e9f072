/**
 * The production server for the benchmark and the load test: started with the
 * launcher (scripts/start.mjs, built first when the sources changed) on the
 * database the caller points it at, and stopped with SIGTERM like a
 * deployment stops it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** 10.x.y.z, a different address each call, round the 16M of them: with TRUSTED_PROXY_HOPS=1 each request counts as another visitor. */
export function addresses(): () => string {
  let n = 0;
  return () => {
    n = (n + 1) % 16_777_216;
    return `10.${n >>> 16}.${(n >>> 8) & 255}.${n & 255}`;
  };
}

export interface ServerOptions {
  log(message: string): void;
  port: number;
  /** Variables beyond the ones every run sets (the metrics token, drain seconds…). */
  env?: Record<string, string>;
  /** Where the server's stdout goes (a file descriptor: a log file): its JSON logs are off unless it goes somewhere. */
  stdout?: "ignore" | "inherit" | number;
}

export async function startServer({ log, port, env = {}, stdout = "ignore" }: ServerOptions): Promise<ChildProcess> {
  const { ensureBuild } = (await import(pathToFileURL(path.join(ROOT, "scripts", "build-if-needed.mjs")).href)) as { ensureBuild(): void };
  ensureBuild();
  // BENCH_SERVER_NODE_ARGS: node options for the server alone, e.g. "--cpu-prof --cpu-prof-dir=/tmp/profiles" to profile it under the load.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, "scripts", "start.mjs"), "--no-build", "--no-seed"], {
    cwd: ROOT,
    stdio: ["ignore", stdout, "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      READYROOM_HOST: "127.0.0.1",
      TRUSTED_PROXY_HOPS: "1",
      READYROOM_LOG: stdout === "ignore" ? "silent" : "",
      AUTH_URL: `http://127.0.0.1:${port}`,
      AUTH_SECRET: process.env.AUTH_SECRET ?? crypto.randomUUID() + crypto.randomUUID(),
      ...env,
    },
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before it answered`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) {
      log(`server up on port ${port} (pid ${child.pid})`);
      return child;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill("SIGKILL");
  throw new Error("the server did not answer /api/health within 120 s");
}

/** The server's peak resident memory (VmHWM), in MB; null where /proc is not there. */
export function peakMemoryMb(pid: number | undefined): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmHWM:"));
    return line ? Math.round(Number(line.replace(/\D+/g, "")) / 1024) : null;
  } catch {
    return null;
  }
}

/** SIGTERM, then SIGKILL after 20 s; resolves with the exit code (null when killed by a signal). */
export async function stopServer(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  const code = await exited;
  clearTimeout(timer);
  return code;
}
