import { beforeAll, describe, expect, it } from "vitest";
import * as trendRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/trend/route";
import { addDays } from "@/lib/domain/forecast";
import { createGate } from "@/lib/services/gates/create-gate";
import { createItem } from "@/lib/services/items/create-item";
import { createOwner } from "@/lib/services/owners/owners";
import { createGateInput } from "@/lib/validation/gate";
import { as, createTestProject, createWorkspace, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";
import { takeProjectSnapshot } from "./take-project-snapshot";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace("trend");
});

const today = () => new Date().toISOString().slice(0, 10);
const dayDate = (day: string) => new Date(`${day}T00:00:00Z`);

function trend(projectSlug: string, query = "") {
  return callRoute(trendRoute.GET, { as: as.user(ws.members.viewer), url: `/api/v1/workspaces/${ws.slug}/projects/${projectSlug}/trend${query}`, params: { ws: ws.slug, project: projectSlug } });
}

describe("project snapshots", () => {
  it("takes today's snapshot on the first read: counts by status, open by severity, deferred neither open nor closed", async () => {
    const project = await createTestProject(ws);
    const owner = await createOwner({ ctx: ws.ctx, input: { name: `Team ${project.slug}`, kind: "team" } });
    const items = [
      { status: "open", severity: "critical" },
      { status: "in_progress", severity: "high" },
      { status: "in_progress", severity: "high" },
      { status: "blocked", severity: "medium" },
      { status: "in_review", severity: "low" },
      { status: "done", severity: "high" },
      { status: "wont_fix", severity: "low" },
      { status: "deferred", severity: "critical", ownerId: owner.id, dueDate: "2099-01-01" },
    ] as const;
    for (const [i, item] of items.entries()) await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: `Item ${i}`, ...item } });
    expect(await ws.ctx.db.projectSnapshot.count({ where: { projectId: project.id } })).toBe(0);

    const r = await trend(project.slug);
    expect(r.status).toBe(200);
    expect(r.body.days).toEqual([
      {
        day: today(),
        total: 8,
        open: 5,
        closed: 2,
        openBySeverity: { critical: 1, high: 2, medium: 1, low: 1 },
        byStatus: { open: 1, in_progress: 2, blocked: 1, in_review: 1, done: 1, wont_fix: 1, deferred: 1 },
        recommendation: null,
      },
    ]);
    expect(r.body.forecast).toBeNull();
    const rows = await ws.ctx.db.projectSnapshot.findMany({ where: { projectId: project.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.day.toISOString().slice(0, 10)).toBe(today());
  });

  it("keeps one row per project and day, rewritten by each snapshot", async () => {
    const project = await createTestProject(ws);
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "First", severity: "high" } });
    const first = await takeProjectSnapshot({ ctx: ws.ctx, project });
    expect(first).toMatchObject({ total: 1, open: 1 });
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Second", severity: "low", status: "done" } });
    const second = await takeProjectSnapshot({ ctx: ws.ctx, project });
    expect(second.id).toBe(first.id);
    expect(second).toMatchObject({ total: 2, open: 1, closed: 1 });
    const rows = await ws.ctx.db.projectSnapshot.findMany({ where: { projectId: project.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ total: 2, closed: 1, byStatus: expect.objectContaining({ open: 1, done: 1 }) });
  });

  it("lists earlier days in order, within the `days` asked for", async () => {
    const project = await createTestProject(ws);
    const base = { workspaceId: ws.id, projectId: project.id, open: 0, closed: 0, openBySeverity: { critical: 0, high: 0, medium: 0, low: 0 }, byStatus: {}, recommendation: null };
    // Inserted out of order; 6 days ago is the first day of a 7-day window, 7 days ago is outside it.
    await ws.ctx.db.projectSnapshot.create({ data: { ...base, day: dayDate(addDays(today(), -3)), total: 3 } });
    await ws.ctx.db.projectSnapshot.create({ data: { ...base, day: dayDate(addDays(today(), -7)), total: 7 } });
    await ws.ctx.db.projectSnapshot.create({ data: { ...base, day: dayDate(addDays(today(), -6)), total: 6, recommendation: "no_go" } });

    const week = await trend(project.slug, "?days=7");
    expect(week.status).toBe(200);
    expect(week.body.days.map((d: { day: string; total: number }) => [d.day, d.total])).toEqual([
      [addDays(today(), -6), 6],
      [addDays(today(), -3), 3],
      [today(), 0],
    ]);
    expect(week.body.days[0].recommendation).toBe("no_go");

    const longer = await trend(project.slug, "?days=8");
    expect(longer.body.days.map((d: { day: string }) => d.day)).toEqual([addDays(today(), -7), addDays(today(), -6), addDays(today(), -3), today()]);
    // The default window (90 days) includes them all.
    expect((await trend(project.slug)).body.days).toHaveLength(4);
  });

  it("refuses `days` outside 7..365 and other query parameters (422)", async () => {
    const project = await createTestProject(ws);
    for (const query of ["?days=6", "?days=366", "?days=0", "?days=abc", "?days=7.5", "?from=2026-01-01"]) {
      const r = await trend(project.slug, query);
      expect(r.status, query).toBe(422);
    }
    expect((await trend(project.slug, "?days=365")).status).toBe(200);
    expect((await trend("no-such-project")).status).toBe(404);
  });
});

describe("the Go forecast", () => {
  /** A gate whose required rule fails on every open high item. */
  async function gateOnHighItems(projectSlug: string) {
    return createGate({
      ctx: ws.ctx,
      projectSlug,
      input: createGateInput.parse({ name: "v1.0 release", targetDate: "2027-03-01", criteria: [{ title: "No open high items", type: "rule", rule: { type: "no_open_items", filter: { severity: ["high"] } } }] }),
    });
  }

  it("divides the items standing in the way by the rate of the last 14 days", async () => {
    const project = await createTestProject(ws);
    const gate = await gateOnHighItems(project.slug);
    const N = 3;
    const K = 2;
    for (let i = 0; i < N; i++) await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: `High ${i}`, severity: "high" } });
    // Open but outside the rule's filter: not in the way.
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Low polish", severity: "low" } });
    for (let i = 0; i < K; i++) await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: `Closed ${i}`, severity: "medium", status: "done" } });
    const old = await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Closed long ago", severity: "medium", status: "done" } });
    await ws.ctx.db.item.updateMany({ where: { projectId: project.id, title: { startsWith: "Closed " } }, data: { closedAt: new Date(Date.now() - 3 * 86_400_000) } });
    await ws.ctx.db.item.updateMany({ where: { projectId: project.id, number: old.number }, data: { closedAt: new Date(Date.now() - 30 * 86_400_000) } });

    const r = await trend(project.slug);
    expect(r.status).toBe(200);
    const forecast = r.body.forecast;
    expect(forecast).toMatchObject({ gate: { id: gate.id, name: "v1.0 release", targetDate: "2027-03-01" }, recommendation: "no_go", remaining: N, windowDays: 14, unmetOtherCriteria: 0 });
    expect(forecast.ratePerDay).toBe(K / 14);
    expect(forecast.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(forecast.date > today()).toBe(true);
    expect(forecast.date).toBe(addDays(today(), Math.ceil((N * 14) / K)));
    expect(r.body.days.at(-1).recommendation).toBe("no_go");
  });

  it("has no date when nothing was closed in the window", async () => {
    const project = await createTestProject(ws);
    await gateOnHighItems(project.slug);
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "High", severity: "high" } });
    const old = await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Closed long ago", status: "done" } });
    await ws.ctx.db.item.updateMany({ where: { projectId: project.id, number: old.number }, data: { closedAt: new Date(Date.now() - 20 * 86_400_000) } });
    const r = await trend(project.slug);
    expect(r.body.forecast).toMatchObject({ remaining: 1, ratePerDay: 0, date: null });
  });

  it("forecasts today when nothing stands in the way", async () => {
    const project = await createTestProject(ws);
    await gateOnHighItems(project.slug);
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Low", severity: "low" } });
    const r = await trend(project.slug);
    expect(r.body.forecast).toMatchObject({ remaining: 0, date: today(), recommendation: "go" });
  });

  it("is null for a project without a gate", async () => {
    const project = await createTestProject(ws);
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "High", severity: "high" } });
    const r = await trend(project.slug);
    expect(r.status).toBe(200);
    expect(r.body.forecast).toBeNull();
    expect(r.body.days).toHaveLength(1);
  });
});
