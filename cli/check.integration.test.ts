import { spawnSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as checksRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/criteria/[criterion]/checks/route";
import { createGate } from "@/lib/services/gates/create-gate";
import { listCriterionHistory } from "@/lib/services/gates/criterion-history";
import { evaluateGate } from "@/lib/services/gates/evaluate-gate";
import { createGateInput } from "@/lib/validation/gate";
import { createTestApiKey, createTestProject, createWorkspace, type TestWorkspace } from "@/test/factories";
import { requestState } from "@/test/harness/request-state";
import { CheckFailed, checkBody, checkEndpoint, ciDefaults, postCheck, type CheckDeps, type CheckTarget } from "./check";

const root = path.resolve(__dirname, "..");

/** `fetch` answered by the real route handler, as the server would. */
async function serverFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const match = /\/workspaces\/([^/]+)\/projects\/([^/]+)\/gates\/([^/]+)\/criteria\/([^/]+)\/checks$/.exec(new URL(request.url).pathname);
  if (!match) return new Response("not found", { status: 404 });
  const [ws = "", project = "", gate = "", criterion = ""] = match.slice(1).map(decodeURIComponent);
  requestState.headers = request.headers;
  requestState.session = null;
  return checksRoute.POST(request, { params: Promise.resolve({ ws, project, gate, criterion }) });
}

function deps(fetchImpl: typeof fetch): CheckDeps & { slept: number[]; logged: string[] } {
  const slept: number[] = [];
  const logged: string[] = [];
  return { fetch: fetchImpl, sleep: async (ms) => void slept.push(ms), random: () => 0.5, log: (line) => void logged.push(line), slept, logged };
}

let ws: TestWorkspace;
let target: CheckTarget;
let projectSlug: string;
let gateId: string;

beforeAll(async () => {
  ws = await createWorkspace("check-cli");
  const project = await createTestProject(ws);
  projectSlug = project.slug;
  const gate = await createGate({ ctx: ws.ctx, projectSlug, input: createGateInput.parse({ name: "v1.0", criteria: [{ title: "CI green", type: "check" }] }) });
  gateId = gate.id;
  const key = await createTestApiKey(ws, "write");
  target = { url: "https://readyroom.example.com/", token: key.key, workspace: ws.slug, project: projectSlug, gate: gate.id, criterion: gate.criteria[0]!.id };
});

async function latestCheck() {
  const evaluation = await evaluateGate({ ctx: ws.ctx, projectSlug, gateId });
  const criterion = evaluation.criteria[0]!;
  return criterion.type === "check" ? criterion.latest : undefined;
}

describe("readyroom check", () => {
  it("builds the body from the flags and the CI service's variables", () => {
    expect(ciDefaults({ GITHUB_SHA: "3f9c2ab1", GITHUB_REPOSITORY: "acme/api", GITHUB_RUN_ID: "77" })).toEqual({ commit: "3f9c2ab1", build: "https://github.com/acme/api/actions/runs/77" });
    expect(ciDefaults({ CI_COMMIT_SHA: "abcdef0", CI_JOB_URL: "https://gitlab.example.com/j/9" })).toEqual({ commit: "abcdef0", build: "https://gitlab.example.com/j/9" });
    expect(checkBody({ status: "pass", summary: "42 tests", commit: "a1b2c3d" }, { GITHUB_SHA: "ffffff0" })).toEqual({ status: "pass", summary: "42 tests", commitSha: "a1b2c3d" });
    expect(checkEndpoint(target)).toBe(`https://readyroom.example.com/api/v1/workspaces/${ws.slug}/projects/${projectSlug}/gates/${target.gate}/criteria/${target.criterion}/checks`);
  });

  it("refuses a bad flag before sending anything", () => {
    expect(() => checkBody({ status: "green", commit: "not-a-sha" }, {})).toThrow(/--status[\s\S]*--commit: must be a commit hash/);
  });

  it("records the result through the API", async () => {
    const d = deps(serverFetch);
    const posted = await postCheck(target, checkBody({ status: "fail", summary: "2 jobs failed", detailsUrl: "https://ci.example.com/run/1" }, { GITHUB_SHA: "a1b2c3d4" }), {}, d);
    expect(posted).toMatchObject({ status: "fail", attempts: 1, replayed: false });
    expect(await latestCheck()).toMatchObject({ status: "fail", summary: "2 jobs failed", commitSha: "a1b2c3d4", url: "https://ci.example.com/run/1" });
    expect(d.slept).toEqual([]);
  });

  it("retries a lost answer and a busy server with the same Idempotency-Key, recording the result once", async () => {
    const keys: string[] = [];
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      calls++;
      keys.push(new Headers(init?.headers).get("idempotency-key") ?? "");
      if (calls === 1) {
        await serverFetch(input, init); // recorded, but the answer is lost on the way back
        throw new TypeError("fetch failed", { cause: new Error("socket hang up") });
      }
      if (calls === 2) return Response.json({ error: { code: "unavailable", message: "Try again." } }, { status: 503, headers: { "retry-after": "3" } });
      return serverFetch(input, init);
    };
    const d = deps(flaky);
    const posted = await postCheck(target, { status: "pass", summary: "green on retry" }, {}, d);
    expect(posted).toMatchObject({ status: "pass", attempts: 3, replayed: true });
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^readyroom-check-/);
    expect(d.slept).toEqual([750, 3000]);
    expect(d.logged).toEqual(["readyroom check: attempt 1 failed (socket hang up); retrying in 0.8 s", "readyroom check: attempt 2 failed (503: Try again.); retrying in 3.0 s"]);
    expect(await latestCheck()).toMatchObject({ status: "pass", summary: "green on retry" });
    const history = await listCriterionHistory({ ctx: ws.ctx, projectSlug, gateId, criterionId: target.criterion });
    expect(history.checks.filter((c) => c.summary === "green on retry").map((c) => c.id)).toEqual([posted.id]);
  });

  it("stops at once on an answer a retry cannot change, with the API's message", async () => {
    const d = deps(serverFetch);
    const wrong = postCheck({ ...target, token: "rr_not_a_real_key" }, { status: "pass", summary: "" }, {}, d);
    await expect(wrong).rejects.toBeInstanceOf(CheckFailed);
    await expect(wrong).rejects.toThrow(/^401: /);
    await expect(postCheck({ ...target, criterion: "no-such-criterion" }, { status: "pass", summary: "" }, {}, d)).rejects.toMatchObject({ code: "not_found" });
    expect(d.slept).toEqual([]);
  });

  it("gives up after four attempts when the server cannot be reached", async () => {
    const d = deps(async () => {
      throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") });
    });
    await expect(postCheck(target, { status: "pass", summary: "" }, {}, d)).rejects.toThrow("Could not reach https://readyroom.example.com: connect ECONNREFUSED 127.0.0.1:9");
    expect(d.slept).toEqual([750, 1500, 3000]);
  });

  it("runs as a command: says what is missing and exits 1", () => {
    const r = spawnSync(process.execPath, [path.join(root, "bin", "readyroom.mjs"), "check", "--workspace", "acme", "--project", "api", "--gate", "g", "--criterion", "c", "--status", "pass"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, READYROOM_URL: "", READYROOM_API_KEY: "", READYROOM_DATA_DIR: "memory", READYROOM_LOG: "silent", DATABASE_URL: "", GITHUB_SHA: "" },
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("readyroom: Say where Readyroom runs: --url or READYROOM_URL.");
  });
});
