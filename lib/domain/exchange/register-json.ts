/**
 * The Readyroom register as a JSON document, `readyroom.register` version 1
 * (docs/register-json-v1.md): a zod schema, its types, and the checks that
 * tie the document together (refs that exist, numbers that are unique). Pure:
 * no I/O. Export writes it, import reads it back without loss.
 */
import { z } from "zod";
import { findUnstorableText } from "@/lib/domain/storable-text";
import { isoDate, isoDay } from "@/lib/validation/common";
import { gateRule } from "@/lib/validation/gate";
import { ITEM_KINDS, ITEM_STATUSES, itemPosition, SEVERITIES } from "@/lib/validation/item";

export const REGISTER_SCHEMA = "readyroom.register";
export const REGISTER_VERSION = 1;

// Limits are those of what Readyroom itself stores (the plan import writes
// longer texts than the item form), so that every export can be imported.
const LONG = 1_000_000;
const text = z.string().max(LONG);
const line = (max: number) => z.string().max(max);
const nullableLine = (max: number) => line(max).nullable();
const required = (max: number) => z.string().trim().min(1, "is required").max(max);
const list = (max: number, each: number) => z.array(z.string().trim().min(1).max(each)).max(max);
const dateTime = isoDate;
const date = isoDay;
const ref = z.string().min(1).max(500);

export const ownerKinds = ["member", "team", "vendor", "agent"] as const;

export const registerOwner = z.strictObject({
  name: required(120),
  kind: z.enum(ownerKinds),
  email: z.string().max(254).nullable(),
});

export const registerPhase = z.strictObject({
  /** Names the phase inside this file (its external id, else `#<n>`); `dependsOn` and rule filters use it. */
  ref,
  externalId: nullableLine(500),
  name: required(200),
  position: z.number().int().min(0).max(1_000_000),
  objective: text,
  deliverables: text,
  acceptanceCriteria: text,
  exitCriteria: text,
  risks: text,
  estimate: nullableLine(500),
  estimateDays: z.number().finite().min(0).max(1_000_000).nullable(),
  /** An owner's name, from `owners`. */
  owner: nullableLine(120),
  /** Refs of the phases this one starts after. */
  dependsOn: z.array(ref).max(1000),
});

export const registerEvidence = z.strictObject({
  kind: z.enum(["link", "command", "note", "file"]),
  url: nullableLine(2000),
  command: nullableLine(LONG),
  output: nullableLine(LONG),
  note: nullableLine(LONG),
  filePath: nullableLine(2000),
  createdAt: dateTime,
  /** The author's email; on import it is linked to the member with that email, if any. */
  createdBy: z.string().max(254).nullable(),
});

export const registerItem = z.strictObject({
  /** The item's number in its project (`key` is `<keyPrefix>-<number>`). */
  number: z.number().int().min(1).max(999_999_999),
  key: line(30),
  externalId: nullableLine(500),
  title: required(300),
  description: text,
  kind: z.enum(ITEM_KINDS),
  severity: z.enum(SEVERITIES),
  status: z.enum(ITEM_STATUSES),
  blocker: z.boolean(),
  /** A phase ref, from `phases`. */
  phase: ref.nullable(),
  /** An owner's name, from `owners`. */
  owner: nullableLine(120),
  effort: nullableLine(500),
  dueDate: date.nullable(),
  impact: text,
  reproSteps: text,
  rootCause: text,
  recommendedFix: text,
  fixPrUrl: z.url({ protocol: /^https?$/ }).max(2000).nullable(),
  files: list(1000, 2000),
  auditRefs: list(1000, 2000),
  acceptanceCriteria: text,
  verificationCommand: nullableLine(LONG),
  labels: list(100, 200),
  position: itemPosition,
  closedAt: dateTime.nullable(),
  /** Append-only: importing adds the entries the project does not have yet. */
  evidence: z.array(registerEvidence).max(10_000),
});

/** `blocker` blocks `blocked`, both item numbers from `items`. */
export const registerDependency = z.strictObject({
  blocker: z.number().int().min(1),
  blocked: z.number().int().min(1),
});

export const registerCriterion = z.strictObject({
  title: required(300),
  description: text,
  type: z.enum(["rule", "manual", "check"]),
  required: z.boolean(),
  /** For rule criteria: a rule of lib/validation/gate.ts whose `filter.phase` is a phase ref. */
  rule: z.record(z.string(), z.unknown()).nullable(),
  evidence: z.array(registerEvidence).max(10_000),
});

export const registerGate = z.strictObject({
  externalId: nullableLine(500),
  name: required(200),
  description: text,
  targetDate: date.nullable(),
  position: z.number().int().min(0).max(1_000_000),
  requiredApprovals: z.number().int().min(1).max(20),
  /** Approvers by email; on import, members with those emails. */
  approvers: z.array(z.string().max(254)).max(20),
  criteria: z.array(registerCriterion).max(100),
});

const registerShape = z.strictObject({
  schema: z.literal(REGISTER_SCHEMA),
  version: z.literal(REGISTER_VERSION),
  exportedAt: dateTime,
  project: z.strictObject({ name: required(200), keyPrefix: line(10), description: text }),
  owners: z.array(registerOwner).max(10_000),
  phases: z.array(registerPhase).max(10_000),
  items: z.array(registerItem).max(200_000),
  dependencies: z.array(registerDependency).max(1_000_000),
  gates: z.array(registerGate).max(1000),
});

type Issue = { path: (string | number)[]; message: string };

/** The references inside a document: every ref, name and number it uses must be defined in it, once. */
function crossCheck(doc: z.infer<typeof registerShape>): Issue[] {
  const issues: Issue[] = [];
  const owners = new Set<string>();
  doc.owners.forEach((o, i) => {
    const key = o.name.toLowerCase();
    if (owners.has(key)) issues.push({ path: ["owners", i, "name"], message: `owner “${o.name}” is listed twice` });
    owners.add(key);
  });
  const phaseRefs = new Set<string>();
  const phaseExternal = new Set<string>();
  doc.phases.forEach((p, i) => {
    if (phaseRefs.has(p.ref)) issues.push({ path: ["phases", i, "ref"], message: `ref “${p.ref}” is used by two phases` });
    phaseRefs.add(p.ref);
    if (p.externalId !== null) {
      if (phaseExternal.has(p.externalId)) issues.push({ path: ["phases", i, "externalId"], message: `external id “${p.externalId}” is used by two phases` });
      phaseExternal.add(p.externalId);
    }
    if (p.owner !== null && !owners.has(p.owner.toLowerCase())) issues.push({ path: ["phases", i, "owner"], message: `owner “${p.owner}” is not in owners` });
  });
  doc.phases.forEach((p, i) =>
    p.dependsOn.forEach((dep, j) => {
      if (!phaseRefs.has(dep)) issues.push({ path: ["phases", i, "dependsOn", j], message: `no phase has the ref “${dep}”` });
      else if (dep === p.ref) issues.push({ path: ["phases", i, "dependsOn", j], message: "a phase cannot depend on itself" });
    }),
  );
  const numbers = new Set<number>();
  const itemExternal = new Set<string>();
  doc.items.forEach((item, i) => {
    if (numbers.has(item.number)) issues.push({ path: ["items", i, "number"], message: `number ${item.number} is used by two items` });
    numbers.add(item.number);
    if (item.externalId !== null) {
      if (itemExternal.has(item.externalId)) issues.push({ path: ["items", i, "externalId"], message: `external id “${item.externalId}” is used by two items` });
      itemExternal.add(item.externalId);
    }
    if (item.phase !== null && !phaseRefs.has(item.phase)) issues.push({ path: ["items", i, "phase"], message: `no phase has the ref “${item.phase}”` });
    if (item.owner !== null && !owners.has(item.owner.toLowerCase())) issues.push({ path: ["items", i, "owner"], message: `owner “${item.owner}” is not in owners` });
  });
  const pairs = new Set<string>();
  doc.dependencies.forEach((d, i) => {
    if (!numbers.has(d.blocker)) issues.push({ path: ["dependencies", i, "blocker"], message: `no item has the number ${d.blocker}` });
    if (!numbers.has(d.blocked)) issues.push({ path: ["dependencies", i, "blocked"], message: `no item has the number ${d.blocked}` });
    if (d.blocker === d.blocked) issues.push({ path: ["dependencies", i], message: "an item cannot block itself" });
    const pair = `${d.blocker}>${d.blocked}`;
    if (pairs.has(pair)) issues.push({ path: ["dependencies", i], message: "this dependency is listed twice" });
    pairs.add(pair);
  });
  const gateExternal = new Set<string>();
  doc.gates.forEach((gate, g) => {
    if (gate.externalId !== null) {
      if (gateExternal.has(gate.externalId)) issues.push({ path: ["gates", g, "externalId"], message: `external id “${gate.externalId}” is used by two gates` });
      gateExternal.add(gate.externalId);
    }
    gate.criteria.forEach((c, i) => {
      const at = ["gates", g, "criteria", i, "rule"];
      if (c.type !== "rule") {
        if (c.rule !== null) issues.push({ path: at, message: "only rule criteria have a rule" });
        return;
      }
      if (c.rule === null) {
        issues.push({ path: at, message: "a rule criterion needs a rule" });
        return;
      }
      const filter = c.rule.filter;
      const phase = filter && typeof filter === "object" ? (filter as { phase?: unknown }).phase : undefined;
      if (phase !== undefined && (typeof phase !== "string" || !phaseRefs.has(phase))) issues.push({ path: [...at, "filter", "phase"], message: `no phase has the ref “${String(phase)}”` });
      // The rule's shape is the API's, with a placeholder where the phase id will go.
      const probe = phase === undefined ? c.rule : { ...c.rule, filter: { ...(filter as object), phase: "phase" } };
      const checked = gateRule.safeParse(probe);
      if (!checked.success) for (const issue of checked.error.issues) issues.push({ path: [...at, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))], message: issue.message });
    });
  });
  return issues;
}

export const registerV1 = registerShape.superRefine((doc, ctx) => {
  for (const issue of crossCheck(doc)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
});

export type RegisterV1 = z.infer<typeof registerShape>;
export type RegisterOwner = z.infer<typeof registerOwner>;
export type RegisterPhase = z.infer<typeof registerPhase>;
export type RegisterItem = z.infer<typeof registerItem>;
export type RegisterEvidence = z.infer<typeof registerEvidence>;
export type RegisterGate = z.infer<typeof registerGate>;
export type RegisterCriterion = z.infer<typeof registerCriterion>;

export type RegisterReadResult =
  | { ok: true; register: RegisterV1 }
  | { ok: false; code: "invalid_json" | "unsupported_schema" | "validation_failed"; message: string; details: { path: string; message: string }[] };

/**
 * Reads a register file. The schema and version are checked first, so a file
 * of another kind or version is named as such (`unsupported_schema`) rather
 * than listed field by field; then every field and every reference.
 */
export function readRegisterJson(source: string): RegisterReadResult {
  let data: unknown;
  try {
    data = JSON.parse(source.replace(/^\uFEFF/, ""));
  } catch (error) {
    const reason = error instanceof Error ? error.message : "it cannot be parsed";
    return { ok: false, code: "invalid_json", message: `The file is not valid JSON: ${reason}`, details: [{ path: "source", message: reason }] };
  }
  const head = data && typeof data === "object" && !Array.isArray(data) ? (data as { schema?: unknown; version?: unknown }) : {};
  if (head.schema !== REGISTER_SCHEMA) {
    const said = typeof head.schema === "string" ? `“${head.schema.slice(0, 80)}”` : "none";
    return { ok: false, code: "unsupported_schema", message: `This file is not a Readyroom register: its schema is ${said}, expected “${REGISTER_SCHEMA}”.`, details: [{ path: "schema", message: `expected “${REGISTER_SCHEMA}”` }] };
  }
  if (head.version !== REGISTER_VERSION) {
    return {
      ok: false,
      code: "unsupported_schema",
      message: `Version ${JSON.stringify(head.version ?? null)} of ${REGISTER_SCHEMA} is not supported; this Readyroom reads version ${REGISTER_VERSION}.`,
      details: [{ path: "version", message: `expected ${REGISTER_VERSION}` }],
    };
  }
  const parsed = registerV1.safeParse(data);
  if (!parsed.success) {
    const details = parsed.error.issues.slice(0, 100).map((issue) => ({ path: issue.path.map(String).join(".") || "(file)", message: issue.message }));
    return { ok: false, code: "validation_failed", message: `Invalid ${details[0]!.path}: ${details[0]!.message}`, details };
  }
  // Escapes such as `\u0000` or `\ud800` in the file become text the database cannot store.
  const unstorable = findUnstorableText(parsed.data);
  if (unstorable) {
    const path = unstorable.path.map(String).join(".") || "(file)";
    return { ok: false, code: "validation_failed", message: `Invalid ${path}: ${unstorable.reason}`, details: [{ path, message: unstorable.reason }] };
  }
  return { ok: true, register: parsed.data };
}

/** The document as a file: two-space indented, one trailing newline. */
export function registerJsonText(register: RegisterV1): string {
  return `${JSON.stringify(register, null, 2)}\n`;
}
