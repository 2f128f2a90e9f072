import { beforeAll, describe, expect, it } from "vitest";
import * as checksRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/criteria/[criterion]/checks/route";
import * as historyRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/criteria/[criterion]/history/route";
import * as marksRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/criteria/[criterion]/marks/route";
import * as evaluationRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/evaluation/route";
import * as gatesRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/route";
import { breaksRule } from "@/lib/domain/gates";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createItem } from "@/lib/services/items/create-item";
import { createOwner } from "@/lib/services/owners/owners";
import { createPhase } from "@/lib/services/phases/create-phase";
import { gateRule, type GateRule } from "@/lib/validation/gate";
import { createPhaseInput } from "@/lib/validation/phase";
import { as, createTestApiKey, createTestProject, createWorkspace, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";

let ws: TestWorkspace;

beforeAll(async () => {
  ws = await createWorkspace("gates");
});

async function gateWith(projectId: string, criteria: { title: string; type: "rule" | "manual" | "check"; required?: boolean; rule?: GateRule }[]) {
  const gate = await ws.ctx.db.gate.create({ data: { workspaceId: ws.id, projectId, name: "v1.0 release" } });
  const ids: string[] = [];
  for (const [position, c] of criteria.entries()) {
    const row = await ws.ctx.db.criterion.create({
      data: { workspaceId: ws.id, gateId: gate.id, position, title: c.title, type: c.type, required: c.required ?? true, ...(c.rule ? { rule: c.rule as Prisma.InputJsonObject } : {}) },
    });
    ids.push(row.id);
  }
  return { gateId: gate.id, ids };
}

function evaluate(projectSlug: string, gateId: string, caller = as.user(ws.members.viewer)) {
  return callRoute(evaluationRoute.GET, { as: caller, params: { ws: ws.slug, project: projectSlug, gate: gateId } });
}

describe("rule evaluation in the database", () => {
  it("counts exactly the items the rule's specification says break it, for every rule kind", async () => {
    const project = await createTestProject(ws);
    const owner = await createOwner({ ctx: ws.ctx, input: { name: "Gate owner team", kind: "team" } });
    const phase = await createPhase({ ctx: ws.ctx, projectSlug: project.slug, input: createPhaseInput.parse({ name: "Phase 1" }) });
    const variants = [
      { status: "open", severity: "critical", blocker: true },
      { status: "in_progress", severity: "high" },
      { status: "in_review", severity: "medium", labels: ["security"] },
      { status: "done", severity: "high", labels: ["security"] },
      { status: "wont_fix", severity: "low" },
      { status: "deferred", severity: "medium", ownerId: owner.id, dueDate: "2026-12-31" },
      { status: "deferred", severity: "medium", ownerId: owner.id },
      { status: "blocked", severity: "critical", blocker: true, phaseId: phase.id },
      { status: "done", severity: "critical", blocker: true, phaseId: phase.id },
    ] as const;
    for (const [i, v] of variants.entries()) await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: `Variant ${i}`, ...v, labels: "labels" in v ? [...v.labels] : [] } });
    const withEvidence = await ws.ctx.db.item.findFirstOrThrow({ where: { projectId: project.id, status: "done", severity: "high" } });
    await ws.ctx.db.evidence.create({ data: { workspaceId: ws.id, projectId: project.id, itemId: withEvidence.id, kind: "note", note: "tested" } });

    const rules: GateRule[] = [
      { type: "no_open_items", filter: {} },
      { type: "no_open_items", filter: { severity: ["critical", "high"] } },
      { type: "all_done", filter: { phase: phase.id } },
      { type: "all_done_or_deferred", filter: {} },
      { type: "no_open_blockers", filter: {} },
      { type: "all_have_evidence", filter: { label: ["security"] } },
      { type: "max_open_items", filter: { severity: ["medium"] }, max: 0 },
    ].map((r) => gateRule.parse(r));
    const { gateId } = await gateWith(project.id, rules.map((rule, i) => ({ title: `Rule ${i} ${rule.type}`, type: "rule", rule })));
    const r = await evaluate(project.slug, gateId);
    expect(r.status).toBe(200);

    const items = await ws.ctx.db.item.findMany({ where: { projectId: project.id }, include: { _count: { select: { evidence: true } } } });
    for (const [i, rule] of rules.entries()) {
      const matches = items.filter((item) => {
        const f = rule.filter;
        return (!f.severity || f.severity.includes(item.severity)) && (!f.kind || f.kind.includes(item.kind)) && (!f.phase || item.phaseId === f.phase) && (!f.label || f.label.some((l) => item.labels.includes(l)));
      });
      const expected = matches.filter((item) =>
        breaksRule(rule, { status: item.status, blocker: item.blocker, ownerId: item.ownerId, dueDate: item.dueDate?.toISOString() ?? null, evidenceCount: item._count.evidence }),
      ).length;
      const criterion = r.body.criteria[i];
      expect(criterion.failingCount, `${rule.type} ${JSON.stringify(rule.filter)}`).toBe(criterion.state === "fail" ? expected : 0);
      expect(criterion.state, rule.type).toBe(rule.type === "max_open_items" ? (expected <= rule.max ? "pass" : "fail") : expected === 0 ? "pass" : "fail");
    }
  });
});

describe("the recommendation on a register", () => {
  it("goes from No-Go to Go with known risks to Go as the register is worked through", async () => {
    const project = await createTestProject(ws);
    const owner = await createOwner({ ctx: ws.ctx, input: { name: "Polish team", kind: "team" } });
    const phase1 = await createPhase({ ctx: ws.ctx, projectSlug: project.slug, input: createPhaseInput.parse({ name: "Phase 1" }) });
    const phase3 = await createPhase({ ctx: ws.ctx, projectSlug: project.slug, input: createPhaseInput.parse({ name: "Phase 3" }) });
    const fix = await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Fix mass assignment", phaseId: phase1.id, severity: "critical" } });
    const polish = await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Dark mode", phaseId: phase3.id, severity: "low" } });
    const { gateId } = await gateWith(project.id, [
      { title: "Phase 1 items complete with tests", type: "rule", rule: gateRule.parse({ type: "all_done", filter: { phase: phase1.id } }) },
      // Advisory and strict: what is not done fails it, and may only be accepted as a deferred risk.
      { title: "Phase 3 polish done or deferred with owners and dates", type: "rule", required: false, rule: gateRule.parse({ type: "all_done", filter: { phase: phase3.id } }) },
    ]);

    let r = await evaluate(project.slug, gateId);
    expect(r.body.recommendation.outcome).toBe("no_go");
    expect(r.body.criteria[0].failingItems.map((i: { key: string }) => i.key)).toEqual([fix.key]);
    expect(r.body.recommendation.reason).toContain("Phase 1 items complete with tests");

    await ws.ctx.db.item.updateMany({ where: { projectId: project.id, number: fix.number }, data: { status: "done" } });
    r = await evaluate(project.slug, gateId);
    expect(r.body.recommendation.outcome).toBe("no_go");
    expect(r.body.recommendation.reason).toContain(polish.key);

    // Deferred without a due date is not enough; with an owner and a date it is.
    await ws.ctx.db.item.updateMany({ where: { projectId: project.id, number: polish.number }, data: { status: "deferred", ownerId: owner.id } });
    expect((await evaluate(project.slug, gateId)).body.recommendation.outcome).toBe("no_go");
    await ws.ctx.db.item.updateMany({ where: { projectId: project.id, number: polish.number }, data: { dueDate: new Date("2026-12-31T00:00:00Z") } });
    r = await evaluate(project.slug, gateId);
    expect(r.body.recommendation.outcome).toBe("go_with_risks");
    expect(r.body.recommendation.deferredRisks.map((i: { key: string }) => i.key)).toEqual([polish.key]);

    await ws.ctx.db.item.updateMany({ where: { projectId: project.id, number: polish.number }, data: { status: "done" } });
    expect((await evaluate(project.slug, gateId)).body.recommendation.outcome).toBe("go");
  });
});

describe("check and manual criteria", () => {
  it("takes check results from CI through an API key: pending until posted, then the latest counts, all kept", async () => {
    const project = await createTestProject(ws);
    const { gateId, ids } = await gateWith(project.id, [{ title: "CI workflows active and passing", type: "check" }]);
    expect((await evaluate(project.slug, gateId)).body.criteria[0].state).toBe("pending");
    const { key } = await createTestApiKey(ws, "write");
    const params = { ws: ws.slug, project: project.slug, gate: gateId, criterion: ids[0]! };
    const failed = await callRoute(checksRoute.POST, { method: "POST", as: as.apiKey(key), params, body: { status: "fail", summary: "2 jobs failed", commitSha: "a1b2c3d", url: "https://ci.example.com/run/1" } });
    expect(failed.status).toBe(201);
    expect((await evaluate(project.slug, gateId)).body.criteria[0]).toMatchObject({ state: "fail", latest: { summary: "2 jobs failed", commitSha: "a1b2c3d" } });
    await callRoute(checksRoute.POST, { method: "POST", as: as.apiKey(key), params, body: { status: "pass", summary: "green", buildRef: "run 2" } });
    expect((await evaluate(project.slug, gateId)).body.criteria[0].state).toBe("pass");
    expect(await ws.ctx.db.checkResult.count({ where: { criterionId: ids[0] } })).toBe(2);
    // Every result stays in the history, newest first, with the key that posted it.
    const history = await callRoute(historyRoute.GET, { as: as.user(ws.members.viewer), params });
    expect(history.status).toBe(200);
    expect(history.body.checks.map((c: { status: string; by: { type: string } }) => [c.status, c.by.type])).toEqual([["pass", "apiKey"], ["fail", "apiKey"]]);
    expect(history.body.checks[1]).toMatchObject({ summary: "2 jobs failed", commitSha: "a1b2c3d", url: "https://ci.example.com/run/1" });

    const read = await createTestApiKey(ws, "read");
    expect((await callRoute(checksRoute.POST, { method: "POST", as: as.apiKey(read.key), params, body: { status: "pass" } })).status).toBe(403);
    const bad = await callRoute(checksRoute.POST, { method: "POST", as: as.apiKey(key), params, body: { status: "green" } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].path).toBe("status");
  });

  it("lets a member mark a manual criterion with a justification, keeps the history, and refuses the wrong kind", async () => {
    const project = await createTestProject(ws);
    const { gateId, ids } = await gateWith(project.id, [
      { title: "Production checklist verified", type: "manual" },
      { title: "CI", type: "check" },
    ]);
    const params = { ws: ws.slug, project: project.slug, gate: gateId, criterion: ids[0]! };
    const first = await callRoute(marksRoute.POST, { method: "POST", as: as.user(ws.members.member), params, body: { result: "fail", justification: "Rollback steps missing", evidenceUrl: "https://wiki.example.com/deploy" } });
    expect(first.status).toBe(201);
    await callRoute(marksRoute.POST, { method: "POST", as: as.user(ws.members.admin), params, body: { result: "pass", justification: "Rollback documented and rehearsed" } });
    const evaluation = (await evaluate(project.slug, gateId)).body;
    expect(evaluation.criteria[0]).toMatchObject({ state: "pass", latest: { result: "pass", justification: "Rollback documented and rehearsed" } });
    expect(await ws.ctx.db.criterionMark.count({ where: { criterionId: ids[0] } })).toBe(2);
    expect(await ws.ctx.db.evidence.count({ where: { criterionId: ids[0] } })).toBe(1);
    // The earlier mark stays in the history with who made it; the evidence link too.
    const history = (await callRoute(historyRoute.GET, { as: as.user(ws.members.viewer), params })).body;
    expect(history.marks.map((m: { result: string; justification: string; by: { type: string } }) => [m.result, m.justification, m.by.type])).toEqual([
      ["pass", "Rollback documented and rehearsed", "user"],
      ["fail", "Rollback steps missing", "user"],
    ]);
    expect(history.evidence).toEqual([expect.objectContaining({ kind: "link", url: "https://wiki.example.com/deploy" })]);
    expect((await callRoute(historyRoute.GET, { as: as.user(ws.members.viewer), params: { ...params, criterion: "no-such-criterion" } })).status).toBe(404);

    expect((await callRoute(marksRoute.POST, { method: "POST", as: as.user(ws.members.viewer), params, body: { result: "pass", justification: "x" } })).status).toBe(403);
    expect((await callRoute(marksRoute.POST, { method: "POST", as: as.user(ws.members.member), params, body: { result: "pass", justification: "" } })).status).toBe(422);
    const wrongKind = await callRoute(marksRoute.POST, { method: "POST", as: as.user(ws.members.member), params: { ...params, criterion: ids[1]! }, body: { result: "pass", justification: "x" } });
    expect(wrongKind.status).toBe(409);
  });

  it("lists a project's gates with their criteria in order", async () => {
    const project = await createTestProject(ws);
    await gateWith(project.id, [
      { title: "First", type: "manual" },
      { title: "Second", type: "check", required: false },
    ]);
    const r = await callRoute(gatesRoute.GET, { as: as.user(ws.members.viewer), params: { ws: ws.slug, project: project.slug } });
    expect(r.status).toBe(200);
    expect(r.body.data[0].criteria.map((c: { title: string; required: boolean }) => [c.title, c.required])).toEqual([["First", true], ["Second", false]]);
    expect(r.body.data[0].lastDecision).toBeNull();
  });
});
