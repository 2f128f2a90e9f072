import { describe, expect, it } from "vitest";
import { systemWorkspaceContext } from "@/lib/auth/system";
import { parsePlan } from "@/lib/domain/plan-import/parse-plan";
import { DEMO_PROJECTS } from "./demo-projects";
import { demoPlanSource, itemsForKey, seedDemo } from "./seed-demo";

describe("the demo seed", () => {
  it("names, in its triage, only items the import of each plan gives, each key exactly one", () => {
    for (const project of DEMO_PROJECTS.filter((p) => p.triage)) {
      const plan = parsePlan(demoPlanSource(project.plan));
      const refs = plan.items.map((i) => i.ref);
      const phases = new Set(plan.phases.map((p) => p.ref));
      for (const [key, entry] of Object.entries(project.triage!.items)) {
        expect(itemsForKey(refs, key), key).toHaveLength(1);
        for (const blocker of entry.blockedBy ?? []) expect(itemsForKey(refs, blocker), blocker).toHaveLength(1);
        if (entry.owner) expect(project.triage!.owners.some((o) => o.ref === entry.owner), entry.owner).toBe(true);
      }
      for (const ref of Object.keys(project.triage!.phases)) expect(phases.has(ref), ref).toBe(true);
    }
  });

  it("builds the workspace by importing the fixture plans, once", async () => {
    expect(await seedDemo()).toEqual({ created: true });
    const ctx = await systemWorkspaceContext("demo", "test");
    const projects = await ctx.db.project.findMany({ orderBy: { createdAt: "asc" }, include: { _count: { select: { items: true, phases: true, gates: true, planImports: true } } } });
    expect(projects.map((p) => [p.slug, p._count.phases, p._count.items, p._count.gates, p._count.planImports])).toEqual([
      ["demo", 6, 49, 1, 1],
      ["agent-audit", 4, 18, 0, 1],
      ["rauskuclaw", 4, 15, 1, 1],
    ]);
    const demo = projects[0]!;
    expect(demo).toMatchObject({ publicSlug: "demo", publicEnabled: true });

    // The import gave the structure; the triage gave what a plan cannot say.
    const items = await ctx.db.item.findMany({ where: { projectId: demo.id }, select: { severity: true, status: true, blocker: true, ownerId: true } });
    expect(new Set(items.map((i) => i.severity))).toEqual(new Set(["critical", "high", "medium", "low"]));
    expect(new Set(items.map((i) => i.status))).toEqual(new Set(["open", "in_progress", "blocked", "in_review", "done", "deferred", "wont_fix"]));
    expect(items.filter((i) => i.blocker).length).toBeGreaterThan(0);
    expect(items.filter((i) => i.ownerId).length).toBeGreaterThan(40);
    const gate = await ctx.db.gate.findFirstOrThrow({ where: { projectId: demo.id }, include: { criteria: true, approvers: true } });
    expect(gate.criteria).toHaveLength(6);
    expect(gate.approvers).toHaveLength(1);
    expect(gate.targetDate).not.toBeNull();
    expect(await ctx.db.itemDependency.count()).toBe(1);
    expect(await ctx.db.evidence.count({ where: { projectId: demo.id } })).toBeGreaterThan(3);
    // Three weeks of history and today's snapshot, for every project.
    expect(await ctx.db.projectSnapshot.count({ where: { projectId: demo.id } })).toBe(22);
    const history = await ctx.db.projectSnapshot.findMany({ where: { projectId: demo.id }, orderBy: { day: "asc" }, select: { closed: true } });
    expect(history[0]!.closed).toBeLessThan(history.at(-1)!.closed);

    expect(await seedDemo()).toEqual({ created: false });
    expect(await ctx.db.project.count()).toBe(3);
  });
});
