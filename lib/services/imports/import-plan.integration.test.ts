import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as importsRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/imports/route";
import { as, createTestProject, createWorkspace, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";

/** The fixture plans, copied into the repository (prisma/seed/plans) so tests and the seed need nothing outside it. */
const fixture = (name: string) => readFileSync(path.resolve(__dirname, "../../../prisma/seed/plans", name), "utf8");

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace("imports");
});

function post(project: string, body: unknown, caller = as.user(ws.members.member)) {
  return callRoute(importsRoute.POST, { method: "POST", as: caller, params: { ws: ws.slug, project }, body });
}

async function counts(projectId: string) {
  return {
    phases: await ws.ctx.db.phase.count({ where: { projectId } }),
    items: await ws.ctx.db.item.count({ where: { projectId } }),
    gates: await ws.ctx.db.gate.count({ where: { projectId } }),
    dependencies: await ws.ctx.db.phaseDependency.count({ where: { phase: { projectId } } }),
  };
}

describe("importing a Markdown plan", () => {
  it("previews without writing, applies in one go, and re-imports without duplicating", async () => {
    const project = await createTestProject(ws);
    const source = fixture("open-claude-final-plan.plan.md");

    const preview = await post(project.slug, { source });
    expect(preview.status).toBe(200);
    expect(preview.body.applied).toBe(false);
    expect(preview.body.diff.totals).toEqual({ phases: { create: 6, update: 0, unchanged: 0 }, items: { create: 49, update: 0, unchanged: 0 }, gates: { create: 1, update: 0, unchanged: 0 } });
    expect(preview.body.diff.phases[1]).toMatchObject({ ref: "phase-1", action: "create", dependsOn: ["phase-0"] });
    expect(await counts(project.id)).toEqual({ phases: 0, items: 0, gates: 0, dependencies: 0 });

    const applied = await post(project.slug, { source, apply: true, fileName: "open-claude-final-plan.plan.md" });
    expect(applied.status).toBe(201);
    const record = await ws.ctx.db.planImport.findFirstOrThrow({ where: { projectId: project.id } });
    expect(record).toMatchObject({ format: "markdown", fileName: "open-claude-final-plan.plan.md", source, createdById: ws.members.member.id });
    expect(record.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await counts(project.id)).toEqual({ phases: 6, items: 49, gates: 1, dependencies: 5 });
    const gate = await ws.ctx.db.gate.findFirstOrThrow({ where: { projectId: project.id }, include: { criteria: { orderBy: { position: "asc" } } } });
    expect(gate.criteria.map((c) => [c.type, c.required])).toEqual([["rule", true], ["rule", true], ["check", true], ["check", true], ["manual", true], ["rule", false]]);
    const phase1 = await ws.ctx.db.phase.findFirstOrThrow({ where: { projectId: project.id, externalId: "phase-1" } });
    expect(gate.criteria[0]!.rule).toEqual({ type: "all_done", filter: { phase: phase1.id } });
    const todo = await ws.ctx.db.item.findFirstOrThrow({ where: { projectId: project.id, externalId: "todo:phase1-authz-and-xss" } });
    expect(todo).toMatchObject({ phaseId: phase1.id, status: "open" });
    const numbers = (await ws.ctx.db.item.findMany({ where: { projectId: project.id }, select: { number: true }, orderBy: { number: "asc" } })).map((i) => i.number);
    expect(numbers).toEqual(Array.from({ length: 49 }, (_, i) => i + 1));
    const description = (await ws.ctx.db.project.findFirstOrThrow({ where: { id: project.id } })).description;
    expect(description).toContain("## Goal");
    expect(await ws.ctx.db.activity.count({ where: { projectId: project.id, action: "item.imported" } })).toBe(49);

    // The same plan again: everything unchanged, nothing duplicated.
    const again = await post(project.slug, { source, apply: true });
    expect(again.body.diff.totals).toEqual({ phases: { create: 0, update: 0, unchanged: 6 }, items: { create: 0, update: 0, unchanged: 49 }, gates: { create: 0, update: 0, unchanged: 1 } });
    expect(await counts(project.id)).toEqual({ phases: 6, items: 49, gates: 1, dependencies: 5 });
    expect(await ws.ctx.db.activity.count({ where: { projectId: project.id, action: "item.imported" } })).toBe(49);

    // An edited plan: a todo completed and a bullet added update and create exactly those.
    const edited = source
      .replace("  - id: phase1-authz-and-xss\n    content: Fix mass-assignment, report user-scoping, token storage, sanitizer fallback, and unescaped dynamic template values.\n    status: pending", "  - id: phase1-authz-and-xss\n    content: Fix mass-assignment, report user-scoping, token storage, sanitizer fallback, and unescaped dynamic template values.\n    status: completed")
      .replace("- Add CSP to `[renderer/index.html](renderer/index.html)`.", "- Add CSP to `[renderer/index.html](renderer/index.html)`.\n- Add a Permissions-Policy header in `[server/server.js](server/server.js)`.");
    const update = await post(project.slug, { source: edited, apply: true });
    expect(update.body.diff.totals.items).toMatchObject({ create: 1, update: 1 });
    expect(await counts(project.id)).toMatchObject({ items: 50 });
    const done = await ws.ctx.db.item.findFirstOrThrow({ where: { projectId: project.id, externalId: "todo:phase1-authz-and-xss" } });
    expect(done.status).toBe("done");
    expect(done.closedAt).not.toBeNull();
    expect(done.version).toBe(2);
  });

  it("imports the batches plan's tasks with files, audit refs and verification, and its executor as an agent", async () => {
    const project = await createTestProject(ws);
    const r = await post(project.slug, { source: fixture("audit-implementation-batches.md"), apply: true });
    expect(r.status).toBe(201);
    const task = await ws.ctx.db.item.findFirstOrThrow({ where: { projectId: project.id, externalId: "task:1a" }, include: { phase: true, owner: true } });
    expect(task).toMatchObject({ title: "Database Indices & Composite Index", files: ["alembic/versions/", "services/agent/src/core/db/models.py"], verificationCommand: "./stack check" });
    expect(task.auditRefs).toHaveLength(3);
    expect(task.phase?.externalId).toBe("batch-1");
    expect(task.owner).toMatchObject({ name: "Engineer agents", kind: "agent" });
  });

  it("reads chosen headings as stages and imports a stage into an existing phase, which keeps it for the next import", async () => {
    const project = await createTestProject(ws);
    const baseline = await ws.ctx.db.phase.create({ data: { workspaceId: ws.id, projectId: project.id, name: "Baseline (hand-made)", position: 0 } });
    const source = "# Plan\n\n## Phase 1 — Baseline\n\n- Pin dependencies\n\n## Hardening sprint\n\n- Add CSP\n- Rotate keys";

    const preview = await post(project.slug, { source });
    expect(preview.body.otherHeadings).toEqual(["Hardening sprint"]);
    expect(preview.body.diff.phases.map((p: { ref: string; action: string }) => [p.ref, p.action])).toEqual([["phase-1", "create"]]);

    const mapping = { stages: ["Hardening sprint"], phases: { "phase-1": baseline.id } };
    const mapped = await post(project.slug, { source, mapping });
    expect(mapped.body.diff.phases.map((p: { ref: string; action: string; into: unknown }) => [p.ref, p.action, p.into])).toEqual([
      ["phase-1", "update", { id: baseline.id, name: "Baseline (hand-made)" }],
      ["section-hardening-sprint", "create", null],
    ]);
    expect(await counts(project.id)).toMatchObject({ phases: 1, items: 0 });

    expect((await post(project.slug, { source, mapping, apply: true })).status).toBe(201);
    expect(await counts(project.id)).toMatchObject({ phases: 2, items: 3 });
    const phase1 = await ws.ctx.db.phase.findFirstOrThrow({ where: { id: baseline.id } });
    expect(phase1).toMatchObject({ externalId: "phase-1", name: "Phase 1 — Baseline" });
    expect(await ws.ctx.db.item.count({ where: { projectId: project.id, phaseId: baseline.id } })).toBe(1);

    // Next time, no mapping is needed for the phase: it matches by its ref.
    const again = await post(project.slug, { source, mapping: { stages: ["Hardening sprint"] }, apply: true });
    expect(again.body.diff.totals).toMatchObject({ phases: { create: 0, update: 0, unchanged: 2 }, items: { create: 0, update: 0, unchanged: 3 } });
  });

  it("keeps the team's status and effort on a re-import when the plan states neither", async () => {
    const project = await createTestProject(ws);
    const source = "## Phase 1 — A\n\n- Write the runbook\n- [ ] Tag the release\n\n| Task | Estimate |\n|---|---|\n| Load test | 2d |";
    expect((await post(project.slug, { source, apply: true })).status).toBe(201);
    const byTitle = async (title: string) => ws.ctx.db.item.findFirstOrThrow({ where: { projectId: project.id, title } });
    expect((await byTitle("Load test")).effort).toBe("2d");
    for (const title of ["Write the runbook", "Tag the release", "Load test"]) await ws.ctx.db.item.updateMany({ where: { id: (await byTitle(title)).id }, data: { status: "in_progress", effort: "M" } });

    const again = await post(project.slug, { source, apply: true });
    // The runbook's status is the team's; the checkbox states "open" and the table states the estimate.
    expect(again.body.diff.totals.items).toEqual({ create: 0, update: 2, unchanged: 1 });
    expect(await byTitle("Write the runbook")).toMatchObject({ status: "in_progress", effort: "M" });
    expect(await byTitle("Tag the release")).toMatchObject({ status: "open", effort: "M" });
    expect(await byTitle("Load test")).toMatchObject({ status: "in_progress", effort: "2d" });
  });

  it("refuses a mapping to an unknown stage or to another project's phase, writing nothing", async () => {
    const project = await createTestProject(ws);
    const elsewhere = await createTestProject(ws);
    const foreign = await ws.ctx.db.phase.create({ data: { workspaceId: ws.id, projectId: elsewhere.id, name: "Elsewhere", position: 0 } });
    const source = "## Phase 1 — A\n\n- one";
    const unknown = await post(project.slug, { source, apply: true, mapping: { phases: { "phase-9": foreign.id } } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: "validation_failed", details: [{ path: "mapping.phases.phase-9" }] });
    const other = await post(project.slug, { source, apply: true, mapping: { phases: { "phase-1": foreign.id } } });
    expect(other.status).toBe(422);
    expect(other.body.error.details[0].message).toBe("is not a phase of this project");
    expect(await counts(project.id)).toEqual({ phases: 0, items: 0, gates: 0, dependencies: 0 });
  });

  it("refuses bad input in place and lets only people who edit import", async () => {
    const project = await createTestProject(ws);
    expect((await post(project.slug, { source: "" })).status).toBe(422);
    expect((await post(project.slug, { source: "# x", unknown: true })).status).toBe(422);
    expect((await post(project.slug, { source: "# x" }, as.user(ws.members.viewer))).status).toBe(403);
    const huge = await callRoute(importsRoute.POST, { method: "POST", as: as.user(ws.members.member), params: { ws: ws.slug, project: project.slug }, rawBody: JSON.stringify({ source: "x".repeat(2_600_000) }) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("payload_too_large");
    const other = await createWorkspace("imports-other");
    const foreign = await createTestProject(other);
    expect((await post(foreign.slug, { source: "## Phase 1\n- x", apply: true })).status).toBe(404);
    expect(await other.ctx.db.item.count()).toBe(0);
  });
});
