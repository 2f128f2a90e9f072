/**
 * Property-based fuzzing of every /api/v1 operation (issue 9, item 3), with
 * requests generated from the operation's own zod schemas (lib/api/operations)
 * and then broken every way test/fuzz/http-inputs.ts knows. Every response,
 * whatever the request:
 *
 * - is not a 5xx, and the handler does not throw;
 * - carries no stack trace and no database text, and leaves no property on
 *   Object.prototype (the `__proto__` keys the bodies carry);
 * - when it is an error, has the one error shape with a stable code whose
 *   status is the response's;
 * - is an error when the body or query is one the schema refuses (no route
 *   skips validation).
 *
 * Requests are made as someone who may call the operation (the workspace
 * owner's session, an admin's, or an admin API key), with the ids of real
 * things in the path most of the time, so they get past the 404s to
 * validation and the services; valid requests really change things, and
 * what a delete removes is recreated for the next case.
 *
 * Cases per operation: `FUZZ_RUNS=full` (npm run test:fuzz) runs 1,000 per
 * mutating operation and 200 per read; a number N runs N and N/4; the
 * default is small enough for `npm test`. `FUZZ_SEED` replays another seed;
 * a failure prints the seed, path and shrunk counterexample.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiOperation } from "@/lib/api/openapi/operation";
import { API_OPERATIONS } from "@/lib/api/operations";
import { systemWorkspaceContext } from "@/lib/auth/system";
import { ERROR_STATUS } from "@/lib/errors";
import { MAX_JSON_BODY_BYTES } from "@/lib/http/body";
import { createInvitation } from "@/lib/services/invitations/create-invitation";
import { MAX_EXCHANGE_BODY_BYTES, importJsonInput } from "@/lib/validation/exchange";
import { MAX_PLAN_BYTES, importPlanInput } from "@/lib/validation/import";
import { embedOrigin } from "@/lib/validation/public-status";
import { as, createTestApiKey, createTestProject, createUser, createWorkspace, unique, type TestUser, type TestWorkspace } from "@/test/factories";
import { callRoute, type As, type RouteResult } from "@/test/harness/call-route";
import { ownDatabase } from "@/test/harness/table-checksums";
import { bodyArbitrary, headersArbitrary, NASTY_STRINGS, paramsArbitrary, queryArbitrary, resolveParam, type BodyCase, type ParamChoice, type QueryCase } from "./http-inputs";

// ───────────────────────────── how many cases ─────────────────────────────

function runCounts(setting: string | undefined): { mutating: number; read: number } {
  if (setting === "full") return { mutating: 1_000, read: 200 };
  const n = Number(setting);
  if (setting && Number.isInteger(n) && n > 0) return { mutating: n, read: Math.max(1, Math.round(n / 4)) };
  return { mutating: 20, read: 5 };
}
const RUNS = runCounts(process.env.FUZZ_RUNS);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 9_003;

// ───────────────────────────── what every response must be ─────────────────────────────

/** A stack frame or a source path: `at fn (file:…)`, `route.ts:12:3`, node_modules. */
const STACK_TRACE = [/\bat (?:async )?[\w$.<>[\] ]*\(?(?:file:|node:|\/)[^)]*:\d+:\d+/, /\.(?:ts|tsx|js|mjs|cjs):\d+:\d+/, /node_modules/, /\n\s+at /, /\\n\s+at /];
/** What the database or its client says: names, SQLSTATE texts, Prisma codes (not an item key such as P2002-1). */
const DATABASE_TEXT = [
  /prisma/i, /\bP[1-3]\d{3}\b(?!-\d)/, /\bSQL\b/, /\bSQLSTATE\b/, /relation "/, /violates/, /duplicate key/, /PGlite/i, /postgres/i, /\bcolumn "/, /syntax error at/,
  /invalid input syntax/, /invalid byte sequence/, /unique constraint/i, /foreign key/i, /\bSELECT\b[\s\S]*\bFROM\b/, /\bINSERT INTO\b/, /DriverAdapterError|ConnectorError/,
  /out of range for type/, /Unable to fit/,
];
const ERROR_KEYS = new Set(["code", "message", "requestId", "details"]);

function problemsWith(res: RouteResult, refusal: string | null): string[] {
  const problems: string[] = [];
  if (res.status >= 500 || res.status < 100) problems.push(`status ${res.status}`);
  if (refusal && res.status < 400) problems.push(`answered ${res.status} to a request it must refuse (${refusal})`);
  for (const pattern of STACK_TRACE) if (pattern.test(res.text)) problems.push(`a stack trace or source path in the body (${pattern})`);
  if (res.status >= 400) {
    for (const pattern of DATABASE_TEXT) if (pattern.test(res.text)) problems.push(`database or parser text in the error body (${pattern})`);
    const error = (res.body as { error?: Record<string, unknown> } | null)?.error;
    if (!error || typeof res.body !== "object" || Object.keys(res.body as object).length !== 1) problems.push("the error body is not { error: {…} }");
    else {
      const code = error.code as keyof typeof ERROR_STATUS;
      if (typeof code !== "string" || !(code in ERROR_STATUS)) problems.push(`unknown error code ${JSON.stringify(code)}`);
      else if (ERROR_STATUS[code] !== res.status) problems.push(`error code ${code} is ${ERROR_STATUS[code]}, but the status is ${res.status}`);
      if (typeof error.message !== "string" || !error.message) problems.push("the error has no message");
      if (error.requestId !== undefined && typeof error.requestId !== "string") problems.push("requestId is not a string");
      const extra = Object.keys(error).filter((k) => !ERROR_KEYS.has(k));
      if (extra.length) problems.push(`unexpected error fields: ${extra.join(", ")}`);
    }
  }
  return problems;
}

// ───────────────────────────── the routes ─────────────────────────────

const ROOT = path.resolve(__dirname, "../..");
type Handler = Parameters<typeof callRoute>[0];

async function handlerFor(op: ApiOperation): Promise<Handler> {
  const file = path.join(ROOT, "app", op.path.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
  const mod = (await import(/* @vite-ignore */ file)) as Record<string, Handler>;
  const handler = mod[op.method.toUpperCase()];
  if (!handler) throw new Error(`${file} does not export ${op.method.toUpperCase()} for ${op.id}.`);
  return handler;
}

/** A path segment as a client would encode it (a lone surrogate cannot be: it becomes U+FFFD). */
function encodeSegment(value: string): string {
  return encodeURIComponent(value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"));
}

// ───────────────────────────── the workspace under fuzz ─────────────────────────────

interface Env {
  ws: TestWorkspace;
  /** Deleted by deleteWorkspace, then replaced. */
  victimWs: TestWorkspace;
  adminKey: string;
  spareUser: TestUser;
  project: { slug: string; keyPrefix: string };
  /** Renamed by updateProject and deleted by deleteProject. */
  victimProject: { slug: string };
  phaseId: string;
  victimPhaseId: string;
  ownerId: string;
  victimOwnerId: string;
  itemKey: string;
  itemVersion: number;
  otherItemKey: string;
  victimItemKey: string;
  gateId: string;
  victimGateId: string;
  victimGateCriterionId: string;
  checkId: string;
  manualId: string;
  decisionId: string;
  /** A gate two people approve, and its latest decision, which the owner recorded and the admin can sign. */
  signGateId: string;
  signDecisionId: string;
  riskId: string;
  invitationId: string;
  acceptToken: string;
  apiKeyId: string;
  webhookId: string;
  victimWebhookId: string;
  deliveryId: string;
  viewId: string;
  memberId: string;
  sources: { markdown: string[]; register: string[] };
}

let env: Env;
const owner = () => as.user(env.ws.owner);

/** Sets things up through the API itself, as the owner; a setup call that fails stops the suite with what it said. */
async function setup<T = any>(opId: string, params: Record<string, string>, body?: unknown, caller: As = owner(), search = ""): Promise<T> {
  const op = API_OPERATIONS.find((o) => o.id === opId)!;
  const res = await callRoute(await handlerFor(op), { method: op.method.toUpperCase(), params, body, as: caller, url: `/api/test${search}` });
  if (res.status >= 300) throw new Error(`setup ${opId} answered ${res.status}: ${res.text.slice(0, 500)}`);
  return res.body as T;
}

const P = () => ({ ws: env.ws.slug, project: env.project.slug });

async function newItem(title = "Fuzz target") {
  return setup<{ key: string; version: number }>("createItem", P(), { title, labels: ["fuzz"], files: ["app/fuzz.ts"] });
}
async function newPhase() {
  return (await setup<{ id: string }>("createPhase", P(), { name: unique("Phase") })).id;
}
async function newOwner() {
  return (await setup<{ id: string }>("createOwner", { ws: env.ws.slug }, { name: unique("Owner"), kind: "team" })).id;
}
async function newGate() {
  return setup<{ id: string; criteria: { id: string; type: string }[] }>("createGate", P(), {
    name: unique("Gate"),
    criteria: [
      { title: "No open criticals", type: "rule", rule: { type: "no_open_items", filter: { severity: ["critical"] } } },
      { title: "Sign-off", type: "manual", required: false },
      { title: "CI", type: "check" },
    ],
  });
}
async function newVictimProject() {
  return { slug: (await createTestProject(env.ws)).slug };
}
async function newInvitation() {
  return (await setup<{ id: string }>("createInvitation", { ws: env.ws.slug }, { email: `${unique("invitee")}@fuzz.test`, role: "member" })).id;
}
/** An invitation for the owner's address to a workspace they are not in yet. */
async function newAcceptToken() {
  const host = await createWorkspace("fuzz-host");
  return (await createInvitation({ ctx: await systemWorkspaceContext(host.slug, "fuzz"), input: { email: env.ws.owner.email, role: "member" } })).token;
}
async function newRisk() {
  const risk = await env.ws.ctx.db.deferredRisk.create({
    data: { workspaceId: env.ws.id, decisionId: env.decisionId, itemId: null, title: unique("Risk"), ownerId: env.ownerId, dueDate: new Date("2031-01-01T00:00:00Z") },
  });
  return risk.id;
}
async function newSignDecision() {
  return (await setup<{ id: string }>("recordDecision", { ...P(), gate: env.signGateId }, { outcome: "no_go", rationale: "Wait for sign-off.", confidence: "low" })).id;
}
/** A delivery that failed, which can be resent (a pending one is 409; no worker sends them here). */
async function failDelivery() {
  await env.ws.ctx.db.webhookDelivery.updateMany({ where: { id: env.deliveryId }, data: { status: "failed" } });
}
async function newWebhook() {
  return (await setup<{ id: string }>("createWebhook", { ws: env.ws.slug }, { url: `https://hooks.example.com/${unique("h")}`, events: ["item.created"] })).id;
}
async function newView() {
  return (await setup<{ id: string }>("createSavedView", P(), { name: unique("View"), surface: "register", query: "status=open", shared: true })).id;
}

async function createEnv(): Promise<void> {
  const ws = await createWorkspace("fuzz");
  const partial = { ws, victimWs: await createWorkspace("fuzz-victim"), adminKey: (await createTestApiKey(ws, "admin")).key, spareUser: await createUser("fuzz-spare"), memberId: ws.members.member.id } as Env;
  env = partial;
  const project = await setup<{ slug: string; keyPrefix: string }>("createProject", { ws: ws.slug }, { slug: unique("fz"), name: "Fuzzed project", keyPrefix: "FZ" });
  env.project = project;
  env.victimProject = await newVictimProject();
  env.phaseId = await newPhase();
  env.victimPhaseId = await newPhase();
  env.ownerId = await newOwner();
  env.victimOwnerId = await newOwner();
  const item = await newItem();
  env.itemKey = item.key;
  env.itemVersion = item.version;
  env.otherItemKey = (await newItem("Blocker")).key;
  env.victimItemKey = (await newItem("To delete")).key;
  const gate = await newGate();
  env.gateId = gate.id;
  env.checkId = gate.criteria.find((c) => c.type === "check")!.id;
  env.manualId = gate.criteria.find((c) => c.type === "manual")!.id;
  const victimGate = await newGate();
  env.victimGateId = victimGate.id;
  env.victimGateCriterionId = victimGate.criteria[0]!.id;
  env.decisionId = (await setup<{ id: string }>("recordDecision", { ...P(), gate: gate.id }, { outcome: "no_go", rationale: "Not yet.", confidence: "medium" })).id;
  env.signGateId = (await setup<{ id: string }>("createGate", P(), { name: unique("Sign-off gate"), approverIds: [ws.owner.id, ws.members.admin.id], requiredApprovals: 2 })).id;
  env.signDecisionId = await newSignDecision();
  env.riskId = await newRisk();
  env.invitationId = await newInvitation();
  env.acceptToken = await newAcceptToken();
  env.apiKeyId = (await createTestApiKey(ws, "read")).id;
  env.webhookId = await newWebhook();
  env.victimWebhookId = await newWebhook();
  env.deliveryId = (await setup<{ id: string }>("testWebhook", { ws: ws.slug, id: env.webhookId })).id;
  await failDelivery();
  env.viewId = await newView();
  // Import sources: the plans the seed ships and this project exported, to be mutated.
  const plans = path.join(ROOT, "prisma", "seed", "plans");
  const markdown = readdirSync(plans)
    .filter((f) => f.endsWith(".md"))
    .map((f) => readFileSync(path.join(plans, f), "utf8"));
  const exported = (format: string) => setup<unknown>("exportProject", P(), undefined, owner(), `?format=${format}`);
  env.sources = {
    markdown: [...markdown, String(await exported("plan-md"))],
    register: [JSON.stringify(await exported("json")), String(await exported("csv"))],
  };
}

// ───────────────────────────── each operation's real ids, caller and clean-up ─────────────────────────────

/** The real value of a path parameter for this operation. */
function realParam(op: ApiOperation, name: string): string {
  switch (name) {
    case "ws":
      return op.id === "deleteWorkspace" ? env.victimWs.slug : env.ws.slug;
    case "project":
      return op.id === "deleteProject" || op.id === "updateProject" ? env.victimProject.slug : env.project.slug;
    case "key":
      return op.id === "deleteItem" ? env.victimItemKey : env.itemKey;
    case "phase":
      return op.id === "deletePhase" ? env.victimPhaseId : env.phaseId;
    case "gate":
      if (op.id === "signDecision") return env.signGateId;
      return op.id === "deleteGate" || op.id === "updateGate" ? env.victimGateId : env.gateId;
    case "criterion":
      return op.id === "markCriterion" ? env.manualId : env.checkId;
    case "decision":
      return op.id === "signDecision" ? env.signDecisionId : env.decisionId;
    case "risk":
      return env.riskId;
    case "delivery":
      return env.deliveryId;
    case "token":
      return env.acceptToken;
    case "userId":
      return env.memberId;
    case "id":
      return (
        {
          revokeInvitation: env.invitationId,
          updateOwner: env.ownerId,
          deleteOwner: env.victimOwnerId,
          revokeApiKey: env.apiKeyId,
          deleteWebhook: env.victimWebhookId,
          deleteSavedView: env.viewId,
        }[op.id] ?? env.webhookId
      );
    default:
      throw new Error(`No real value for {${name}} of ${op.id}.`);
  }
}

/** Operations only a person may do (API keys get 403): mostly the owner's session. */
const PEOPLE_ONLY = new Set(["markCriterion", "recordDecision", "signDecision", "createSavedView", "deleteSavedView"]);

function callerFor(op: ApiOperation, pick: number): As {
  if (op.access === "anyone") return pick % 2 ? null : owner();
  const adminKey = as.apiKey(env.adminKey);
  if (op.access === "signed-in") return pick % 10 === 0 ? adminKey : owner();
  if (op.id === "deleteWorkspace") return pick % 5 === 0 ? adminKey : as.user(env.victimWs.owner);
  const admin = as.user(env.ws.members.admin);
  // The owner recorded (and so signed) the decision to sign: the admin's signature is the one still missing.
  if (op.id === "signDecision") return [admin, admin, admin, admin, admin, owner(), owner(), owner(), owner(), adminKey][pick % 10]!;
  if (PEOPLE_ONLY.has(op.id)) return [owner(), owner(), owner(), owner(), owner(), owner(), owner(), owner(), admin, adminKey][pick % 10]!;
  return [owner(), owner(), owner(), owner(), owner(), owner(), adminKey, adminKey, adminKey, admin][pick % 10]!;
}

/** After a success: what the operation used up is made again, and what it changed is remembered. */
async function afterSuccess(op: ApiOperation, res: RouteResult): Promise<void> {
  switch (op.id) {
    case "deleteWorkspace":
      env.victimWs = await createWorkspace("fuzz-victim");
      break;
    case "deleteProject":
      env.victimProject = await newVictimProject();
      break;
    case "updateProject":
      env.victimProject = { slug: res.body.slug };
      break;
    case "deleteItem":
      env.victimItemKey = (await newItem("To delete")).key;
      break;
    case "updateItem":
      env.itemVersion = res.body.version;
      break;
    case "deletePhase":
      env.victimPhaseId = await newPhase();
      break;
    case "deleteGate": {
      const gate = await newGate();
      env.victimGateId = gate.id;
      env.victimGateCriterionId = gate.criteria[0]!.id;
      break;
    }
    case "deleteOwner":
      env.victimOwnerId = await newOwner();
      break;
    case "deleteSavedView":
      env.viewId = await newView();
      break;
    case "revokeInvitation":
      env.invitationId = await newInvitation();
      break;
    case "acceptInvitation":
      env.acceptToken = await newAcceptToken();
      break;
    case "revokeApiKey":
      env.apiKeyId = (await createTestApiKey(env.ws, "read")).id;
      break;
    case "deleteWebhook":
      env.victimWebhookId = await newWebhook();
      break;
    case "removeMember":
      await env.ws.ctx.db.membership.create({ data: { workspaceId: env.ws.id, userId: env.memberId, role: "member" } });
      break;
    case "resolveDeferredRisk":
      env.riskId = await newRisk();
      break;
    case "signDecision":
      env.signDecisionId = await newSignDecision();
      break;
    case "resendWebhookDelivery":
      await failDelivery();
      break;
  }
}

/** What an operation needs at its start that the operations before it may have changed. */
async function beforeOperation(op: ApiOperation): Promise<void> {
  if (op.id === "resendWebhookDelivery") {
    await env.ws.ctx.db.webhook.updateMany({ where: { id: env.webhookId }, data: { enabled: true } });
    await failDelivery();
  }
}

/**
 * Puts real ids into a generated body now and then (by key name), so valid
 * requests pass the services' reference checks and reach their writes.
 */
function realize(op: ApiOperation, value: unknown, pick: number): unknown {
  let bits = pick;
  const coin = () => {
    bits = (Math.imul(bits ^ (bits >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return (bits & 7) !== 0;
  };
  const real: Record<string, () => unknown> = {
    phaseId: () => env.phaseId,
    ownerId: () => env.ownerId,
    defaultOwnerId: () => env.ownerId,
    dependsOn: () => [env.phaseId],
    blockedBy: () => [env.otherItemKey],
    keys: () => [env.itemKey, env.otherItemKey],
    approverIds: () => [env.ws.owner.id],
    itemKey: () => env.itemKey,
    phase: () => env.phaseId,
    ...(op.id === "updateItem" ? { version: () => env.itemVersion } : {}),
    ...(op.id === "addMember" ? { email: () => env.spareUser.email } : {}),
    ...(op.id === "createOwner" || op.id === "updateOwner" ? { userId: () => env.memberId } : {}),
    ...(op.id === "updateGate" ? { id: () => env.victimGateCriterionId } : {}),
    // A phase depending on itself is a cycle: updatePhase changes env.phaseId, so it depends on another.
    ...(op.id === "updatePhase" ? { dependsOn: () => [env.victimPhaseId] } : {}),
  };
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== "object") return v;
    // Own keys only: a generated record key may be `valueOf` or `__proto__`.
    return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, Object.hasOwn(real, k) && inner !== undefined && coin() ? real[k]!() : walk(inner)]));
  };
  return walk(value);
}

/** Real ids in a generated query now and then, and mostly no made-up cursor (which is a 422 before anything is read). */
function realizeQuery(op: ApiOperation, query: Record<string, string>, pick: number): Record<string, string> {
  const out = { ...query };
  const coin = (bit: number) => ((pick >>> bit) & 3) !== 0;
  if ("cursor" in out && coin(0)) delete out.cursor;
  if ("phase" in out && coin(2)) out.phase = op.id === "listItems" ? `${env.phaseId},none` : env.phaseId;
  if ("owner" in out && coin(4)) out.owner = `${env.ownerId},none`;
  if ("items" in out && coin(6)) out.items = `${env.itemKey},${env.otherItemKey.toLowerCase()}`;
  if ("project" in out && coin(8)) out.project = env.project.slug;
  if ("gate" in out && coin(10)) out.gate = env.gateId;
  if ("targetId" in out && coin(12)) delete out.targetId;
  return out;
}

/** The body limit of each route (lib/http/body.ts; the imports take larger files). */
function bodyLimit(op: ApiOperation): number {
  if (op.id === "importRegisterJson" || op.id === "importRegisterCsv") return MAX_EXCHANGE_BODY_BYTES;
  if (op.id === "importPlan") return MAX_PLAN_BYTES * 1.25;
  return MAX_JSON_BODY_BYTES;
}

/** Import sources: real plans and exports, line-mutated, or any text. */
function sourceArbitrary(kind: keyof Env["sources"]): fc.Arbitrary<string> {
  const seeds = env.sources[kind];
  const lineMutated = fc.tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.constantFrom("drop", "duplicate", "nasty", "escape", "truncate")), { minLength: 1, maxLength: 4 }), fc.nat()).map(([seed, edits, pick]) => {
    let lines = seed.split("\n");
    for (const [at, edit] of edits) {
      const i = at % Math.max(1, lines.length);
      if (edit === "drop") lines.splice(i, 1);
      else if (edit === "duplicate") lines.splice(i, 0, lines[i] ?? "");
      else if (edit === "nasty" || edit === "escape") {
        // Into the middle of the line, where a JSON file or a CSV row has its values; `\u0000` as an escape survives JSON.parse as NUL.
        const line = lines[i] ?? "";
        const cut = pick % (line.length + 1);
        const insert = edit === "escape" ? ["\\u0000", "\\ud800", "\\u202e", "\\\\"][pick % 4]! : NASTY_STRINGS[pick % NASTY_STRINGS.length]!.slice(0, 5_000);
        lines[i] = `${line.slice(0, cut)}${insert}${line.slice(cut)}`;
      }
      else lines = lines.slice(0, i + 1);
    }
    return lines.join("\n") || "x";
  });
  return fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...seeds) }, { weight: 4, arbitrary: lineMutated }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 200 }) });
}

function overrides() {
  return new Map<unknown, fc.Arbitrary<unknown>>([
    [embedOrigin, fc.oneof(fc.webUrl({ validSchemes: ["https"], authoritySettings: { withPort: true } }).map((u) => new URL(u).origin), fc.constant("http://localhost:3000"))],
    [importPlanInput.shape.source, sourceArbitrary("markdown")],
    // importJsonInput and importCsvInput share their `source` schema: a register or a CSV file, either way.
    [importJsonInput.shape.source, sourceArbitrary("register")],
  ]);
}

// ───────────────────────────── the fuzz ─────────────────────────────

interface Case {
  params: Record<string, ParamChoice>;
  body: BodyCase | null;
  query: QueryCase | null;
  headers: Record<string, string>;
  pick: number;
}

const tally = new Map<string, Map<string, number>>();
const requestMs = new Map<string, number>();
function count(op: ApiOperation, res: RouteResult, ms: number) {
  requestMs.set(op.id, (requestMs.get(op.id) ?? 0) + ms);
  const error = (res.body as { error?: { code?: string; message?: string } })?.error;
  const code = res.status < 400 ? String(res.status) : `${res.status} ${error?.code ?? "?"}${process.env.FUZZ_DEBUG ? ` (${error?.message?.slice(0, 70)})` : ""}`;
  const byOp = tally.get(op.id) ?? new Map<string, number>();
  byOp.set(code, (byOp.get(code) ?? 0) + 1);
  tally.set(op.id, byOp);
}

function caseArbitrary(op: ApiOperation): fc.Arbitrary<Case> {
  const names = op.params ? Object.keys(op.params.shape) : [];
  const limit = bodyLimit(op);
  const opts = { overrides: overrides() };
  const body: fc.Arbitrary<BodyCase | null> =
    op.method === "get"
      ? fc.constant(null)
      : op.body
        ? bodyArbitrary(op.body, { ...opts, limit, realize: (v, pick) => realize(op, v, pick) })
        : fc.option(bodyArbitrary(undefined, { limit }), { freq: 3 });
  const query: fc.Arbitrary<QueryCase | null> = op.query ? queryArbitrary(op.query, { ...opts, realize: (q, pick) => realizeQuery(op, q, pick) }) : fc.option(queryArbitrary(undefined), { freq: 4 });
  return fc.record({ params: paramsArbitrary(names), body, query, headers: headersArbitrary(op.method === "post"), pick: fc.nat() });
}

async function runCase(op: ApiOperation, handler: Handler, c: Case): Promise<void> {
  const params = Object.fromEntries(Object.entries(c.params).map(([name, choice]) => [name, resolveParam(choice, realParam(op, name))]));
  const pathname = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeSegment(params[name]!));
  const url = c.query?.search ? `${pathname}?${c.query.search}` : pathname;
  const started = performance.now();
  const res = await callRoute(handler, {
    method: op.method.toUpperCase(),
    url,
    params,
    rawBody: c.body?.bytes,
    contentType: c.body ? c.body.contentType : null,
    headers: { ...c.headers, ...c.body?.headers },
    as: callerFor(op, c.pick),
  });
  count(op, res, performance.now() - started);
  const refusal = c.body?.refusal ?? c.query?.refusal ?? null;
  const problems = [...problemsWith(res, refusal), ...pollution()];
  if (problems.length) throw new Error(`${op.id} ${op.method.toUpperCase()} ${shortUrl(url)} → ${res.status}\n  ${problems.join("\n  ")}\n  body: ${res.text.slice(0, 1_000)}`);
  if (res.status >= 200 && res.status < 300) await afterSuccess(op, res);
  const current = (res.body as { error?: { code?: string; details?: { current?: { version?: number } } } })?.error;
  if (op.id === "updateItem" && current?.code === "version_conflict" && current.details?.current?.version) env.itemVersion = current.details.current.version;
}

/** What the `__proto__` and `constructor.prototype` keys of the mutated bodies try to set on every object of the server process. */
function pollution(): string[] {
  const probe = {} as Record<string, unknown>;
  return ["isAdmin", "role", "polluted"].filter((key) => key in probe).map((key) => `Object.prototype.${key} was set: prototype pollution`);
}

const shortUrl = (url: string) => (url.length > 300 ? `${url.slice(0, 300)}…` : url);

/** A seed per operation, from the run's seed and the operation's id, so one operation can be replayed alone. */
function seedFor(op: ApiOperation): number {
  let h = SEED | 0;
  for (const ch of op.id) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

describe("API fuzz: no request makes a 5xx, a throw or a leak", () => {
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    // On a shared PostgreSQL the fuzz's webhook events would land in the job queue other files' workers serve: it gets a database of its own.
    dropDatabase = await ownDatabase();
    // Rate limits are tested elsewhere (test/rate-limit-policies.integration.test.ts); here every request must reach validation.
    (globalThis as { __readyroomRateLimitStore?: unknown }).__readyroomRateLimitStore = {
      kind: "memory",
      limit: async (_policy: string, _identifier: string, limit = 1_000) => ({ success: true, limit, remaining: limit, reset: Date.now() + 60_000 }),
    };
    await createEnv();
  }, 120_000);

  afterAll(async () => {
    await dropDatabase?.();
    delete (globalThis as { __readyroomRateLimitStore?: unknown }).__readyroomRateLimitStore;
    const lines = [...tally].map(([id, codes]) => `${id.padEnd(26)} ${String(Math.round(requestMs.get(id) ?? 0)).padStart(7)} ms  ${[...codes].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code}×${n}`).join("  ")}`);
    console.log(`API fuzz, seed ${SEED}, ${RUNS.mutating} cases per mutating operation and ${RUNS.read} per read:\n${lines.join("\n")}`);
  });

  it("judges responses: 5xx, leaks, a broken error shape and accepted refusals fail; echoed input does not", () => {
    const res = (status: number, body: unknown): RouteResult => ({ status, body, text: JSON.stringify(body), headers: new Headers() });
    const error = (code: string, message: string, extra: object = {}) => ({ error: { code, message, requestId: "r", ...extra } });
    expect(problemsWith(res(500, error("internal_error", "Something went wrong.")), null)).toEqual(["status 500"]);
    expect(problemsWith(res(409, error("conflict", 'duplicate key value violates unique constraint "Item_pkey"')), null).length).toBeGreaterThan(0);
    expect(problemsWith(res(422, error("validation_failed", "Invalid x", { stack: "Error\n    at parse (/app/lib/http/body.ts:12:3)" })), null).length).toBeGreaterThan(1);
    expect(problemsWith(res(422, error("conflict", "x")), null)).toEqual(["error code conflict is 409, but the status is 422"]);
    expect(problemsWith(res(404, { message: "Not found" }), null)).toEqual(["the error body is not { error: {…} }"]);
    expect(problemsWith(res(201, { id: "1" }), "not UTF-8 JSON")).toEqual(["answered 201 to a request it must refuse (not UTF-8 JSON)"]);
    expect(problemsWith(res(404, error("not_found", "No items P2002-1 in this project.")), null)).toEqual([]);
    expect(problemsWith(res(200, { embedOrigins: ["https://a.js:0"] }), null)).toEqual([]);
    expect(pollution()).toEqual([]);
    (Object.prototype as Record<string, unknown>).polluted = true;
    try {
      expect(pollution()).toEqual(["Object.prototype.polluted was set: prototype pollution"]);
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
  });

  it("has a route and a real value for every path parameter of every operation", async () => {
    for (const op of API_OPERATIONS) {
      await handlerFor(op);
      for (const name of op.params ? Object.keys(op.params.shape) : []) expect(realParam(op, name), `${op.id} {${name}}`).toMatch(/\S/);
    }
  });

  for (const op of API_OPERATIONS) {
    const numRuns = op.method === "get" ? RUNS.read : RUNS.mutating;
    it(`${op.id}: ${op.method.toUpperCase()} ${op.path} (${numRuns} cases)`, async () => {
      const handler = await handlerFor(op);
      await beforeOperation(op);
      await fc.assert(
        fc.asyncProperty(caseArbitrary(op), (c) => runCase(op, handler, c)),
        { numRuns, seed: seedFor(op) },
      );
    }, 60_000 + numRuns * 1_000);
  }
});
