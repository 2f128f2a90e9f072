import { randomUUID } from "node:crypto";
import { checkResultInput, type CheckResultInput } from "@/lib/validation/gate";

/** Where the result goes and who sends it: `--url`/`--token` or READYROOM_URL / READYROOM_API_KEY. */
export interface CheckTarget {
  url: string;
  token: string;
  workspace: string;
  project: string;
  gate: string;
  criterion: string;
}

export interface CheckFlags {
  status: string;
  summary?: string;
  detailsUrl?: string;
  commit?: string;
  build?: string;
}

export interface CheckDeps {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Where retries are reported (standard error in the command). */
  log: (line: string) => void;
}

export interface PostedCheck {
  id: string;
  status: string;
  attempts: number;
  replayed: boolean;
}

/** Thrown with the message the command prints; `code` is the API's error code when it answered. */
export class CheckFailed extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const MAX_ATTEMPTS = 4;
const MAX_DELAY_MS = 30_000;
const RETRIED_STATUSES = new Set([408, 409, 429, 500, 502, 503, 504]);

/** The commit and build a CI job runs for, from the variables the common CI services set. */
export function ciDefaults(env: Readonly<Record<string, string | undefined>>): { commit?: string; build?: string } {
  const github = env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  return {
    commit: env.GITHUB_SHA || env.CI_COMMIT_SHA || env.BUILDKITE_COMMIT || env.CIRCLE_SHA1 || undefined,
    build: github || env.CI_JOB_URL || env.BUILDKITE_BUILD_URL || env.CIRCLE_BUILD_URL || undefined,
  };
}

/** The request body, checked here so a typo fails before anything is sent. */
export function checkBody(flags: CheckFlags, env: Readonly<Record<string, string | undefined>>): CheckResultInput {
  const defaults = ciDefaults(env);
  const parsed = checkResultInput.safeParse({
    status: flags.status,
    summary: flags.summary,
    url: flags.detailsUrl,
    commitSha: flags.commit ?? defaults.commit,
    buildRef: flags.build ?? defaults.build,
  });
  if (!parsed.success) {
    const names: Record<string, string> = { status: "--status", summary: "--summary", url: "--details-url", commitSha: "--commit", buildRef: "--build" };
    throw new CheckFailed(parsed.error.issues.map((i) => `${names[String(i.path[0])] ?? "input"}: ${i.message}`).join("\n"), "validation_failed");
  }
  return parsed.data;
}

export function checkEndpoint(target: CheckTarget): string {
  const base = target.url.replace(/\/+$/, "");
  const part = encodeURIComponent;
  return `${base}/api/v1/workspaces/${part(target.workspace)}/projects/${part(target.project)}/gates/${part(target.gate)}/criteria/${part(target.criterion)}/checks`;
}

/** Seconds from Retry-After, else exponential backoff with jitter (1 s, 2 s, 4 s … each between half and all of it). */
function retryDelay(response: Response | null, attempt: number, random: () => number): number {
  const header = Number(response?.headers.get("retry-after"));
  if (Number.isFinite(header) && header >= 0) return Math.min(header * 1000, MAX_DELAY_MS);
  const ceiling = Math.min(1000 * 2 ** (attempt - 1), MAX_DELAY_MS);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

async function errorOf(response: Response): Promise<{ code?: string; message: string }> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: { path?: string; message?: string }[] } } | null;
  const error = body?.error;
  if (!error?.message) return { message: `HTTP ${response.status}` };
  const details = (error.details && error.details.length > 1 ? error.details : []).map((d) => `\n  ${d.path ? `${d.path}: ` : ""}${d.message ?? ""}`).join("");
  return { code: error.code, message: `${error.message}${details}` };
}

/**
 * Posts one check result. Every attempt carries the same Idempotency-Key, so
 * a retry after a lost answer records the result once; network failures,
 * 429, 409 (the first attempt still running) and 5xx are retried.
 */
export async function postCheck(target: CheckTarget, body: CheckResultInput, options: { idempotencyKey?: string }, deps: CheckDeps): Promise<PostedCheck> {
  if (!target.url) throw new CheckFailed("Say where Readyroom runs: --url or READYROOM_URL.");
  if (!target.token) throw new CheckFailed("Pass an API key with write access: --token or READYROOM_API_KEY.");
  if (!/^https?:\/\//i.test(target.url)) throw new CheckFailed(`--url must be an http(s) address such as https://readyroom.example.com (got ${target.url}).`);
  const endpoint = checkEndpoint(target);
  const idempotencyKey = options.idempotencyKey ?? `readyroom-check-${randomUUID()}`;
  for (let attempt = 1; ; attempt++) {
    let response: Response | null = null;
    let failure: string;
    try {
      response = await deps.fetch(endpoint, {
        method: "POST",
        headers: { authorization: `Bearer ${target.token}`, "content-type": "application/json", "idempotency-key": idempotencyKey, "user-agent": "readyroom-check" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      if (response.status === 201) {
        const posted = (await response.json()) as { id: string; status: string };
        return { id: posted.id, status: posted.status, attempts: attempt, replayed: response.headers.get("idempotent-replayed") === "true" };
      }
      const error = await errorOf(response);
      if (!RETRIED_STATUSES.has(response.status) || attempt === MAX_ATTEMPTS) throw new CheckFailed(`${response.status}: ${error.message}`, error.code);
      failure = `${response.status}: ${error.message}`;
    } catch (error) {
      if (error instanceof CheckFailed) throw error;
      const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      if (attempt === MAX_ATTEMPTS) throw new CheckFailed(`Could not reach ${new URL(endpoint).origin}: ${cause}`);
      failure = cause;
    }
    const delay = retryDelay(response, attempt, deps.random);
    deps.log(`readyroom check: attempt ${attempt} failed (${failure}); retrying in ${(delay / 1000).toFixed(1)} s`);
    await deps.sleep(delay);
  }
}
