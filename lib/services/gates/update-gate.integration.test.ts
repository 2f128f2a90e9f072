import { beforeAll, describe, expect, it } from "vitest";
import * as marksRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/criteria/[criterion]/marks/route";
import * as evaluationRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/evaluation/route";
import * as gateRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/route";
import * as gatesRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/route";
import { createItem } from "@/lib/services/items/create-item";
import { createPhase } from "@/lib/services/phases/create-phase";
import { createPhaseInput } from "@/lib/validation/phase";
import { as, createTestProject, createWorkspace, type TestWorkspace } from "@/test/factories";
import { callRoute, type As } from "@/test/harness/call-route";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace("gate-update");
});

type Criterion = { id: string; title: string; description: string; type: string; required: boolean; position: number; rule: unknown };

/** A project with two phases and a gate of three criteria (manual, rule on Phase 1, check), created through the route. */
async function setup(extra: Record<string, unknown> = {}) {
  const project = await createTestProject(ws);
  const phase1 = await createPhase({ ctx: ws.ctx, projectSlug: project.slug, input: createPhaseInput.parse({ name: "Phase 1" }) });
  const phase2 = await createPhase({ ctx: ws.ctx, projectSlug: project.slug, input: createPhaseInput.parse({ name: "Phase 2" }) });
  const created = await callRoute(gatesRoute.POST, {
    method: "POST",
    as: as.user(ws.owner),
    params: { ws: ws.slug, project: project.slug },
    body: {
      name: "v1.0 release",
      description: "First cut",
      targetDate: "2026-12-13",
      criteria: [
        { title: "Deploy checklist verified", type: "manual" },
        { title: "Phase 1 complete", type: "rule", rule: { type: "all_done", filter: { phase: phase1.id } } },
        { title: "CI green", type: "check", required: false },
      ],
      ...extra,
    },
  });
  expect(created.status).toBe(201);
  const [manual, rule, check] = created.body.criteria as Criterion[];
  const params = { ws: ws.slug, project: project.slug, gate: created.body.id as string };
  return { project, phase1, phase2, gateId: created.body.id as string, manual: manual!, rule: rule!, check: check!, params };
}

const patch = (params: Record<string, string>, body: unknown, caller: As = as.user(ws.members.admin)) => callRoute(gateRoute.PATCH, { method: "PATCH", as: caller, params, body });

async function gateRow(gateId: string) {
  return ws.ctx.db.gate.findFirstOrThrow({ where: { id: gateId }, include: { criteria: { orderBy: { position: "asc" } }, approvers: { select: { userId: true } } } });
}

describe("PATCH a gate", () => {
  it("renames it and changes its description and target date, then clears the date", async () => {
    const { params, gateId } = await setup();
    const r = await patch(params, { name: "v1.1 release", description: "Second cut", targetDate: "2027-01-31" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: gateId, name: "v1.1 release", description: "Second cut", targetDate: "2027-01-31T00:00:00.000Z" });
    // Criteria were not sent, so they are untouched.
    expect(r.body.criteria.map((c: Criterion) => c.title)).toEqual(["Deploy checklist verified", "Phase 1 complete", "CI green"]);
    const row = await gateRow(gateId);
    expect(row).toMatchObject({ name: "v1.1 release", description: "Second cut" });
    expect(row.targetDate?.toISOString()).toBe("2027-01-31T00:00:00.000Z");

    const cleared = await patch(params, { targetDate: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ name: "v1.1 release", targetDate: null });
    expect((await gateRow(gateId)).targetDate).toBeNull();
  });

  it("replaces the criteria list: kept ones keep their marks, omitted ones go, new ones are added, order follows the list", async () => {
    const { project, params, gateId, manual, rule, check, phase2 } = await setup();
    const item = await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Phase 2 work", phaseId: phase2.id } });
    const mark = await callRoute(marksRoute.POST, {
      method: "POST",
      as: as.user(ws.members.member),
      params: { ...params, criterion: manual.id },
      body: { result: "pass", justification: "Rollback rehearsed" },
    });
    expect(mark.status).toBe(201);

    const r = await patch(params, {
      criteria: [
        { title: "Security review signed", type: "manual", required: false, description: "By the security team" },
        { id: rule.id, title: "Phase 2 complete", type: "rule", rule: { type: "all_done", filter: { phase: phase2.id } } },
        { id: manual.id, title: "Deploy checklist verified (v2)", type: "manual" },
      ],
    });
    expect(r.status).toBe(200);
    const criteria = r.body.criteria as Criterion[];
    expect(criteria.map((c) => [c.title, c.type, c.required, c.position])).toEqual([
      ["Security review signed", "manual", false, 0],
      ["Phase 2 complete", "rule", true, 1],
      ["Deploy checklist verified (v2)", "manual", true, 2],
    ]);
    expect(criteria[0]!.id).not.toBe(manual.id);
    expect(criteria[0]!.description).toBe("By the security team");
    expect(criteria[1]!.id).toBe(rule.id);
    expect(criteria[2]!.id).toBe(manual.id);
    expect(criteria[1]!.rule).toEqual({ type: "all_done", filter: { phase: phase2.id } });
    expect(criteria.map((c) => c.id)).not.toContain(check.id);
    expect(await ws.ctx.db.criterion.count({ where: { id: check.id } })).toBe(0);

    const evaluation = await callRoute(evaluationRoute.GET, { as: as.user(ws.members.viewer), params });
    expect(evaluation.status).toBe(200);
    const byId = new Map((evaluation.body.criteria as { id: string; failingItems: { key: string }[] }[]).map((c) => [c.id, c]));
    // The kept manual criterion still shows the mark recorded before the update.
    expect(byId.get(manual.id)).toMatchObject({ state: "pass", latest: { result: "pass", justification: "Rollback rehearsed" } });
    // The kept rule criterion evaluates its new rule (Phase 2), not the old one (Phase 1, empty).
    expect(byId.get(rule.id)).toMatchObject({ state: "fail", failingCount: 1 });
    expect(byId.get(rule.id)!.failingItems.map((i) => i.key)).toEqual([item.key]);
    expect(await ws.ctx.db.criterionMark.count({ where: { criterionId: manual.id } })).toBe(1);

    const event = await ws.ctx.db.auditEvent.findFirstOrThrow({ where: { action: "gate.updated", targetId: gateId }, orderBy: { createdAt: "desc" } });
    expect(event).toMatchObject({ actorUserId: ws.members.admin.id, targetType: "gate" });
    expect(event.metadata).toEqual({ fields: [], criteria: { added: 1, updated: 2, removed: 1 } });
  });

  it("refuses to change a kept criterion's type, naming criteria.N.type, and changes nothing", async () => {
    const { params, gateId, manual, rule, check } = await setup();
    const r = await patch(params, {
      name: "Renamed",
      criteria: [
        { id: rule.id, title: "Phase 1 complete", type: "rule", rule: rule.rule },
        { id: manual.id, title: "Now a check", type: "check" },
      ],
    });
    expect(r.status).toBe(422);
    expect(r.body.error.details[0].path).toBe("criteria.1.type");
    const row = await gateRow(gateId);
    expect(row.name).toBe("v1.0 release");
    expect(row.criteria.map((c) => [c.id, c.type])).toEqual([
      [manual.id, "manual"],
      [rule.id, "rule"],
      [check.id, "check"],
    ]);
  });

  it("refuses a criterion id of another gate (422) and rolls back the approvers changed in the same request", async () => {
    const { params, gateId, manual } = await setup();
    const other = await setup();
    const r = await patch(params, {
      approverIds: [ws.members.admin.id],
      criteria: [
        { id: manual.id, title: "Deploy checklist verified", type: "manual" },
        { id: other.manual.id, title: "Stolen", type: "manual" },
      ],
    });
    expect(r.status).toBe(422);
    expect(r.body.error.details[0].path).toBe("criteria.1.id");
    const row = await gateRow(gateId);
    expect(row.approvers).toEqual([]);
    expect(row.criteria).toHaveLength(3);
    // The other gate's criterion is untouched.
    expect((await ws.ctx.db.criterion.findFirstOrThrow({ where: { id: other.manual.id } })).gateId).toBe(other.gateId);

    const twice = await patch(params, {
      criteria: [
        { id: manual.id, title: "A", type: "manual" },
        { id: manual.id, title: "B", type: "manual" },
      ],
    });
    expect(twice.status).toBe(422);
    expect(twice.body.error.details[0].path).toBe("criteria.1.id");
  });

  it("refuses a rule naming another project's phase (422) and leaves the gate as it was", async () => {
    const { params, gateId, manual, rule, check } = await setup();
    const other = await setup();
    const r = await patch(params, {
      name: "Should not stick",
      description: "Should not stick either",
      criteria: [
        { id: manual.id, title: "Deploy checklist verified", type: "manual" },
        { title: "Other project's phase", type: "rule", rule: { type: "all_done", filter: { phase: other.phase1.id } } },
      ],
    });
    expect(r.status).toBe(422);
    expect(r.body.error.details[0].path).toBe("criteria.1.rule.filter.phase");
    const row = await gateRow(gateId);
    expect(row).toMatchObject({ name: "v1.0 release", description: "First cut" });
    expect(row.criteria.map((c) => c.id)).toEqual([manual.id, rule.id, check.id]);
  });

  it("validates approvers and required sign-offs", async () => {
    const { params, gateId } = await setup();
    const member = await patch(params, { approverIds: [ws.members.owner.id, ws.members.member.id] });
    expect(member.status).toBe(422);
    expect(member.body.error.details[0].path).toBe("approverIds.1");
    const viewer = await patch(params, { approverIds: [ws.members.viewer.id] });
    expect(viewer.status).toBe(422);
    expect((await gateRow(gateId)).approvers).toEqual([]);

    // In the body: more sign-offs than approvers named.
    const tooMany = await patch(params, { approverIds: [ws.members.owner.id], requiredApprovals: 2 });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.details[0].path).toBe("requiredApprovals");

    const ok = await patch(params, { approverIds: [ws.members.owner.id, ws.members.admin.id, ws.members.owner.id], requiredApprovals: 2 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ requiredApprovals: 2 });
    expect([...ok.body.approverIds].sort()).toEqual([ws.members.owner.id, ws.members.admin.id].sort());

    // Against the approvers already on the gate: 3 sign-offs from 2 approvers.
    const againstStored = await patch(params, { requiredApprovals: 3 });
    expect(againstStored.status).toBe(422);
    expect(againstStored.body.error.details[0].path).toBe("requiredApprovals");
    expect((await gateRow(gateId)).requiredApprovals).toBe(2);

    // Dropping to one approver while two sign-offs are required is refused too.
    const shrink = await patch(params, { approverIds: [ws.members.owner.id] });
    expect(shrink.status).toBe(422);
    expect((await gateRow(gateId)).approvers).toHaveLength(2);

    const outOfRange = await patch(params, { requiredApprovals: 0 });
    expect(outOfRange.status).toBe(422);
  });

  it("refuses an empty body and unknown keys (422)", async () => {
    const { params, gateId } = await setup();
    const empty = await patch(params, {});
    expect(empty.status).toBe(422);
    const unknown = await patch(params, { name: "x", color: "red" });
    expect(unknown.status).toBe(422);
    const blankName = await patch(params, { name: "   " });
    expect(blankName.status).toBe(422);
    expect(blankName.body.error.details[0].path).toBe("name");
    expect((await gateRow(gateId)).name).toBe("v1.0 release");
  });

  it("lets a member edit, refuses a viewer (403), and 404s on another project's gate", async () => {
    const { params, gateId } = await setup();
    const viewer = await patch(params, { name: "By viewer" }, as.user(ws.members.viewer));
    expect(viewer.status).toBe(403);
    expect((await gateRow(gateId)).name).toBe("v1.0 release");

    const member = await patch(params, { name: "By member" }, as.user(ws.members.member));
    expect(member.status).toBe(200);
    expect(member.body.name).toBe("By member");
    const event = await ws.ctx.db.auditEvent.findFirstOrThrow({ where: { action: "gate.updated", targetId: gateId } });
    expect(event).toMatchObject({ actorUserId: ws.members.member.id, targetType: "gate", metadata: { fields: ["name"] } });

    const other = await setup();
    const crossProject = await patch({ ...params, gate: other.gateId }, { name: "Wrong project" });
    expect(crossProject.status).toBe(404);
    expect((await gateRow(other.gateId)).name).toBe("v1.0 release");
  });
});
