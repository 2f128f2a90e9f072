import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as resolveRoute from "@/app/api/v1/workspaces/[ws]/deferred-risks/[risk]/resolve/route";
import * as workspaceRisksRoute from "@/app/api/v1/workspaces/[ws]/deferred-risks/route";
import * as projectRisksRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/deferred-risks/route";
import * as checklistRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/checklist/route";
import * as checksRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/criteria/[criterion]/checks/route";
import * as historyRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/criteria/[criterion]/history/route";
import * as marksRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/criteria/[criterion]/marks/route";
import * as approvalsRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/decisions/[decision]/approvals/route";
import * as decisionsRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/decisions/route";
import * as evaluationRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/evaluation/route";
import * as gateRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/route";
import * as gatesRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/route";
import * as trendRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/trend/route";
import { as, createReleaseRegister, createTestApiKey, createTestProject, createWorkspace, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";
import { expectContract, expectEveryOperationChecked } from "@/test/harness/contract";

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  ws = await createWorkspace("gates-contract");
  other = await createWorkspace("gates-contract-other");
});

afterAll(() => expectEveryOperationChecked("Gates"));

/** A project with a required Phase 1 rule, a manual and a check criterion, and an advisory Phase 3 rule; two approvers, two sign-offs. */
async function setup() {
  const register = await createReleaseRegister(ws);
  return { ...register, projectParams: { ws: ws.slug, project: register.project.slug } };
}

describe("gate operations answer as the OpenAPI document says", () => {
  it("gates, criteria, marks, checks, decisions, sign-offs, deferred risks and the trend", async () => {
    const { project, owner, phase1, phase3, fix, polish, projectParams } = await setup();
    const member = as.user(ws.members.member);
    const admin = as.user(ws.members.admin);
    const viewer = as.user(ws.members.viewer);

    // Gates
    const gateBody = {
      name: "v1.0 release",
      targetDate: "2099-01-31",
      approverIds: [ws.members.admin.id, ws.owner.id],
      requiredApprovals: 2,
      criteria: [
        { title: "Phase 1 items complete", type: "rule", rule: { type: "all_done", filter: { phase: phase1.id } } },
        { title: "Rollback rehearsed", type: "manual" },
        { title: "CI green", type: "check" },
        { title: "Phase 3 polish deferred", type: "rule", required: false, rule: { type: "all_done", filter: { phase: phase3.id } } },
      ],
    };
    const created = await callRoute(gatesRoute.POST, { method: "POST", as: member, params: projectParams, body: gateBody });
    expectContract("createGate", created);
    expect(created.status).toBe(201);
    const badRule = await callRoute(gatesRoute.POST, { method: "POST", as: member, params: projectParams, body: { name: "Bad", criteria: [{ title: "Nope", type: "rule", rule: { type: "no_such_rule" } }] } });
    expect(badRule.status).toBe(422);
    expectContract("createGate", badRule);
    expectContract("createGate", await callRoute(gatesRoute.POST, { method: "POST", as: viewer, params: projectParams, body: { name: "Viewer gate" } }));
    expectContract("listGates", await callRoute(gatesRoute.GET, { as: viewer, params: projectParams }));

    const gateId: string = created.body.id;
    const [ruleId, manualId, checkId] = created.body.criteria.map((c: { id: string }) => c.id) as [string, string, string];
    const params = { ...projectParams, gate: gateId };

    const evaluated = await callRoute(gateRoute.GET, { as: viewer, params });
    expectContract("getGate", evaluated);
    expect(evaluated.body.recommendation.outcome).toBe("no_go");
    const otherProject = await createTestProject(other);
    const otherGate = await callRoute(gatesRoute.POST, { method: "POST", as: as.user(other.members.member), params: { ws: other.slug, project: otherProject.slug }, body: { name: "Theirs" } });
    const foreign = await callRoute(gateRoute.GET, { as: viewer, params: { ...projectParams, gate: otherGate.body.id } });
    expect(foreign.status).toBe(404);
    expectContract("getGate", foreign);
    expectContract("evaluateGate", await callRoute(evaluationRoute.GET, { as: viewer, params }));

    const checklist = await callRoute(checklistRoute.GET, { as: viewer, params });
    expect(checklist.headers.get("content-type")).toContain("text/markdown");
    expectContract("getGateChecklist", checklist);

    const kept = created.body.criteria.map(({ id, title, description, type, required, rule }: Record<string, unknown>) => ({ id, title, description, type, required, ...(rule ? { rule } : {}) }));
    expectContract("updateGate", await callRoute(gateRoute.PATCH, { method: "PATCH", as: member, params, body: { name: "v1.0 GA", criteria: kept } }));
    const typeChange = await callRoute(gateRoute.PATCH, { method: "PATCH", as: member, params, body: { criteria: [{ ...kept[1], type: "check" }] } });
    expect(typeChange.status).toBe(422);
    expectContract("updateGate", typeChange);

    // Marks and check results
    const key = await createTestApiKey(ws, "write");
    const criterion = (id: string) => ({ ...params, criterion: id });
    expectContract("postCheckResult", await callRoute(checksRoute.POST, { method: "POST", as: as.apiKey(key.key), params: criterion(checkId), body: { status: "fail", summary: "2 jobs failed", commitSha: "a1b2c3d", url: "https://ci.example.com/run/1" } }));
    expectContract("postCheckResult", await callRoute(checksRoute.POST, { method: "POST", as: as.apiKey(key.key), params: criterion(checkId), body: { status: "pass", buildRef: "run 2" } }));
    const checkOnManual = await callRoute(checksRoute.POST, { method: "POST", as: as.apiKey(key.key), params: criterion(manualId), body: { status: "pass" } });
    expect(checkOnManual.status).toBe(409);
    expectContract("postCheckResult", checkOnManual);
    expectContract("markCriterion", await callRoute(marksRoute.POST, { method: "POST", as: member, params: criterion(manualId), body: { result: "fail", justification: "Steps missing", evidenceUrl: "https://wiki.example.com/rollback" } }));
    const keyMark = await callRoute(marksRoute.POST, { method: "POST", as: as.apiKey(key.key), params: criterion(manualId), body: { result: "pass", justification: "CI says so" } });
    expect(keyMark.status).toBe(403);
    expectContract("markCriterion", keyMark);
    expectContract("markCriterion", await callRoute(marksRoute.POST, { method: "POST", as: member, params: criterion(ruleId), body: { result: "pass", justification: "x" } }));
    expectContract("getCriterionHistory", await callRoute(historyRoute.GET, { as: viewer, params: criterion(checkId) }));
    expectContract("getCriterionHistory", await callRoute(historyRoute.GET, { as: viewer, params: criterion(manualId) }));
    expectContract("getGate", await callRoute(gateRoute.GET, { as: viewer, params }));

    // Decisions and sign-offs
    const refused = await callRoute(decisionsRoute.POST, { method: "POST", as: admin, params, body: { outcome: "go", rationale: "Ship it", confidence: "high" } });
    expect(refused.status).toBe(409);
    expectContract("recordDecision", refused);
    expectContract("recordDecision", await callRoute(decisionsRoute.POST, { method: "POST", as: viewer, params, body: { outcome: "no_go", rationale: "No", confidence: "low" } }));
    const noGo = await callRoute(decisionsRoute.POST, { method: "POST", as: admin, params, body: { outcome: "no_go", rationale: "Token storage still open", confidence: "high" } });
    expectContract("recordDecision", noGo);
    const sign = (decision: string, caller = as.user(ws.owner)) => callRoute(approvalsRoute.POST, { method: "POST", as: caller, params: { ...params, decision } });
    expectContract("signDecision", await sign(noGo.body.id, admin));
    const signed = await sign(noGo.body.id);
    expect(signed.body.signedOff).toBe(true);
    expectContract("signDecision", signed);

    await ws.ctx.db.item.updateMany({ where: { projectId: project.id, number: fix.number }, data: { status: "done", closedAt: new Date() } });
    await ws.ctx.db.item.updateMany({ where: { projectId: project.id, number: polish.number }, data: { status: "deferred", ownerId: owner.id, dueDate: new Date("2099-06-30T00:00:00Z") } });
    await callRoute(marksRoute.POST, { method: "POST", as: member, params: criterion(manualId), body: { result: "pass", justification: "Rehearsed" } });
    const withoutRisks = await callRoute(decisionsRoute.POST, { method: "POST", as: admin, params, body: { outcome: "go_with_risks", rationale: "Polish can wait", confidence: "medium" } });
    expect(withoutRisks.status).toBe(422);
    expectContract("recordDecision", withoutRisks);
    const gwkr = await callRoute(decisionsRoute.POST, {
      method: "POST",
      as: admin,
      params,
      body: { outcome: "go_with_risks", rationale: "Polish can wait", confidence: "medium", deferredRisks: [{ itemKey: polish.key, ownerId: owner.id, dueDate: "2099-06-30", notes: "After launch" }] },
    });
    expect(gwkr.status).toBe(201);
    expectContract("recordDecision", gwkr);
    expectContract("signDecision", await sign(noGo.body.id));
    expectContract("listDecisions", await callRoute(decisionsRoute.GET, { as: viewer, params }));

    // Deferred risks
    expectContract("listDeferredRisks", await callRoute(workspaceRisksRoute.GET, { as: viewer, url: `/api/test?project=${project.slug}`, params: { ws: ws.slug } }));
    expectContract("listDeferredRisks", await callRoute(workspaceRisksRoute.GET, { as: viewer, url: "/api/test?status=maybe", params: { ws: ws.slug } }));
    const projectRisks = await callRoute(projectRisksRoute.GET, { as: viewer, params: projectParams });
    expectContract("listProjectDeferredRisks", projectRisks);
    const riskId: string = projectRisks.body.data[0].id;
    expectContract("resolveDeferredRisk", await callRoute(resolveRoute.POST, { method: "POST", as: member, params: { ws: ws.slug, risk: riskId }, body: { resolution: "Shipped in 1.0.1" } }));
    expectContract("resolveDeferredRisk", await callRoute(resolveRoute.POST, { method: "POST", as: member, params: { ws: ws.slug, risk: riskId }, body: { resolution: "Again" } }));
    expectContract("resolveDeferredRisk", await callRoute(resolveRoute.POST, { method: "POST", as: as.user(other.members.member), params: { ws: other.slug, risk: riskId }, body: { resolution: "Not theirs" } }));
    expectContract("listProjectDeferredRisks", await callRoute(projectRisksRoute.GET, { as: viewer, url: "/api/test?status=all", params: projectParams }));

    // Trend
    const trend = await callRoute(trendRoute.GET, { as: viewer, url: "/api/test?days=30", params: projectParams });
    expect(trend.body.forecast).not.toBeNull();
    expectContract("getProjectTrend", trend);
    expectContract("getProjectTrend", await callRoute(trendRoute.GET, { as: viewer, url: "/api/test?days=3", params: projectParams }));
    const bare = await createTestProject(ws);
    expectContract("getProjectTrend", await callRoute(trendRoute.GET, { as: viewer, params: { ws: ws.slug, project: bare.slug } }));

    // Deleting
    expectContract("deleteGate", await callRoute(gateRoute.DELETE, { method: "DELETE", as: member, params }));
    expectContract("deleteGate", await callRoute(gateRoute.DELETE, { method: "DELETE", as: admin, params }));
    expectContract("deleteGate", await callRoute(gateRoute.DELETE, { method: "DELETE", as: admin, params }));
  });

  it("a stored rule this version cannot read is listed as it is and evaluates pending with a problem", async () => {
    const project = await createTestProject(ws);
    const projectParams = { ws: ws.slug, project: project.slug };
    const created = await callRoute(gatesRoute.POST, { method: "POST", as: as.user(ws.members.member), params: projectParams, body: { name: "Legacy" } });
    await ws.ctx.db.criterion.create({ data: { workspaceId: ws.id, gateId: created.body.id, position: 0, title: "Old rule", type: "rule", rule: { type: "retired_rule", threshold: 3 } } });
    const listed = await callRoute(gatesRoute.GET, { as: as.user(ws.members.viewer), params: projectParams });
    expectContract("listGates", listed);
    expect(listed.body.data[0].criteria[0].rule).toEqual({ type: "retired_rule", threshold: 3 });
    const evaluation = await callRoute(evaluationRoute.GET, { as: as.user(ws.members.viewer), params: { ...projectParams, gate: created.body.id } });
    expectContract("evaluateGate", evaluation);
    expect(evaluation.body.criteria[0]).toMatchObject({ state: "pending", problem: expect.any(String) });
  });
});
