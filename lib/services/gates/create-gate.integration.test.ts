import { beforeAll, describe, expect, it } from "vitest";
import * as gateRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/route";
import * as gatesRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/route";
import { createPhase } from "@/lib/services/phases/create-phase";
import { createPhaseInput } from "@/lib/validation/phase";
import { as, createTestProject, createUser, createWorkspace, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace("gate-crud");
});

describe("creating and deleting gates", () => {
  it("creates a gate with ordered criteria of every kind and approvers, and evaluates it at once", async () => {
    const project = await createTestProject(ws);
    const phase = await createPhase({ ctx: ws.ctx, projectSlug: project.slug, input: createPhaseInput.parse({ name: "Phase 1" }) });
    const r = await callRoute(gatesRoute.POST, {
      method: "POST",
      as: as.user(ws.members.member),
      params: { ws: ws.slug, project: project.slug },
      body: {
        name: "v1.0 release",
        targetDate: "2026-12-13",
        approverIds: [ws.members.admin.id],
        criteria: [
          { title: "Phase 1 items complete", type: "rule", rule: { type: "all_done", filter: { phase: phase.id } } },
          { title: "CI green", type: "check" },
          { title: "Deploy checklist verified", type: "manual", required: false },
        ],
      },
    });
    expect(r.status).toBe(201);
    expect(r.body.criteria.map((c: { title: string; type: string; required: boolean }) => [c.title, c.type, c.required])).toEqual([
      ["Phase 1 items complete", "rule", true],
      ["CI green", "check", true],
      ["Deploy checklist verified", "manual", false],
    ]);
    const evaluation = await callRoute(gateRoute.GET, { as: as.user(ws.members.viewer), params: { ws: ws.slug, project: project.slug, gate: r.body.id } });
    expect(evaluation.body.criteria.map((c: { state: string }) => c.state)).toEqual(["pass", "pending", "pending"]);
    expect(evaluation.body.recommendation.outcome).toBe("no_go");
    expect(await ws.ctx.db.gateApprover.count({ where: { gateId: r.body.id } })).toBe(1);
  });

  it("refuses malformed criteria, unknown phases and approvers who are not members (422), and viewers (403)", async () => {
    const project = await createTestProject(ws);
    const post = (body: unknown, caller = as.user(ws.owner)) => callRoute(gatesRoute.POST, { method: "POST", as: caller, params: { ws: ws.slug, project: project.slug }, body });
    const noRule = await post({ name: "G", criteria: [{ title: "x", type: "rule" }] });
    expect(noRule.status).toBe(422);
    expect(noRule.body.error.details[0].path).toBe("criteria.0.rule");
    expect((await post({ name: "G", criteria: [{ title: "x", type: "manual", rule: { type: "no_open_blockers" } }] })).status).toBe(422);
    expect((await post({ name: "G", criteria: [{ title: "x", type: "rule", rule: { type: "all_done", filter: { phase: "no-such-phase" } } }] })).status).toBe(422);
    const stranger = await createUser("gate-stranger");
    const approver = await post({ name: "G", approverIds: [stranger.id] });
    expect(approver.status).toBe(422);
    expect(approver.body.error.details[0].path).toBe("approverIds.0");
    expect((await post({ name: "G" }, as.user(ws.members.viewer))).status).toBe(403);
    expect(await ws.ctx.db.gate.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("lets only owners and admins delete a gate, with its decisions", async () => {
    const project = await createTestProject(ws);
    const created = await callRoute(gatesRoute.POST, { method: "POST", as: as.user(ws.owner), params: { ws: ws.slug, project: project.slug }, body: { name: "Doomed" } });
    const params = { ws: ws.slug, project: project.slug, gate: created.body.id };
    expect((await callRoute(gateRoute.DELETE, { method: "DELETE", as: as.user(ws.members.member), params })).status).toBe(403);
    expect((await callRoute(gateRoute.DELETE, { method: "DELETE", as: as.user(ws.members.admin), params })).status).toBe(204);
    expect((await callRoute(gateRoute.GET, { as: as.user(ws.owner), params })).status).toBe(404);
  });
});
