import { beforeAll, describe, expect, it } from "vitest";
import * as ownersRoute from "@/app/api/v1/workspaces/[ws]/owners/route";
import * as phasesRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/phases/route";
import * as phaseRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/phases/[phase]/route";
import * as itemsRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/items/route";
import * as itemRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/items/[key]/route";
import { createOwner } from "@/lib/services/owners/owners";
import { as, createTestApiKey, createTestProject, createWorkspace, unique, type TestUser, type TestWorkspace } from "@/test/factories";
import { callRoute, type As } from "@/test/harness/call-route";

type Project = { slug: string; id: string; keyPrefix: string };

interface PhaseBody {
  id: string;
  name: string;
  position: number;
  estimateDays: number | null;
  defaultOwner: { id: string; name: string } | null;
  dependsOn: string[];
  progress: { total: number; done: number; open: Record<string, number>; all: Record<string, number> };
  critical: boolean;
}

function who(caller: TestUser | As): As {
  return caller && "email" in caller ? as.user(caller) : caller;
}

function postPhase(ws: TestWorkspace, project: Project, body: unknown, caller: TestUser | As = ws.owner) {
  return callRoute(phasesRoute.POST, { method: "POST", as: who(caller), params: { ws: ws.slug, project: project.slug }, body });
}

async function newPhase(ws: TestWorkspace, project: Project, body: Record<string, unknown>): Promise<PhaseBody> {
  const r = await postPhase(ws, project, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

function patchPhase(ws: TestWorkspace, project: Project, id: string, body: unknown, caller: TestUser | As = ws.owner) {
  return callRoute(phaseRoute.PATCH, { method: "PATCH", as: who(caller), params: { ws: ws.slug, project: project.slug, phase: id }, body });
}

function deletePhase(ws: TestWorkspace, project: Project, id: string, caller: TestUser | As = ws.owner) {
  return callRoute(phaseRoute.DELETE, { method: "DELETE", as: who(caller), params: { ws: ws.slug, project: project.slug, phase: id } });
}

async function listPhases(ws: TestWorkspace, project: Project, caller: TestUser | As = ws.owner) {
  const r = await callRoute(phasesRoute.GET, { as: who(caller), params: { ws: ws.slug, project: project.slug } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { data: PhaseBody[]; criticalPath: { phaseIds: string[]; totalDays: number } };
}

async function order(ws: TestWorkspace, project: Project) {
  return (await listPhases(ws, project)).data.map((p) => [p.name, p.position]);
}

async function newItem(ws: TestWorkspace, project: Project, body: Record<string, unknown>) {
  const r = await callRoute(itemsRoute.POST, { method: "POST", as: as.user(ws.owner), params: { ws: ws.slug, project: project.slug }, body: { title: unique("Item"), ...body } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { key: string; id: string };
}

describe("phases API", () => {
  let ws: TestWorkspace;
  let other: TestWorkspace;

  beforeAll(async () => {
    ws = await createWorkspace("phases");
    other = await createWorkspace("phases-other");
  });

  it("creates phases in order with their dependencies (201)", async () => {
    const project = await createTestProject(ws);
    const p0 = await newPhase(ws, project, { name: "Phase 0", objective: "Scope", estimate: "1 week", estimateDays: 5 });
    const p1 = await newPhase(ws, project, { name: "Phase 1", dependsOn: [p0.id] });
    const p2 = await newPhase(ws, project, { name: "Phase 2", dependsOn: [p1.id, p0.id, p0.id] });
    expect(p0).toMatchObject({ name: "Phase 0", position: 0, objective: "Scope", estimate: "1 week", estimateDays: 5, dependsOn: [], defaultOwner: null });
    expect(p1).toMatchObject({ position: 1, dependsOn: [p0.id] });
    expect(p2.position).toBe(2);
    expect([...p2.dependsOn].sort()).toEqual([p0.id, p1.id].sort());

    const list = await listPhases(ws, project);
    expect(list.data.map((p) => p.name)).toEqual(["Phase 0", "Phase 1", "Phase 2"]);
    expect(await ws.ctx.db.auditEvent.count({ where: { action: "phase.created", targetId: { in: [p0.id, p1.id, p2.id] } } })).toBe(3);
  });

  it("refuses a dependency that closes a cycle (422 naming the phases) and changes nothing", async () => {
    const project = await createTestProject(ws);
    const p0 = await newPhase(ws, project, { name: "Phase 0" });
    const p1 = await newPhase(ws, project, { name: "Phase 1", dependsOn: [p0.id] });
    const p2 = await newPhase(ws, project, { name: "Phase 2", dependsOn: [p1.id] });

    const r = await patchPhase(ws, project, p0.id, { dependsOn: [p2.id] });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("dependency_cycle");
    expect(r.body.error.details.cycle).toEqual(["Phase 0", "Phase 2", "Phase 1", "Phase 0"]);
    expect(r.body.error.message).toContain("Phase 0 → Phase 2 → Phase 1 → Phase 0");

    // Other fields sent with the refused dependency are not written either.
    const withFields = await patchPhase(ws, project, p0.id, { name: "Renamed", estimateDays: 9, dependsOn: [p2.id] });
    expect(withFields.status).toBe(422);
    expect(withFields.body.error.code).toBe("dependency_cycle");

    const after = await listPhases(ws, project);
    expect(after.data.map((p) => ({ name: p.name, estimateDays: p.estimateDays, dependsOn: p.dependsOn }))).toEqual([
      { name: "Phase 0", estimateDays: null, dependsOn: [] },
      { name: "Phase 1", estimateDays: null, dependsOn: [p0.id] },
      { name: "Phase 2", estimateDays: null, dependsOn: [p1.id] },
    ]);
    expect(await ws.ctx.db.auditEvent.count({ where: { action: "phase.updated", targetId: p0.id } })).toBe(0);

    // A direct two-phase cycle and a self-dependency are refused too.
    const two = await patchPhase(ws, project, p0.id, { dependsOn: [p1.id] });
    expect(two.status).toBe(422);
    expect(two.body.error.details.cycle).toEqual(["Phase 0", "Phase 1", "Phase 0"]);
    const self = await patchPhase(ws, project, p1.id, { dependsOn: [p0.id, p1.id] });
    expect(self.status).toBe(422);
    expect(self.body.error.code).toBe("dependency_cycle");
    expect(self.body.error.details.cycle).toEqual(["Phase 1", "Phase 1"]);
    expect((await listPhases(ws, project)).data[1]!.dependsOn).toEqual([p0.id]);
  });

  it("replaces dependencies on PATCH and refuses unknown or another project's phases (422)", async () => {
    const project = await createTestProject(ws);
    const elsewhere = await createTestProject(ws);
    const foreign = await newPhase(ws, elsewhere, { name: "Foreign" });
    const a = await newPhase(ws, project, { name: "A" });
    const b = await newPhase(ws, project, { name: "B" });
    const c = await newPhase(ws, project, { name: "C", dependsOn: [a.id] });

    const replaced = await patchPhase(ws, project, c.id, { dependsOn: [b.id] });
    expect(replaced.status).toBe(200);
    expect(replaced.body.dependsOn).toEqual([b.id]);

    for (const id of ["no-such-phase", foreign.id]) {
      const r = await patchPhase(ws, project, c.id, { dependsOn: [a.id, id] });
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe("validation_failed");
      expect(r.body.error.details).toEqual([expect.objectContaining({ path: "dependsOn" })]);
      const created = await postPhase(ws, project, { name: unique("D"), dependsOn: [id] });
      expect(created.status).toBe(422);
    }
    const list = await listPhases(ws, project);
    expect(list.data.map((p) => p.name)).toEqual(["A", "B", "C"]);
    expect(list.data[2]!.dependsOn).toEqual([b.id]);
    expect((await listPhases(ws, elsewhere)).data).toHaveLength(1);
  });

  it("reorders with position, renumbering 0..n-1 without gaps", async () => {
    const project = await createTestProject(ws);
    const [a, , c, d] = [
      await newPhase(ws, project, { name: "A" }),
      await newPhase(ws, project, { name: "B" }),
      await newPhase(ws, project, { name: "C" }),
      await newPhase(ws, project, { name: "D" }),
    ];
    expect(await order(ws, project)).toEqual([["A", 0], ["B", 1], ["C", 2], ["D", 3]]);

    const moved = await patchPhase(ws, project, d!.id, { position: 0 });
    expect(moved.status).toBe(200);
    expect(moved.body.position).toBe(0);
    expect(await order(ws, project)).toEqual([["D", 0], ["A", 1], ["B", 2], ["C", 3]]);

    expect((await patchPhase(ws, project, a!.id, { position: 99 })).status).toBe(200);
    expect(await order(ws, project)).toEqual([["D", 0], ["B", 1], ["C", 2], ["A", 3]]);

    expect((await patchPhase(ws, project, c!.id, { position: 1 })).status).toBe(200);
    expect(await order(ws, project)).toEqual([["D", 0], ["C", 1], ["B", 2], ["A", 3]]);

    // Creating at a position inserts there.
    const e = await newPhase(ws, project, { name: "E", position: 2 });
    expect(e.position).toBe(2);
    expect(await order(ws, project)).toEqual([["D", 0], ["C", 1], ["E", 2], ["B", 3], ["A", 4]]);

    expect((await patchPhase(ws, project, a!.id, { position: -1 })).status).toBe(422);
    expect((await patchPhase(ws, project, a!.id, { position: 1.5 })).status).toBe(422);
  });

  it("deletes a phase (204): renumbers the rest, leaves its items without a phase and drops dependencies on it", async () => {
    const project = await createTestProject(ws);
    const a = await newPhase(ws, project, { name: "A" });
    const b = await newPhase(ws, project, { name: "B", dependsOn: [a.id] });
    const c = await newPhase(ws, project, { name: "C", dependsOn: [b.id] });
    const d = await newPhase(ws, project, { name: "D" });
    const i1 = await newItem(ws, project, { phaseId: b.id });
    const i2 = await newItem(ws, project, { phaseId: b.id, status: "done" });
    const i3 = await newItem(ws, project, { phaseId: c.id });

    const r = await deletePhase(ws, project, b.id);
    expect(r.status).toBe(204);
    expect(await order(ws, project)).toEqual([["A", 0], ["C", 1], ["D", 2]]);
    const list = await listPhases(ws, project);
    expect(list.data.find((p) => p.id === c.id)!.dependsOn).toEqual([]);
    expect(list.data.find((p) => p.id === d.id)!.position).toBe(2);

    for (const item of [i1, i2]) {
      const got = await callRoute(itemRoute.GET, { as: as.user(ws.owner), params: { ws: ws.slug, project: project.slug, key: item.key } });
      expect(got.status).toBe(200);
      expect(got.body.phase).toBeNull();
    }
    const kept = await callRoute(itemRoute.GET, { as: as.user(ws.owner), params: { ws: ws.slug, project: project.slug, key: i3.key } });
    expect(kept.body.phase).toEqual({ id: c.id, name: "C" });

    const events = await ws.ctx.db.auditEvent.findMany({ where: { action: "phase.deleted", targetId: b.id } });
    expect(events).toHaveLength(1);
    expect(events[0]!.metadata).toMatchObject({ name: "B" });

    expect((await deletePhase(ws, project, b.id)).status).toBe(404);
    expect((await patchPhase(ws, project, b.id, { name: "Ghost" })).status).toBe(404);
  });

  it("reports progress per phase: total, done and open by severity, matching the items", async () => {
    const project = await createTestProject(ws);
    const x = await newPhase(ws, project, { name: "X" });
    const y = await newPhase(ws, project, { name: "Y" });
    await newPhase(ws, project, { name: "Empty" });
    const items: [string, string, string][] = [
      [x.id, "critical", "open"],
      [x.id, "critical", "done"],
      [x.id, "high", "in_progress"],
      [x.id, "high", "blocked"],
      [x.id, "medium", "wont_fix"],
      [x.id, "low", "deferred"],
      [x.id, "low", "in_review"],
      [y.id, "medium", "open"],
      [y.id, "medium", "done"],
    ];
    for (const [phaseId, severity, status] of items) await newItem(ws, project, { phaseId, severity, status });
    await newItem(ws, project, { severity: "critical" }); // no phase: counted nowhere

    const list = await listPhases(ws, project, ws.members.viewer);
    const byName = Object.fromEntries(list.data.map((p) => [p.name, p.progress]));
    expect(byName.X).toEqual({
      total: 7,
      done: 2,
      open: { critical: 1, high: 2, medium: 0, low: 1 },
      all: { critical: 2, high: 2, medium: 1, low: 2 },
    });
    expect(byName.Y).toEqual({ total: 2, done: 1, open: { critical: 0, high: 0, medium: 1, low: 0 }, all: { critical: 0, high: 0, medium: 2, low: 0 } });
    expect(byName.Empty).toEqual({ total: 0, done: 0, open: { critical: 0, high: 0, medium: 0, low: 0 }, all: { critical: 0, high: 0, medium: 0, low: 0 } });

    // Progress follows the items: close one, move one to another phase.
    const open = await callRoute(itemsRoute.GET, { as: as.user(ws.owner), params: { ws: ws.slug, project: project.slug }, url: `/api/x?phase=${x.id}&severity=critical&status=open` });
    const key = open.body.data[0].key;
    expect((await callRoute(itemRoute.PATCH, { method: "PATCH", as: as.user(ws.owner), params: { ws: ws.slug, project: project.slug, key }, body: { version: 1, status: "done", phaseId: y.id } })).status).toBe(200);
    const after = Object.fromEntries((await listPhases(ws, project)).data.map((p) => [p.name, p.progress]));
    expect(after.X).toMatchObject({ total: 6, done: 2, open: { critical: 0, high: 2, medium: 0, low: 1 } });
    expect(after.Y).toMatchObject({ total: 3, done: 2, all: { critical: 1, high: 0, medium: 2, low: 0 } });
  });

  it("flags the critical path: the longest chain by estimateDays", async () => {
    const project = await createTestProject(ws);
    const a = await newPhase(ws, project, { name: "A", estimateDays: 3 });
    const b = await newPhase(ws, project, { name: "B", estimateDays: 5, dependsOn: [a.id] });
    const c = await newPhase(ws, project, { name: "C", estimateDays: 2, dependsOn: [a.id] });
    const d = await newPhase(ws, project, { name: "D", estimateDays: 4, dependsOn: [c.id] });
    await newPhase(ws, project, { name: "E", estimateDays: 1 });
    const f = await newPhase(ws, project, { name: "F" }); // no estimate: counts as 0

    let list = await listPhases(ws, project);
    // A→C→D = 9 beats A→B = 8 and E = 1.
    expect(list.criticalPath).toEqual({ phaseIds: [a.id, c.id, d.id], totalDays: 9 });
    expect(Object.fromEntries(list.data.map((p) => [p.name, p.critical]))).toEqual({ A: true, B: false, C: true, D: true, E: false, F: false });

    // Make B longer: the path moves to A→B.
    expect((await patchPhase(ws, project, b.id, { estimateDays: 10 })).status).toBe(200);
    list = await listPhases(ws, project);
    expect(list.criticalPath).toEqual({ phaseIds: [a.id, b.id], totalDays: 13 });
    expect(list.data.filter((p) => p.critical).map((p) => p.name)).toEqual(["A", "B"]);

    // Fractional days add up.
    expect((await patchPhase(ws, project, f.id, { estimateDays: 0.5, dependsOn: [b.id] })).status).toBe(200);
    list = await listPhases(ws, project);
    expect(list.criticalPath).toEqual({ phaseIds: [a.id, b.id, f.id], totalDays: 13.5 });
  });

  it("has no critical path when nothing is estimated", async () => {
    const project = await createTestProject(ws);
    const a = await newPhase(ws, project, { name: "A" });
    await newPhase(ws, project, { name: "B", dependsOn: [a.id] });
    const list = await listPhases(ws, project);
    expect(list.criticalPath).toEqual({ phaseIds: [], totalDays: 0 });
    expect(list.data.some((p) => p.critical)).toBe(false);
  });

  it("accepts a default owner of this workspace and refuses another workspace's (422)", async () => {
    const project = await createTestProject(ws);
    const mine = await callRoute(ownersRoute.POST, { method: "POST", as: as.user(ws.owner), params: { ws: ws.slug }, body: { name: unique("Phase owner") } });
    const foreign = await createOwner({ ctx: other.ctx, input: { name: unique("Foreign owner"), kind: "team" } });

    const refused = await postPhase(ws, project, { name: "Owned elsewhere", defaultOwnerId: foreign.id });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("validation_failed");
    expect(refused.body.error.details).toEqual([expect.objectContaining({ path: "defaultOwnerId" })]);
    expect((await listPhases(ws, project)).data).toEqual([]);

    const ok = await newPhase(ws, project, { name: "Owned here", defaultOwnerId: mine.body.id });
    expect(ok.defaultOwner).toEqual({ id: mine.body.id, name: mine.body.name });

    const patch = await patchPhase(ws, project, ok.id, { defaultOwnerId: foreign.id });
    expect(patch.status).toBe(422);
    expect(patch.body.error.details).toEqual([expect.objectContaining({ path: "defaultOwnerId" })]);
    expect((await listPhases(ws, project)).data[0]!.defaultOwner).toEqual({ id: mine.body.id, name: mine.body.name });

    const cleared = await patchPhase(ws, project, ok.id, { defaultOwnerId: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.defaultOwner).toBeNull();
  });

  it("refuses invalid input with 422 naming the field", async () => {
    const project = await createTestProject(ws);
    for (const [body, field] of [
      [{}, "name"],
      [{ name: "  " }, "name"],
      [{ name: "x", estimateDays: -1 }, "estimateDays"],
      [{ name: "x", projectId: "y" }, "(body)"],
    ] as const) {
      const r = await postPhase(ws, project, body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
    const p = await newPhase(ws, project, { name: "Valid" });
    expect((await patchPhase(ws, project, p.id, {})).status).toBe(422);
  });

  it("answers 404 for a phase of another project or workspace, and changes nothing there", async () => {
    const project = await createTestProject(ws);
    const elsewhere = await createTestProject(ws);
    const foreignProject = await createTestProject(other);
    const sibling = await newPhase(ws, elsewhere, { name: "Sibling" });
    const foreign = await newPhase(other, foreignProject, { name: "Foreign" });
    for (const id of [sibling.id, foreign.id, "missing"]) {
      const p = await patchPhase(ws, project, id, { name: "Hijacked" });
      expect(p.status).toBe(404);
      expect(p.body.error.code).toBe("not_found");
      expect((await deletePhase(ws, project, id)).status).toBe(404);
    }
    expect((await listPhases(ws, elsewhere)).data.map((p) => p.name)).toEqual(["Sibling"]);
    expect((await listPhases(other, foreignProject)).data.map((p) => p.name)).toEqual(["Foreign"]);
  });

  it("lets a viewer and a read API key read but not write (403)", async () => {
    const project = await createTestProject(ws);
    const phase = await newPhase(ws, project, { name: "Guarded" });
    const readKey = as.apiKey((await createTestApiKey(ws, "read")).key);
    for (const caller of [ws.members.viewer, readKey] as const) {
      expect((await listPhases(ws, project, caller)).data).toHaveLength(1);
      for (const r of [
        await postPhase(ws, project, { name: "By viewer" }, caller),
        await patchPhase(ws, project, phase.id, { name: "By viewer" }, caller),
        await deletePhase(ws, project, phase.id, caller),
      ]) {
        expect(r.status).toBe(403);
        expect(r.body.error.code).toBe("forbidden");
      }
    }
    expect(await order(ws, project)).toEqual([["Guarded", 0]]);

    // A member and a write key may.
    expect((await patchPhase(ws, project, phase.id, { name: "By member" }, ws.members.member)).status).toBe(200);
    const writeKey = as.apiKey((await createTestApiKey(ws, "write")).key);
    expect((await postPhase(ws, project, { name: "By key" }, writeKey)).status).toBe(201);
  });
});
