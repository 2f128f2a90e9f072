import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as batchesRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/batches/route";
import { type BatchTask, fileConflicts } from "@/lib/domain/batches";
import { importPlan } from "@/lib/services/imports/import-plan";
import { createItem } from "@/lib/services/items/create-item";
import { createPhase } from "@/lib/services/phases/create-phase";
import { type BatchPlanOutput, batchPlanQuery } from "@/lib/validation/batches";
import { createPhaseInput } from "@/lib/validation/phase";
import { as, createTestApiKey, createTestProject, createWorkspace, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";
import { planProjectBatches } from "./plan-project-batches";

const fixture = readFileSync(path.resolve(__dirname, "../../../prisma/seed/plans/audit-implementation-batches.md"), "utf8");

let ws: TestWorkspace;
/** The audit plan, imported: 18 tasks (`task:1a` … `task:4d`) in phases `batch-1` … `batch-4`. */
let audit: { slug: string; id: string; keyPrefix: string };
/** Task code ("1A") by item key, and item key by task code. */
let codeOf: Map<string, string>;
let keyOf: Map<string, string>;

beforeAll(async () => {
  ws = await createWorkspace("batches");
  audit = await createTestProject(ws);
  await importPlan({ ctx: ws.ctx, projectSlug: audit.slug, source: fixture, apply: true });
  const tasks = await ws.ctx.db.item.findMany({ where: { projectId: audit.id, externalId: { startsWith: "task:" } }, select: { number: true, externalId: true } });
  codeOf = new Map(tasks.map((t) => [`${audit.keyPrefix}-${t.number}`, t.externalId!.slice("task:".length).toUpperCase()]));
  keyOf = new Map([...codeOf].map(([key, code]) => [code, key]));
});

async function itemId(projectSlug: string, number: number) {
  return (await ws.ctx.db.item.findFirstOrThrow({ where: { project: { slug: projectSlug }, number }, select: { id: true } })).id;
}

const plan = (projectSlug: string, query: Record<string, string> = {}) => planProjectBatches({ ctx: ws.ctx, projectSlug, query: batchPlanQuery.parse(query) });

/** The batches as task codes ("1A"), for the audit plan. */
const codes = (result: BatchPlanOutput) => result.batches.map((b) => b.items.map((i) => codeOf.get(i.key) ?? i.key));

/** Every file conflict inside each batch, found again from the files the answer shows. */
const sharedWithinBatches = (result: BatchPlanOutput) =>
  result.batches.flatMap((b) => fileConflicts(b.items.map((i): BatchTask => ({ key: i.key, title: i.title, files: i.files, dependsOn: [] }))));

const AUDIT_BATCHES = [
  ["1A", "1B", "1C", "1D", "1E"],
  ["2A", "2B", "2C", "2D", "2E"],
  ["3A", "3B", "3C", "3D"],
  ["4A", "4B", "4C", "4D"],
];

describe("the audit implementation plan, imported", () => {
  it("places all 18 tasks in four batches or fewer, none sharing a file, and shows why 2E waits", async () => {
    expect(codeOf.size).toBe(18);
    const result = await plan(audit.slug);
    expect(result.selection).toMatchObject({ kind: "all", phase: null, includeDone: false, phaseOrder: false });
    expect(result.unplaceable).toEqual([]);
    expect(result.batches.length).toBeGreaterThan(0);
    expect(result.batches.length).toBeLessThanOrEqual(4);
    const placed = result.batches.flatMap((b) => b.items.map((i) => i.key));
    expect(new Set(placed).size).toBe(placed.length);
    for (const key of codeOf.keys()) expect(placed).toContain(key);
    expect(sharedWithinBatches(result)).toEqual([]);
    expect(result.check).toEqual({ valid: true, fileConflicts: 0, problems: [] });

    // 1E and 2E both edit the stack CLI: the only split the files force.
    expect(codes(result)).toEqual([AUDIT_BATCHES.flat().filter((c) => c !== "2E"), ["2E"]]);
    expect(result.batches[0]!.deferred).toEqual([{ key: keyOf.get("2E"), with: keyOf.get("1E"), reason: "file", file: "services/agent/src/stack/cli.py" }]);
    expect(result.batches.map((b) => b.number)).toEqual([1, 2]);
  });

  it("checks the plan's own batches (its phases) and finds them valid", async () => {
    const result = await plan(audit.slug);
    expect(result.phaseGrouping).not.toBeNull();
    const grouping = result.phaseGrouping!;
    expect(grouping.groups.map((g) => g.keys.map((k) => codeOf.get(k)))).toEqual(AUDIT_BATCHES);
    expect(grouping.groups.map((g) => g.phase.name)).toEqual([
      "Batch 1: Critical Quick Wins (5 parallel agents)",
      "Batch 2: Security & Performance (5 parallel agents)",
      "Batch 3: Testing & Observability (4 parallel agents)",
      "Batch 4: Config, Dead Code & Documentation (4 parallel agents)",
    ]);
    expect(grouping).toMatchObject({ valid: true, problems: [], unphased: 0 });
  });

  it("reproduces the plan's grouping exactly when it follows the phases' order", async () => {
    const result = await plan(audit.slug, { phaseOrder: "true" });
    expect(codes(result)).toEqual(AUDIT_BATCHES);
    expect(sharedWithinBatches(result)).toEqual([]);
    expect(result.check.valid).toBe(true);
    // Each split is the phases' order: every item of the next batch waits for every item of this one.
    result.batches.slice(0, -1).forEach((batch, b) => {
      const next = AUDIT_BATCHES[b + 1]!.flatMap((code) => AUDIT_BATCHES[b]!.map((earlier) => ({ key: keyOf.get(code), with: keyOf.get(earlier), reason: "dependency", via: "phase" })));
      expect(batch.deferred).toEqual(next);
    });
    expect(result.batches.at(-1)!.deferred).toEqual([]);
  });

  it("plans one phase on its own, by id", async () => {
    const phase = await ws.ctx.db.phase.findFirstOrThrow({ where: { projectId: audit.id, externalId: "batch-2" } });
    const result = await plan(audit.slug, { phase: phase.id });
    expect(result.selection).toMatchObject({ kind: "phase", phase: { id: phase.id, name: "Batch 2: Security & Performance (5 parallel agents)" } });
    // Without batch 1 in the run, nothing holds 2E back.
    expect(codes(result)).toEqual([["2A", "2B", "2C", "2D", "2E"]]);
    expect(result.batches[0]!.items.every((i) => i.phase?.id === phase.id)).toBe(true);
    expect(result.phaseGrouping).toBeNull();

    const unphased = await plan(audit.slug, { phase: "none" });
    expect(unphased.selection).toMatchObject({ kind: "phase", unphased: true });
    expect(unphased.batches.flatMap((b) => b.items).every((i) => i.phase === null)).toBe(true);
    expect(unphased.batches.flatMap((b) => b.items).some((i) => codeOf.has(i.key))).toBe(false);
  });

  it("plans a list of item keys, in any case, and refuses keys that are not this project's", async () => {
    const keys = [keyOf.get("1E")!, keyOf.get("2E")!, keyOf.get("3C")!];
    const result = await plan(audit.slug, { items: keys.map((k) => k.toLowerCase()).join(",") });
    expect(result.selection).toMatchObject({ kind: "items", keys });
    expect(codes(result)).toEqual([["1E", "3C"], ["2E"]]);
    await expect(plan(audit.slug, { items: `${keys[0]},${audit.keyPrefix}-9999,ZZ-1` })).rejects.toMatchObject({ code: "not_found", details: [{ path: "items" }] });
  });
});

describe("dependencies and statuses", () => {
  let project: { slug: string; keyPrefix: string };
  const key = (n: number) => `${project.keyPrefix}-${n}`;

  beforeAll(async () => {
    project = await createTestProject(ws);
    // 1 and 2 share f.ts; 3 waits for 2; 4 is done; 5 is blocked by the done 4.
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "First on f", files: ["f.ts"] } });
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Second on f", files: ["`f.ts` (edit)"] } });
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "After the second", files: ["c.ts"], blockedBy: [`${project.keyPrefix}-2`] } });
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Already done", files: ["c.ts"], status: "done" } });
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "No files", blockedBy: [`${project.keyPrefix}-4`] } });
  });

  it("puts an item after the item that blocks it, and says which dependency pushed it", async () => {
    const result = await plan(project.slug);
    expect(result.batches.map((b) => b.items.map((i) => i.key))).toEqual([[key(1), key(5)], [key(2)], [key(3)]]);
    expect(result.batches[0]!.deferred).toEqual([{ key: key(2), with: key(1), reason: "file", file: "f.ts" }]);
    expect(result.batches[1]!.deferred).toEqual([{ key: key(3), with: key(2), reason: "dependency", via: "item" }]);
    expect(result.totals).toEqual({ items: 4, withoutFiles: 1, dependencies: 1 });
    expect(result.check).toEqual({ valid: true, fileConflicts: 0, problems: [] });
  });

  it("leaves done items out unless asked, and keeps their dependencies when they are in", async () => {
    const result = await plan(project.slug, { includeDone: "true" });
    expect(result.totals.items).toBe(5);
    // 4 shares c.ts with 3 (batch 3) and nothing else; 5 waits for 4.
    expect(result.batches.map((b) => b.items.map((i) => i.key))).toEqual([[key(1), key(4)], [key(2), key(5)], [key(3)]]);
    expect(result.batches[0]!.items.find((i) => i.key === key(4))!.status).toBe("done");
  });

  it("treats a blocker outside the selection as satisfied, and names it when it is open", async () => {
    const result = await plan(project.slug, { items: key(3) });
    expect(result.batches.map((b) => b.items.map((i) => i.key))).toEqual([[key(3)]]);
    expect(result.batches[0]!.items[0]!.blockedOutside).toEqual([{ key: key(2), status: "open" }]);
    expect(result.totals.dependencies).toBe(0);
    // A done blocker outside is not worth mentioning.
    const five = await plan(project.slug, { items: key(5) });
    expect(five.batches[0]!.items[0]!.blockedOutside).toEqual([]);
  });
});

describe("the project's own grouping", () => {
  it("names the phase a shared file or a backward dependency breaks, and phase order makes that a cycle", async () => {
    const project = await createTestProject(ws);
    const p1 = await createPhase({ ctx: ws.ctx, projectSlug: project.slug, input: createPhaseInput.parse({ name: "P1" }) });
    const p2 = await createPhase({ ctx: ws.ctx, projectSlug: project.slug, input: createPhaseInput.parse({ name: "P2", dependsOn: [p1.id] }) });
    const k = (n: number) => `${project.keyPrefix}-${n}`;
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "One", phaseId: p1.id, files: ["s.ts"] } });
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Two", phaseId: p1.id, files: ["s.ts"] } });
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Three", phaseId: p2.id, files: ["t.ts"] } });
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Four", phaseId: p1.id, files: ["u.ts"], blockedBy: [k(3)] } });
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Loose", files: ["v.ts"] } });

    const result = await plan(project.slug);
    expect(result.phaseGrouping).toEqual({
      groups: [
        { phase: { id: p1.id, name: "P1" }, keys: [k(1), k(2), k(4)] },
        { phase: { id: p2.id, name: "P2" }, keys: [k(3)] },
      ],
      unphased: 1,
      valid: false,
      problems: [`"${k(4)}" (phase “P1”) depends on "${k(3)}", which comes later (phase “P2”).`, `Phase “P1”: "${k(1)}" and "${k(2)}" both touch s.ts.`],
    });
    expect(result.check.valid).toBe(true);
    expect(result.unplaceable).toEqual([]);

    // P2 runs after P1, but Four (P1) waits for Three (P2): neither can be placed.
    const ordered = await plan(project.slug, { phaseOrder: "true" });
    expect(ordered.unplaceable.map((u) => u.key).sort()).toEqual([k(3), k(4)].sort());
    expect(ordered.unplaceable.find((u) => u.key === k(4))).toMatchObject({ title: "Four", reason: expect.stringContaining("cycle") });
    expect(ordered.batches.map((b) => b.items.map((i) => i.key))).toEqual([[k(1), k(5)], [k(2)]]);
  });

  it("looks through a phase with nothing selected, and marks a wait that comes from the phases", async () => {
    const project = await createTestProject(ws);
    const a = await createPhase({ ctx: ws.ctx, projectSlug: project.slug, input: createPhaseInput.parse({ name: "A" }) });
    const b = await createPhase({ ctx: ws.ctx, projectSlug: project.slug, input: createPhaseInput.parse({ name: "B", dependsOn: [a.id] }) });
    const c = await createPhase({ ctx: ws.ctx, projectSlug: project.slug, input: createPhaseInput.parse({ name: "C", dependsOn: [b.id] }) });
    const k = (n: number) => `${project.keyPrefix}-${n}`;
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "In A", phaseId: a.id, files: ["x.ts"] } });
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Also in A", phaseId: a.id, files: ["x.ts"] } });
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Done in B", phaseId: b.id, status: "done" } });
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "In C", phaseId: c.id, files: ["y.ts"] } });

    expect((await plan(project.slug)).batches.map((x) => x.items.map((i) => i.key))).toEqual([[k(1), k(4)], [k(2)]]);
    const ordered = await plan(project.slug, { phaseOrder: "true" });
    expect(ordered.batches.map((x) => x.items.map((i) => i.key))).toEqual([[k(1)], [k(2)], [k(4)]]);
    expect(ordered.batches[1]!.deferred).toEqual([{ key: k(4), with: k(2), reason: "dependency", via: "phase" }]);
  });

  it("explains a split that only blockers force: a chain runs one batch per link", async () => {
    const project = await createTestProject(ws);
    const k = (n: number) => `${project.keyPrefix}-${n}`;
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Last", files: ["c.ts"] } });
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Middle", files: ["b.ts"] } });
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "First", files: ["a.ts"] } });
    await ws.ctx.db.itemDependency.createMany({
      data: [
        { workspaceId: ws.id, blockerId: (await itemId(project.slug, 3)), blockedId: await itemId(project.slug, 2) },
        { workspaceId: ws.id, blockerId: (await itemId(project.slug, 2)), blockedId: await itemId(project.slug, 1) },
      ],
    });
    const result = await plan(project.slug);
    expect(result.batches.map((b) => b.items.map((i) => i.key))).toEqual([[k(3)], [k(2)], [k(1)]]);
    expect(result.batches.map((b) => b.deferred)).toEqual([
      [{ key: k(2), with: k(3), reason: "dependency", via: "item" }],
      [{ key: k(1), with: k(2), reason: "dependency", via: "item" }],
      [],
    ]);
    expect(result.totals.dependencies).toBe(2);
  });

  it("plans nothing for a project without items", async () => {
    const project = await createTestProject(ws);
    const result = await plan(project.slug);
    expect(result).toMatchObject({ batches: [], unplaceable: [], totals: { items: 0, withoutFiles: 0, dependencies: 0 }, phaseGrouping: null, check: { valid: true } });
  });
});

describe("GET …/batches", () => {
  const get = (project: string, query = "", caller: Parameters<typeof callRoute>[1]["as"] = as.user(ws.members.viewer), workspace = ws.slug) =>
    callRoute(batchesRoute.GET, { as: caller, params: { ws: workspace, project }, url: `/api/v1/workspaces/${workspace}/projects/${project}/batches${query}` });

  it("answers viewers and read API keys with the plan", async () => {
    const r = await get(audit.slug);
    expect(r.status).toBe(200);
    expect(r.body.batches).toHaveLength(2);
    expect(r.body.check).toEqual({ valid: true, fileConflicts: 0, problems: [] });
    const key = await createTestApiKey(ws, "read");
    const byKey = await get(audit.slug, "?phaseOrder=true", as.apiKey(key.key));
    expect(byKey.status).toBe(200);
    expect(byKey.body.batches).toHaveLength(4);
  });

  it("refuses bad queries with 422 naming the parameter", async () => {
    const phase = await ws.ctx.db.phase.findFirstOrThrow({ where: { projectId: audit.id } });
    const both = await get(audit.slug, `?phase=${phase.id}&items=${keyOf.get("1A")}`);
    expect(both.status).toBe(422);
    expect(both.body.error.code).toBe("validation_failed");
    expect(both.body.error.details).toEqual([expect.objectContaining({ path: "items" })]);
    for (const query of ["?items=not-a-key", "?items=,", "?includeDone=yes", "?sort=key"]) {
      const r = await get(audit.slug, query);
      expect(r.status, query).toBe(422);
      expect(r.body.error.code, query).toBe("validation_failed");
    }
  });

  it("answers 404 for an unknown project, phase or item, and for another workspace's", async () => {
    expect((await get("no-such-project")).body.error.code).toBe("not_found");
    const unknownPhase = await get(audit.slug, "?phase=not-a-phase");
    expect(unknownPhase.status).toBe(404);
    expect(unknownPhase.body.error.code).toBe("not_found");
    expect((await get(audit.slug, `?items=${audit.keyPrefix}-999`)).status).toBe(404);

    const other = await createWorkspace("batches-other");
    const foreign = await createTestProject(other);
    const foreignPhase = await createPhase({ ctx: other.ctx, projectSlug: foreign.slug, input: createPhaseInput.parse({ name: "Theirs" }) });
    await createItem({ ctx: other.ctx, projectSlug: foreign.slug, input: { title: "Their secret", files: ["secret.ts"] } });
    expect((await get(foreign.slug)).status).toBe(404);
    expect((await get(foreign.slug, "", as.user(ws.members.owner), other.slug)).status).toBe(404);
    // Their phase id in our project: not found, exactly like an unknown one.
    const crossPhase = await get(audit.slug, `?phase=${foreignPhase.id}`);
    expect(crossPhase.status).toBe(404);
    expect(crossPhase.body.error.message).toBe(unknownPhase.body.error.message);
    // Their item key in our project: ours has no such item.
    expect((await get(audit.slug, `?items=${foreign.keyPrefix}-1`)).status).toBe(404);
  });
});
