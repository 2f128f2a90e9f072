import { beforeAll, describe, expect, it } from "vitest";
import * as resolveRoute from "@/app/api/v1/workspaces/[ws]/deferred-risks/[risk]/resolve/route";
import * as workspaceRisksRoute from "@/app/api/v1/workspaces/[ws]/deferred-risks/route";
import * as decisionsRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/decisions/route";
import * as projectRisksRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/deferred-risks/route";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createItem } from "@/lib/services/items/create-item";
import { createOwner } from "@/lib/services/owners/owners";
import { createPhase } from "@/lib/services/phases/create-phase";
import { gateRule } from "@/lib/validation/gate";
import { createPhaseInput } from "@/lib/validation/phase";
import { as, createTestProject, createWorkspace, type TestWorkspace } from "@/test/factories";
import { callRoute, type As } from "@/test/harness/call-route";

const PAST = "2020-01-15";
const FUTURE = "2099-06-30";

type Risk = {
  id: string;
  title: string;
  itemKey: string | null;
  itemStatus: string | null;
  owner: { id: string; name: string };
  dueDate: string;
  overdue: boolean;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string;
  project: { slug: string; name: string };
  gate: { id: string; name: string };
  decision: { id: string; outcome: string; createdAt: string };
};

/**
 * A project whose gate allows Go with known risks: the required Phase 1 criterion
 * passes, and the two Phase 3 items failing the advisory all_done criterion are
 * deferred with an owner and a due date. Records that decision (risks listed
 * future first, so sorting is the list's doing).
 */
async function riskyDecision(ws: TestWorkspace) {
  const project = await createTestProject(ws);
  const owner = await createOwner({ ctx: ws.ctx, input: { name: `Polish ${project.slug}`, kind: "team" } });
  const phase1 = await createPhase({ ctx: ws.ctx, projectSlug: project.slug, input: createPhaseInput.parse({ name: "Phase 1" }) });
  const phase3 = await createPhase({ ctx: ws.ctx, projectSlug: project.slug, input: createPhaseInput.parse({ name: "Phase 3" }) });
  await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Fix token storage", phaseId: phase1.id, severity: "critical", status: "done" } });
  const later = await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Dark mode", phaseId: phase3.id, severity: "low" } });
  const overdue = await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Keyboard shortcuts", phaseId: phase3.id, severity: "medium" } });
  await ws.ctx.db.item.updateMany({ where: { projectId: project.id, phaseId: phase3.id }, data: { status: "deferred", ownerId: owner.id, dueDate: new Date(`${FUTURE}T00:00:00Z`) } });
  const gate = await ws.ctx.db.gate.create({ data: { workspaceId: ws.id, projectId: project.id, name: `Release ${project.slug}` } });
  const criteria = [
    { title: "Phase 1 items complete", required: true, rule: { type: "all_done", filter: { phase: phase1.id } } },
    { title: "Phase 3 polish deferred with owners and dates", required: false, rule: { type: "all_done", filter: { phase: phase3.id } } },
  ];
  for (const [position, c] of criteria.entries()) {
    await ws.ctx.db.criterion.create({ data: { workspaceId: ws.id, gateId: gate.id, position, title: c.title, type: "rule", required: c.required, rule: gateRule.parse(c.rule) as Prisma.InputJsonObject } });
  }
  const params = { ws: ws.slug, project: project.slug, gate: gate.id };
  const decision = await callRoute(decisionsRoute.POST, {
    method: "POST",
    as: as.user(ws.members.admin),
    params,
    body: {
      outcome: "go_with_risks",
      rationale: "Polish can wait",
      confidence: "medium",
      deferredRisks: [
        { itemKey: later.key, ownerId: owner.id, dueDate: FUTURE, notes: "After launch" },
        { itemKey: overdue.key.toLowerCase(), ownerId: owner.id, dueDate: PAST },
      ],
    },
  });
  expect(decision.status).toBe(201);
  return { project, owner, gate, params, decision: decision.body as { id: string; deferredRisks: { id: string; itemKey: string }[] }, later, overdue };
}

function listWorkspace(ws: TestWorkspace, query = "", caller: As = as.user(ws.members.viewer)) {
  return callRoute<{ total: number; data: Risk[] }>(workspaceRisksRoute.GET, { as: caller, url: `/api/v1/workspaces/${ws.slug}/deferred-risks${query}`, params: { ws: ws.slug } });
}
function listProject(ws: TestWorkspace, project: string, query = "", caller: As = as.user(ws.members.viewer)) {
  return callRoute<{ total: number; data: Risk[] }>(projectRisksRoute.GET, { as: caller, url: `/api/v1/workspaces/${ws.slug}/projects/${project}/deferred-risks${query}`, params: { ws: ws.slug, project } });
}
function resolve(ws: TestWorkspace, risk: string, body: unknown = { resolution: "Shipped in 1.0.1" }, caller: As = as.user(ws.members.member)) {
  return callRoute(resolveRoute.POST, { method: "POST", as: caller, params: { ws: ws.slug, risk }, body });
}

describe("deferred risks", () => {
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await createWorkspace("risks");
  });

  it("lists the risks the latest decision accepted, by due date, in the workspace and in the project", async () => {
    const fresh = await createWorkspace("risks-list");
    const a = await riskyDecision(fresh);
    const b = await riskyDecision(fresh);

    const all = await listWorkspace(fresh);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(4);
    expect(all.body.data.map((r) => r.dueDate)).toEqual([PAST, PAST, FUTURE, FUTURE]);

    const project = await listProject(fresh, a.project.slug);
    expect(project.status).toBe(200);
    expect(project.body.total).toBe(2);
    expect(project.body.data).toEqual([
      expect.objectContaining({
        title: "Keyboard shortcuts",
        itemKey: a.overdue.key,
        itemStatus: "deferred",
        owner: { id: a.owner.id, name: a.owner.name },
        dueDate: PAST,
        overdue: true,
        resolvedAt: null,
        resolvedBy: null,
        notes: "",
        project: { slug: a.project.slug, name: a.project.name },
        gate: { id: a.gate.id, name: a.gate.name },
        decision: expect.objectContaining({ id: a.decision.id, outcome: "go_with_risks" }),
      }),
      expect.objectContaining({ title: "Dark mode", itemKey: a.later.key, dueDate: FUTURE, overdue: false, notes: "After launch", decision: expect.objectContaining({ id: a.decision.id }) }),
    ]);
    // The workspace list has the same rows plus the other project's.
    expect(all.body.data.filter((r) => r.project.slug === a.project.slug).map((r) => r.id)).toEqual(project.body.data.map((r) => r.id));
    expect(all.body.data.filter((r) => r.project.slug === b.project.slug).map((r) => r.itemKey)).toEqual([b.overdue.key, b.later.key]);
    // The decision's own DTO names the items too.
    expect(a.decision.deferredRisks.map((r) => r.itemKey).sort()).toEqual([a.later.key, a.overdue.key].sort());

    const filtered = await listWorkspace(fresh, `?project=${b.project.slug}`);
    expect(filtered.body.data.map((r) => r.project.slug)).toEqual([b.project.slug, b.project.slug]);
  });

  it("drops the risks of a superseded decision from the open and all lists unless they were resolved", async () => {
    const { project, params, overdue, later } = await riskyDecision(ws);
    const open = (await listProject(ws, project.slug)).body.data;
    const pastRisk = open.find((r) => r.itemKey === overdue.key)!;
    const futureRisk = open.find((r) => r.itemKey === later.key)!;

    expect((await resolve(ws, pastRisk.id)).status).toBe(200);
    const noGo = await callRoute(decisionsRoute.POST, { method: "POST", as: as.user(ws.members.admin), params, body: { outcome: "no_go", rationale: "Rethinking", confidence: "low" } });
    expect(noGo.status).toBe(201);

    const afterOpen = await listProject(ws, project.slug, "?status=open");
    expect(afterOpen.body).toEqual({ total: 0, data: [] });
    const afterAll = await listProject(ws, project.slug, "?status=all");
    expect(afterAll.body.data.map((r) => r.id)).toEqual([pastRisk.id]);
    expect((await listWorkspace(ws, "?status=open")).body.data.map((r) => r.id)).not.toContain(futureRisk.id);

    // The superseded, unresolved risk can still be resolved by id, and is then listed as resolved.
    expect((await resolve(ws, futureRisk.id)).status).toBe(200);
    const resolved = await listProject(ws, project.slug, "?status=resolved");
    expect(resolved.body.data.map((r) => r.id)).toEqual([pastRisk.id, futureRisk.id]);
  });

  it("resolves a risk once, with who resolved it and how, and it is no longer overdue", async () => {
    const { project, overdue } = await riskyDecision(ws);
    const risk = (await listProject(ws, project.slug)).body.data.find((r) => r.itemKey === overdue.key)!;
    expect(risk.overdue).toBe(true);

    expect((await resolve(ws, risk.id, { resolution: "x" }, as.user(ws.members.viewer))).status).toBe(403);
    expect((await resolve(ws, risk.id, { resolution: "   " })).status).toBe(422);
    expect((await resolve(ws, risk.id, {})).status).toBe(422);

    const r = await resolve(ws, risk.id, { resolution: "Shortcuts shipped in 1.0.1" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: risk.id, resolution: "Shortcuts shipped in 1.0.1" });
    expect(new Date(r.body.resolvedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const member = await ws.ctx.db.user.findFirstOrThrow({ where: { id: ws.members.member.id }, select: { name: true, email: true } });
    const resolved = await listProject(ws, project.slug, "?status=resolved");
    expect(resolved.body.data).toEqual([
      expect.objectContaining({ id: risk.id, resolvedAt: r.body.resolvedAt, resolvedBy: member.name ?? member.email, resolution: "Shortcuts shipped in 1.0.1", overdue: false }),
    ]);
    // No longer open: the open list keeps only the other risk.
    expect((await listProject(ws, project.slug)).body.data.map((x) => x.id)).not.toContain(risk.id);
    expect((await listProject(ws, project.slug, "?status=all")).body.total).toBe(2);

    const again = await resolve(ws, risk.id, { resolution: "Twice" });
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe("already_resolved");
    expect((await ws.ctx.db.deferredRisk.findFirstOrThrow({ where: { id: risk.id } })).resolution).toBe("Shortcuts shipped in 1.0.1");
    expect(await ws.ctx.db.auditEvent.count({ where: { action: "deferred_risk.resolved", targetId: risk.id } })).toBe(1);
  });

  it("404s on an unknown risk and on another workspace's risk", async () => {
    expect((await resolve(ws, "no-such-risk")).status).toBe(404);
    const other = await createWorkspace("risks-other");
    const { project } = await riskyDecision(other);
    const foreign = (await listProject(other, project.slug)).body.data[0]!;
    expect((await resolve(ws, foreign.id)).status).toBe(404);
    expect((await ws.ctx.db.deferredRisk.count({ where: { id: foreign.id } }))).toBe(0);
    expect((await other.ctx.db.deferredRisk.findFirstOrThrow({ where: { id: foreign.id } })).resolvedAt).toBeNull();
  });

  it("refuses a bad status or an unknown query parameter (422)", async () => {
    const bad = await listWorkspace(ws, "?status=closed");
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ error: { details: [{ path: "status" }] } });
    expect((await listWorkspace(ws, "?sort=due")).status).toBe(422);
    const { project } = await riskyDecision(ws);
    expect((await listProject(ws, project.slug, "?status=overdue")).status).toBe(422);
    // The project route takes its project from the path, not the query.
    expect((await listProject(ws, project.slug, "?project=other")).status).toBe(422);
    expect((await listWorkspace(ws, "?project=no-such-project")).status).toBe(404);
  });
});
