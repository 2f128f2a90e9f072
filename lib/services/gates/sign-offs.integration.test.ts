import { beforeAll, describe, expect, it } from "vitest";
import * as approvalsRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/decisions/[decision]/approvals/route";
import * as decisionsRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/decisions/route";
import * as gateRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/route";
import * as gatesRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/route";
import { as, createTestApiKey, createTestProject, createUser, createWorkspace, type TestUser, type TestWorkspace } from "@/test/factories";
import { callRoute, type As } from "@/test/harness/call-route";

let ws: TestWorkspace;
/** An owner-or-admin who is never named an approver unless a test says so. */
let admin2: TestUser;

beforeAll(async () => {
  ws = await createWorkspace("signoffs");
  admin2 = await createUser("signoffs-admin2");
  await ws.ctx.db.membership.create({ data: { workspaceId: ws.id, userId: admin2.id, role: "admin" } });
});

/** A gate without criteria (so its recommendation is Go and any outcome may be recorded). */
async function gate(body: { approverIds?: string[]; requiredApprovals?: number }) {
  const project = await createTestProject(ws);
  const r = await callRoute(gatesRoute.POST, { method: "POST", as: as.user(ws.owner), params: { ws: ws.slug, project: project.slug }, body: { name: "v1.0 release", ...body } });
  expect(r.status).toBe(201);
  return { project, params: { ws: ws.slug, project: project.slug, gate: r.body.id as string } };
}

const decide = (params: Record<string, string>, caller: As, outcome = "go") =>
  callRoute(decisionsRoute.POST, { method: "POST", as: caller, params, body: { outcome, rationale: "Everything passes", confidence: "high" } });
const sign = (params: Record<string, string>, decision: string, caller: As) => callRoute(approvalsRoute.POST, { method: "POST", as: caller, params: { ...params, decision } });

describe("decision sign-offs", () => {
  it("takes effect once two named approvers have signed, and refuses everyone else", async () => {
    const { params } = await gate({ approverIds: [ws.owner.id, ws.members.admin.id], requiredApprovals: 2 });

    const stranger = await decide(params, as.user(admin2));
    expect(stranger.status).toBe(403);
    expect(await ws.ctx.db.decision.count({ where: { gateId: params.gate } })).toBe(0);

    const recorded = await decide(params, as.user(ws.members.admin));
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ outcome: "go", requiredApprovals: 2, signedOff: false, superseded: false });
    expect(recorded.body.approvals).toHaveLength(1);
    expect(recorded.body.approvals[0].userId).toBe(ws.members.admin.id);
    const decisionId = recorded.body.id as string;

    const again = await sign(params, decisionId, as.user(ws.members.admin));
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe("already_signed");

    for (const caller of [as.user(ws.members.member), as.user(ws.members.viewer), as.user(admin2)]) {
      expect((await sign(params, decisionId, caller)).status).toBe(403);
    }
    const { key } = await createTestApiKey(ws, "admin");
    expect((await sign(params, decisionId, as.apiKey(key))).status).toBe(403);
    expect(await ws.ctx.db.decisionApproval.count({ where: { decisionId } })).toBe(1);

    const owner = await sign(params, decisionId, as.user(ws.owner));
    expect(owner.status).toBe(201);
    expect(owner.body).toMatchObject({ id: decisionId, signedOff: true, requiredApprovals: 2 });
    expect(owner.body.approvals.map((a: { userId: string }) => a.userId)).toEqual([ws.members.admin.id, ws.owner.id]);

    const third = await sign(params, decisionId, as.user(ws.owner));
    expect(third.status).toBe(409);
    expect(await ws.ctx.db.decisionApproval.count({ where: { decisionId } })).toBe(2);

    const listed = await callRoute(decisionsRoute.GET, { as: as.user(ws.members.viewer), params });
    expect(listed.body.data[0]).toMatchObject({ id: decisionId, signedOff: true });
    expect(listed.body.data[0].approvals).toHaveLength(2);
    const audit = await ws.ctx.db.auditEvent.findFirstOrThrow({ where: { action: "decision.signed", targetId: params.gate } });
    expect(audit).toMatchObject({ actorUserId: ws.owner.id, metadata: { decisionId, signatures: 2, required: 2 } });
  });

  it("refuses a sign-off once the decision has all it needs, even from another approver", async () => {
    const { params } = await gate({ approverIds: [ws.owner.id, ws.members.admin.id, admin2.id], requiredApprovals: 2 });
    const recorded = await decide(params, as.user(ws.members.admin));
    expect(recorded.body.signedOff).toBe(false);
    expect((await sign(params, recorded.body.id, as.user(ws.owner))).status).toBe(201);
    const late = await sign(params, recorded.body.id, as.user(admin2));
    expect(late.status).toBe(409);
    expect(late.body.error.details.reason).toBe("fully_signed");
    expect(await ws.ctx.db.decisionApproval.count({ where: { decisionId: recorded.body.id } })).toBe(2);
  });

  it("refuses to sign a decision that a newer one has superseded", async () => {
    const { params } = await gate({ approverIds: [ws.owner.id, ws.members.admin.id], requiredApprovals: 2 });
    const older = await decide(params, as.user(ws.members.admin));
    expect(older.status).toBe(201);
    const newer = await decide(params, as.user(ws.owner), "no_go");
    expect(newer.status).toBe(201);
    const r = await sign(params, older.body.id, as.user(ws.owner));
    expect(r.status).toBe(409);
    expect(r.body.error.details.reason).toBe("superseded");
    expect(await ws.ctx.db.decisionApproval.count({ where: { decisionId: older.body.id } })).toBe(1);

    const listed = await callRoute(decisionsRoute.GET, { as: as.user(ws.members.viewer), params });
    expect(listed.body.data.map((d: { id: string; superseded: boolean; signedOff: boolean }) => [d.id, d.superseded, d.signedOff])).toEqual([
      [newer.body.id, false, false],
      [older.body.id, true, false],
    ]);
    // The latest one can still be signed.
    expect((await sign(params, newer.body.id, as.user(ws.members.admin))).body.signedOff).toBe(true);
  });

  it("keeps the sign-offs required when the decision was recorded, even after the gate changes", async () => {
    const { params } = await gate({ approverIds: [ws.owner.id, ws.members.admin.id], requiredApprovals: 2 });
    const recorded = await decide(params, as.user(ws.members.admin));
    const patched = await callRoute(gateRoute.PATCH, { method: "PATCH", as: as.user(ws.owner), params, body: { requiredApprovals: 1 } });
    expect(patched.status).toBe(200);
    expect(patched.body.requiredApprovals).toBe(1);
    const listed = await callRoute(decisionsRoute.GET, { as: as.user(ws.members.viewer), params });
    expect(listed.body.data[0]).toMatchObject({ id: recorded.body.id, requiredApprovals: 2, signedOff: false });
  });

  it("with no approvers named and one sign-off required, any owner or admin decides and the decision is signed off at once", async () => {
    const { params } = await gate({});
    const r = await decide(params, as.user(admin2));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ requiredApprovals: 1, signedOff: true });
    expect(r.body.approvals.map((a: { userId: string }) => a.userId)).toEqual([admin2.id]);
    const extra = await sign(params, r.body.id, as.user(ws.owner));
    expect(extra.status).toBe(409);
    expect(extra.body.error.details.reason).toBe("fully_signed");
    expect((await decide(params, as.user(ws.members.member))).status).toBe(403);
  });

  it("404s on a decision of another gate", async () => {
    const a = await gate({});
    const b = await gate({});
    const onB = await decide(b.params, as.user(ws.owner));
    expect(onB.status).toBe(201);
    expect((await sign(a.params, onB.body.id, as.user(ws.members.admin))).status).toBe(404);
    expect((await sign(a.params, "no-such-decision", as.user(ws.members.admin))).status).toBe(404);
  });

  it("refuses a gate that requires more sign-offs than approvers named, or names a member as approver (422)", async () => {
    const project = await createTestProject(ws);
    const post = (body: unknown) => callRoute(gatesRoute.POST, { method: "POST", as: as.user(ws.owner), params: { ws: ws.slug, project: project.slug }, body });
    const tooMany = await post({ name: "G", approverIds: [ws.owner.id, ws.members.admin.id], requiredApprovals: 3 });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.details[0].path).toBe("requiredApprovals");
    const member = await post({ name: "G", approverIds: [ws.owner.id, ws.members.member.id] });
    expect(member.status).toBe(422);
    expect(member.body.error.details[0].path).toBe("approverIds.1");
    expect(await ws.ctx.db.gate.count({ where: { projectId: project.id } })).toBe(0);
    const ok = await post({ name: "G", approverIds: [ws.owner.id, ws.members.admin.id], requiredApprovals: 2 });
    expect(ok.status).toBe(201);
    expect(ok.body.requiredApprovals).toBe(2);
  });
});
