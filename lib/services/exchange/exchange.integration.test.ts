import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import * as exportRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/export/route";
import * as csvRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/imports/csv/route";
import * as jsonRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/imports/json/route";
import type { WorkspaceContext } from "@/lib/auth/context";
import { readRegisterJson, type RegisterV1 } from "@/lib/domain/exchange/register-json";
import { createGate } from "@/lib/services/gates/create-gate";
import { importPlan } from "@/lib/services/imports/import-plan";
import { createItem } from "@/lib/services/items/create-item";
import { addEvidence } from "@/lib/services/items/item-evidence";
import { updateItem } from "@/lib/services/items/update-item";
import { createOwner } from "@/lib/services/owners/owners";
import { createPhase } from "@/lib/services/phases/create-phase";
import { createGateInput } from "@/lib/validation/gate";
import { createPhaseInput } from "@/lib/validation/phase";
import { as, createTestProject, createWorkspace, unique, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";
import { importRegisterJson } from "./import-register-json";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace("exchange");
});

const member = () => as.user(ws.members.member);

async function download(project: string, format: string, extra = "", caller = member()) {
  return callRoute<string>(exportRoute.GET, { as: caller, params: { ws: ws.slug, project }, url: `/api/test?format=${format}${extra}` });
}

function postJson(project: string, body: unknown, caller = member()) {
  return callRoute(jsonRoute.POST, { method: "POST", as: caller, params: { ws: ws.slug, project }, body });
}

function postCsv(project: string, body: unknown, caller = member()) {
  return callRoute(csvRoute.POST, { method: "POST", as: caller, params: { ws: ws.slug, project }, body });
}

/** The register without what names the project it came from: the export time, the project's name and key prefix, item keys. */
function comparable(register: RegisterV1) {
  const { exportedAt: _e, project, items, ...rest } = register;
  return { ...rest, project: { description: project.description }, items: items.map(({ key: _k, ...item }) => item) };
}

async function counts(projectId: string) {
  const db = ws.ctx.db;
  return {
    phases: await db.phase.count({ where: { projectId } }),
    phaseDeps: await db.phaseDependency.count({ where: { phase: { projectId } } }),
    items: await db.item.count({ where: { projectId } }),
    itemDeps: await db.itemDependency.count({ where: { blocked: { projectId } } }),
    evidence: await db.evidence.count({ where: { projectId } }),
    gates: await db.gate.count({ where: { projectId } }),
    criteria: await db.criterion.count({ where: { gate: { projectId } } }),
    versions: (await db.item.findMany({ where: { projectId }, select: { version: true }, orderBy: { number: "asc" } })).map((i) => i.version),
  };
}

/** A project with a bit of everything the register holds. */
async function populated() {
  const project = await createTestProject(ws);
  const ctx = ws.ctx;
  const team = await createOwner({ ctx, input: { name: unique("Platform"), kind: "team", email: "platform@example.com" } });
  const agent = await createOwner({ ctx, input: { name: unique("Claude"), kind: "agent" } });
  const p1 = await createPhase({ ctx, projectSlug: project.slug, input: createPhaseInput.parse({ name: "Phase 1 — Security", objective: "Close the blockers", estimate: "3 days", estimateDays: 3, defaultOwnerId: team.id }) });
  const p2 = await createPhase({ ctx, projectSlug: project.slug, input: createPhaseInput.parse({ name: "Phase 2 — Reliability", exitCriteria: "No open highs", dependsOn: [p1.id] }) });
  await ctx.db.phase.updateMany({ where: { id: p1.id }, data: { externalId: "phase-1" } });
  const a = await createItem({
    ctx,
    projectSlug: project.slug,
    input: {
      title: "Token stored on window",
      description: "**JWT** leaks to any script.\n\n- one\n- two",
      kind: "finding",
      severity: "critical",
      status: "in_progress",
      blocker: true,
      phaseId: p1.id,
      ownerId: team.id,
      effort: "2d",
      dueDate: "2026-12-24",
      impact: "Account takeover",
      reproSteps: "Open devtools",
      rootCause: "Global state",
      recommendedFix: "Closure",
      fixPrUrl: "https://github.com/acme/app/pull/7",
      files: ["renderer/auth.js", "renderer/web-api.js"],
      auditRefs: ["SEC-1"],
      acceptanceCriteria: "No token on window",
      verificationCommand: "npm test -- auth",
      labels: ["security", "frontend"],
      externalId: "todo:phase1-authz",
    },
  });
  const b = await createItem({ ctx, projectSlug: project.slug, input: { title: "Add CSP", phaseId: p1.id, status: "done", ownerId: agent.id } });
  const c = await createItem({ ctx, projectSlug: project.slug, input: { title: "Graceful shutdown", phaseId: p2.id, kind: "task", severity: "high", blockedBy: [a.key, b.key] } });
  await createItem({ ctx, projectSlug: project.slug, input: { title: "Won't do: Electron installer", status: "wont_fix" } });
  await addEvidence({ ctx, projectSlug: project.slug, key: a.key, input: { kind: "command", command: "npm test", output: "42 passing" } });
  await addEvidence({ ctx, projectSlug: project.slug, key: b.key, input: { kind: "link", url: "https://ci.example.com/runs/1", note: "CSP header present" } });
  await createGate({
    ctx: { ...ctx, actor: { type: "user", userId: ws.owner.id, email: ws.owner.email } } as WorkspaceContext,
    projectSlug: project.slug,
    input: createGateInput.parse({
      name: "v1.0 release",
      description: "No-Go until all required pass.",
      targetDate: "2027-01-15",
      approverIds: [ws.owner.id],
      criteria: [
        { title: "Phase 1 complete", type: "rule", rule: { type: "all_done", filter: { phase: p1.id } } },
        { title: "No open blockers", type: "rule", required: false, rule: { type: "no_open_blockers" } },
        { title: "CI green", type: "check" },
        { title: "Support briefed", type: "manual", description: "Support has the runbook." },
      ],
    }),
  });
  return { project, keys: [a.key, b.key, c.key] };
}

describe("the JSON register", () => {
  it("round-trips without loss: export, import into an empty project, export again", async () => {
    const { project } = await populated();
    const first = await download(project.slug, "json");
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(first.headers.get("content-disposition")).toBe(`attachment; filename="${project.slug}-register.json"; filename*=UTF-8''${project.slug}-register.json`);
    const exported = first.body as unknown as RegisterV1;
    expect(exported).toMatchObject({ schema: "readyroom.register", version: 1 });
    expect(exported.items).toHaveLength(4);
    expect(exported.dependencies).toHaveLength(2);
    expect(exported.gates[0]!.criteria[0]!.rule).toEqual({ type: "all_done", filter: { phase: "phase-1" } });
    expect(exported.gates[0]!.approvers).toEqual([ws.owner.email]);

    const empty = await createTestProject(ws);
    const source = JSON.stringify(exported, null, 2);
    const preview = await postJson(empty.slug, { source, fileName: "register.json" });
    expect(preview.status).toBe(200);
    expect(preview.body.totals).toMatchObject({ phases: { create: 2, update: 0, unchanged: 0 }, items: { create: 4, update: 0, unchanged: 0 }, gates: { create: 1, update: 0, unchanged: 0 }, evidence: 2 });
    expect((await counts(empty.id)).items).toBe(0);

    const applied = await postJson(empty.slug, { source, fileName: "register.json", apply: true });
    expect(applied.status).toBe(201);
    const second = (await download(empty.slug, "json")).body as unknown as RegisterV1;
    expect(comparable(second)).toEqual(comparable(exported));

    const record = await ws.ctx.db.planImport.findFirstOrThrow({ where: { projectId: empty.id } });
    expect(record).toMatchObject({ format: "json", fileName: "register.json", source, sha256: createHash("sha256").update(source).digest("hex") });
    expect(record.summary).toMatchObject({ items: { create: 4 } });
    expect(await ws.ctx.db.activity.count({ where: { projectId: empty.id, action: "item.imported" } })).toBe(4);
    expect(await ws.ctx.db.auditEvent.count({ where: { action: "register.imported", targetId: empty.id } })).toBe(1);
  });

  it("changes nothing when the same file is imported into the project it came from", async () => {
    const { project } = await populated();
    const source = (await download(project.slug, "json")).body as unknown as RegisterV1;
    const before = await counts(project.id);
    const preview = await postJson(project.slug, { source: JSON.stringify(source) });
    expect(preview.body.totals).toMatchObject({ owners: { create: 0 }, phases: { create: 0, update: 0, unchanged: 2 }, items: { create: 0, update: 0, unchanged: 4 }, gates: { create: 0, update: 0, unchanged: 1 }, evidence: 0 });
    const applied = await postJson(project.slug, { source: JSON.stringify(source), apply: true });
    expect(applied.status).toBe(201);
    expect(await counts(project.id)).toEqual(before);
    expect(comparable((await download(project.slug, "json")).body as unknown as RegisterV1)).toEqual(comparable(source));
  });

  it("updates what changed in the file, and only that", async () => {
    const { project, keys } = await populated();
    const register = (await download(project.slug, "json")).body as unknown as RegisterV1;
    const edited = structuredClone(register);
    edited.items[1]!.title = "Add a strict CSP";
    edited.items[2]!.status = "in_review";
    edited.dependencies = edited.dependencies.filter((d) => d.blocker !== 2);
    edited.items.push({ ...edited.items[3]!, number: 99, key: "X-99", externalId: "jira:NEW-1", title: "Brand new", evidence: [] });
    const result = await postJson(project.slug, { source: JSON.stringify(edited), apply: true });
    expect(result.status).toBe(201);
    expect(result.body.totals.items).toEqual({ create: 1, update: 2, unchanged: 2 });
    expect(result.body.items.find((i: { title: string }) => i.title === "Graceful shutdown").changes).toEqual(["status", "blockedBy"]);
    const rows = await ws.ctx.db.item.findMany({ where: { projectId: project.id }, orderBy: { number: "asc" } });
    expect(rows.map((r) => [r.number, r.title, r.version])).toEqual([
      [1, "Token stored on window", 1],
      [2, "Add a strict CSP", 2],
      [3, "Graceful shutdown", 2],
      [4, "Won't do: Electron installer", 1],
      [99, "Brand new", 1],
    ]);
    expect(await ws.ctx.db.itemDependency.count({ where: { blocked: { projectId: project.id } } })).toBe(1);
    expect((await ws.ctx.db.project.findFirstOrThrow({ where: { id: project.id } })).nextItemNumber).toBe(100);
    const history = await ws.ctx.db.activity.findMany({ where: { itemId: rows[2]!.id, action: "item.imported" } });
    expect(history.map((h) => h.field).sort()).toEqual(["blockedBy", "status"]);
    expect(keys[2]).toMatch(/-3$/);
  });

  it("answers bad files with stable 4xx codes and writes nothing", async () => {
    const { project } = await populated();
    const register = (await download(project.slug, "json")).body as unknown as RegisterV1;
    const target = await createTestProject(ws);
    const expectError = async (body: unknown, status: number, code: string) => {
      const r = await postJson(target.slug, body);
      expect(r.status).toBe(status);
      expect(r.body.error.code).toBe(code);
      return r.body.error;
    };
    await expectError({ source: JSON.stringify({ ...register, schema: "jira.issues" }) }, 422, "unsupported_schema");
    expect((await expectError({ source: JSON.stringify({ ...register, version: 2 }), apply: true }, 422, "unsupported_schema")).message).toContain("Version 2");
    await expectError({ source: "{ nope" }, 400, "invalid_json");
    const badField = await expectError({ source: JSON.stringify({ ...register, items: [{ ...register.items[0]!, severity: "urgent" }] }), apply: true }, 422, "validation_failed");
    expect(badField.details[0].path).toBe("items.0.severity");
    await expectError({ source: "" }, 422, "validation_failed");
    await expectError({ source: "{}", extra: 1 }, 422, "validation_failed");

    const cyclic = structuredClone(register);
    cyclic.phases[0]!.dependsOn = [cyclic.phases[1]!.ref];
    const cycle = await expectError({ source: JSON.stringify(cyclic), apply: true }, 422, "dependency_cycle");
    expect(cycle.details.cycle).toHaveLength(3);

    const blocked = structuredClone(register);
    blocked.items[2]!.status = "done";
    const into = await postJson(project.slug, { source: JSON.stringify(blocked), apply: true });
    expect(into.status).toBe(409);
    expect(into.body.error.code).toBe("blocked_by_open_items");

    const huge = await callRoute(jsonRoute.POST, { method: "POST", as: member(), params: { ws: ws.slug, project: target.slug }, rawBody: JSON.stringify({ source: "x".repeat(7_600_000) }) });
    expect(huge.status).toBe(413);
    expect((await postJson(target.slug, { source: JSON.stringify(register) }, as.user(ws.members.viewer))).status).toBe(403);
    expect(await counts(target.id)).toEqual({ phases: 0, phaseDeps: 0, items: 0, itemDeps: 0, evidence: 0, gates: 0, criteria: 0, versions: [] });
    expect(await ws.ctx.db.planImport.count({ where: { projectId: target.id } })).toBe(0);
  });

  it("leaves nothing behind when a write fails half-way", async () => {
    const { project } = await populated();
    const source = JSON.stringify((await download(project.slug, "json")).body);
    const target = await createTestProject(ws);
    // The evidence insert (after phases, items and dependencies were written) fails.
    const failing = new Proxy(ws.ctx.db, {
      get(db, prop) {
        if (prop !== "$transaction") return Reflect.get(db, prop);
        return (fn: (tx: unknown) => Promise<unknown>, options: unknown) =>
          db.$transaction(
            (tx) =>
              fn(
                new Proxy(tx, {
                  get(t, p) {
                    if (p !== "evidence") return Reflect.get(t, p);
                    return new Proxy(t.evidence, { get: (m, k) => (k === "createMany" ? () => Promise.reject(new Error("disk full")) : Reflect.get(m, k)) });
                  },
                }),
              ),
            options as never,
          );
      },
    });
    const ctx = { ...ws.ctx, db: failing } as WorkspaceContext;
    await expect(importRegisterJson({ ctx, projectSlug: target.slug, source, apply: true })).rejects.toThrow("disk full");
    expect(await counts(target.id)).toEqual({ phases: 0, phaseDeps: 0, items: 0, itemDeps: 0, evidence: 0, gates: 0, criteria: 0, versions: [] });
    expect((await ws.ctx.db.project.findFirstOrThrow({ where: { id: target.id } })).nextItemNumber).toBe(1);
  });
});

const JIRA = [
  "Summary,Issue key,Issue id,Issue Type,Status,Priority,Assignee,Labels,Labels,Description,Sprint,Created,Resolved",
  'Token in window,ABC-12,10012,Bug,Done,Highest,Ada Lovelace,security,frontend,"Moves the JWT, finally",Sprint 1,10/Jan/24 9:15 AM,12/Jan/24 3:45 PM',
  "Rate limits,ABC-13,10013,Story,In Progress,Low,Ada Lovelace,,,,Sprint 2,11/Jan/24 10:00 AM,",
  "Shutdown,ABC-14,10014,Task,To Do,Medium,,,,,Sprint 2,11/Jan/24 10:00 AM,",
].join("\r\n");

describe("CSV import", () => {
  it("previews a Jira export with its detected mapping, applies it, and re-imports without duplicating", async () => {
    const project = await createTestProject(ws);
    const preview = await postCsv(project.slug, { source: JIRA, fileName: "jira.csv" });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ applied: false, preset: { id: "jira" }, detectedPreset: "jira", rowCount: 3, errors: [], mappingProblems: [] });
    expect(preview.body.columns.find((c: { name: string }) => c.name === "Sprint")).toEqual({ name: "Sprint", field: "phase", samples: ["Sprint 1", "Sprint 2", "Sprint 2"] });
    expect(preview.body.sample[0]).toEqual({ row: 2, values: expect.objectContaining({ Summary: "Token in window", Labels: "security | frontend" }) });
    expect(preview.body.rows.map((r: { row: number; action: string; externalId: string }) => [r.row, r.action, r.externalId])).toEqual([
      [2, "create", "jira:ABC-12"],
      [3, "create", "jira:ABC-13"],
      [4, "create", "jira:ABC-14"],
    ]);
    expect(preview.body.plan.totals.phases).toEqual({ create: 2, update: 0, unchanged: 0 });
    expect(await ws.ctx.db.item.count({ where: { projectId: project.id } })).toBe(0);

    const applied = await postCsv(project.slug, { source: JIRA, fileName: "jira.csv", apply: true });
    expect(applied.status).toBe(201);
    const items = await ws.ctx.db.item.findMany({ where: { projectId: project.id }, orderBy: { number: "asc" }, include: { phase: true, owner: true } });
    expect(items.map((i) => [i.externalId, i.title, i.kind, i.status, i.severity, i.phase?.name, i.owner?.name ?? null])).toEqual([
      ["jira:ABC-12", "Token in window", "finding", "done", "critical", "Sprint 1", "Ada Lovelace"],
      ["jira:ABC-13", "Rate limits", "task", "in_progress", "low", "Sprint 2", "Ada Lovelace"],
      ["jira:ABC-14", "Shutdown", "task", "open", "medium", "Sprint 2", null],
    ]);
    expect(items[0]!.closedAt?.toISOString()).toBe("2024-01-12T15:45:00.000Z");
    expect(items[0]!.labels).toEqual(["security", "frontend"]);
    expect(await ws.ctx.db.planImport.count({ where: { projectId: project.id, format: "csv" } })).toBe(1);

    const again = await postCsv(project.slug, { source: JIRA, apply: true });
    expect(again.body.rows.map((r: { action: string }) => r.action)).toEqual(["unchanged", "unchanged", "unchanged"]);
    expect(await ws.ctx.db.item.count({ where: { projectId: project.id } })).toBe(3);
    expect(await ws.ctx.db.phase.count({ where: { projectId: project.id } })).toBe(2);

    const moved = await postCsv(project.slug, { source: JIRA.replace("Shutdown,ABC-14,10014,Task,To Do", "Shutdown,ABC-14,10014,Task,Done"), apply: true });
    expect(moved.body.rows.map((r: { action: string; changes: string[] }) => [r.action, r.changes])).toEqual([["unchanged", []], ["unchanged", []], ["update", ["status", "closedAt"]]]);
    const shutdown = await ws.ctx.db.item.findFirstOrThrow({ where: { projectId: project.id, externalId: "jira:ABC-14" } });
    expect(shutdown).toMatchObject({ status: "done", version: 2 });
    expect(shutdown.closedAt).not.toBeNull();
  });

  it("takes a mapping override: Sprint ignored, Labels as the phase column", async () => {
    const project = await createTestProject(ws);
    const first = await postCsv(project.slug, { source: JIRA });
    const mapping = { ...first.body.mapping, Sprint: null, Labels: "phase" };
    const preview = await postCsv(project.slug, { source: JIRA, mapping });
    expect(preview.body.columns.find((c: { name: string }) => c.name === "Labels").field).toBe("phase");
    const applied = await postCsv(project.slug, { source: JIRA, mapping, apply: true });
    expect(applied.status).toBe(201);
    const phases = await ws.ctx.db.phase.findMany({ where: { projectId: project.id }, orderBy: { position: "asc" } });
    expect(phases.map((p) => p.name)).toEqual(["frontend"]);
    const twoStatus = await postCsv(project.slug, { source: JIRA, mapping: { ...mapping, Priority: "status" }, apply: true });
    expect(twoStatus.status).toBe(422);
    expect(twoStatus.body.error.details[0].path).toBe("mapping.Priority");
  });

  it("refuses broken files and bad rows by row number, writing nothing", async () => {
    const project = await createTestProject(ws);
    const broken = await postCsv(project.slug, { source: 'Summary,Issue key\nok,ABC-1\n"never closed,ABC-2\n' });
    expect(broken.status).toBe(422);
    expect(broken.body.error).toMatchObject({ code: "invalid_csv", details: [{ path: "row 3" }] });

    const ownersBefore = await ws.ctx.db.owner.count();
    const badRows = JIRA.replace("Rate limits,ABC-13", ",ABC-13") + "\r\nAnother,ABC-12,1,Bug,Done,High,,,,,,,";
    const preview = await postCsv(project.slug, { source: badRows });
    expect(preview.status).toBe(200);
    expect(preview.body.errors).toEqual([
      { row: 3, message: "the title is empty" },
      { row: 5, message: "the same external id (jira:ABC-12) as row 2" },
    ]);
    expect(preview.body.rows.map((r: { action: string }) => r.action)).toEqual(["create", "error", "create", "error"]);
    const apply = await postCsv(project.slug, { source: badRows, apply: true });
    expect(apply.status).toBe(422);
    expect(apply.body.error.code).toBe("validation_failed");
    expect(apply.body.error.details).toEqual([
      { path: "row 3", message: "the title is empty" },
      { path: "row 5", message: "the same external id (jira:ABC-12) as row 2" },
    ]);
    expect(await ws.ctx.db.item.count({ where: { projectId: project.id } })).toBe(0);
    expect(await ws.ctx.db.phase.count({ where: { projectId: project.id } })).toBe(0);
    expect(await ws.ctx.db.owner.count()).toBe(ownersBefore);

    const huge = await callRoute(csvRoute.POST, { method: "POST", as: member(), params: { ws: ws.slug, project: project.slug }, rawBody: JSON.stringify({ source: "a,b\n".repeat(2_000_000) }) });
    expect(huge.status).toBe(413);
    expect((await postCsv(project.slug, { source: JIRA, apply: true }, as.user(ws.members.viewer))).status).toBe(403);
  });

  it("round-trips the register through its own CSV export", async () => {
    const { project } = await populated();
    const csv = await download(project.slug, "csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toContain(`${project.slug}-register.csv`);
    // The body starts with a BOM for spreadsheets (Response.text() drops it; register-csv.test.ts reads it back).
    const text = String(csv.body);
    expect(text.startsWith("Key,External id,Title,Kind,Severity,Status")).toBe(true);

    const target = await createTestProject(ws);
    const applied = await postCsv(target.slug, { source: text, apply: true });
    expect(applied.status).toBe(201);
    expect(applied.body.preset.id).toBe("readyroom");
    const a = (await download(project.slug, "json")).body as unknown as RegisterV1;
    const b = (await download(target.slug, "json")).body as unknown as RegisterV1;
    const carried = (r: RegisterV1) => r.items.map(({ key: _k, evidence: _e, phase, ...rest }) => ({ ...rest, phase: r.phases.find((p) => p.ref === phase)?.name ?? null }));
    expect(carried(b)).toEqual(carried(a));
    expect(b.dependencies).toEqual(a.dependencies);
    // The same CSV again into the project it came from: nothing changes.
    const before = await counts(project.id);
    const again = await postCsv(project.slug, { source: text, apply: true });
    expect(again.body.rows.every((r: { action: string }) => r.action === "unchanged")).toBe(true);
    expect(await counts(project.id)).toEqual(before);
  });
});

describe("exporting the plan and the gate as Markdown", () => {
  const fixture = readFileSync(path.resolve(__dirname, "../../../prisma/seed/plans/open-claude-final-plan.plan.md"), "utf8");

  it("gives back the imported plan with the register's statuses in its front matter", async () => {
    const project = await createTestProject(ws);
    await importPlan({ ctx: ws.ctx, projectSlug: project.slug, source: fixture, apply: true, fileName: "open-claude-final-plan.plan.md" });
    const item = await ws.ctx.db.item.findFirstOrThrow({ where: { projectId: project.id, externalId: "todo:phase0-baseline" } });
    await updateItem({ ctx: ws.ctx, projectSlug: project.slug, key: `${project.keyPrefix}-${item.number}`, input: { status: "done", version: item.version } });
    const r = await download(project.slug, "plan-md");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(r.headers.get("content-disposition")).toContain('filename="open-claude-final-plan.plan.md"');
    const markdown = String(r.body);
    const todos = (parseYaml(markdown.split("\n---\n")[0]!.replace(/^---\n/, "")) as { todos: { id: string; status: string }[] }).todos;
    expect(todos.find((t) => t.id === "phase0-baseline")!.status).toBe("completed");
    expect(todos.filter((t) => t.status === "pending")).toHaveLength(8);
    expect(markdown.replace("status: completed", "status: pending")).toBe(fixture);
  });

  it("writes a plan from the register when the project was not imported from Markdown", async () => {
    const { project } = await populated();
    const r = await download(project.slug, "plan-md");
    expect(r.headers.get("content-disposition")).toContain(`${project.slug}-plan.md`);
    const markdown = String(r.body);
    expect(markdown).toContain("## Phase 1 — Security");
    expect(markdown).toContain("- [x] Add CSP");
    expect(markdown).toContain("- [ ] Token stored on window\n  - Status: in progress");
    expect(markdown).toContain("## v1.0 release (Go/No-Go)");
  });

  it("exports a gate's checklist, the first gate by default, and 404s for a gate that is not there", async () => {
    const { project } = await populated();
    const r = await download(project.slug, "gate-md");
    expect(r.status).toBe(200);
    expect(String(r.body)).toContain("# Release gate: v1.0 release");
    expect(r.headers.get("content-disposition")).toContain("release-gate-checklist.md");
    const gate = await ws.ctx.db.gate.findFirstOrThrow({ where: { projectId: project.id } });
    expect((await download(project.slug, "gate-md", `&gate=${gate.id}`)).status).toBe(200);
    expect((await download(project.slug, "gate-md", "&gate=nope")).status).toBe(404);
    const bare = await createTestProject(ws);
    expect((await download(bare.slug, "gate-md")).body).toMatchObject({ error: { code: "not_found" } });
    expect((await download(bare.slug, "xml")).status).toBe(422);
    expect((await download(bare.slug, "json", "", as.user(ws.members.viewer))).status).toBe(200);
  });

  it("writes an export that reads back as a valid register", async () => {
    const { project } = await populated();
    const r = await download(project.slug, "json");
    expect(readRegisterJson(JSON.stringify(r.body)).ok).toBe(true);
  });
});
