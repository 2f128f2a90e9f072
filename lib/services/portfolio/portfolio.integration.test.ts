import { describe, expect, it } from "vitest";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordDecision } from "@/lib/services/gates/decisions";
import { createItem } from "@/lib/services/items/create-item";
import { createOwner } from "@/lib/services/owners/owners";
import { gateRule } from "@/lib/validation/gate";
import { createTestProject, createWorkspace } from "@/test/factories";
import { getPortfolio } from "./get-portfolio";

describe("portfolio", () => {
  it("shows each project's live recommendation against its last decision, counts, and the deferred risks due next", async () => {
    const ws = await createWorkspace("portfolio");
    const calm = await createTestProject(ws, { name: "Calm project" });
    const busy = await createTestProject(ws, { name: "Busy project" });
    const owner = await createOwner({ ctx: ws.ctx, input: { name: "Ops team", kind: "team" } });
    const blocker = await createItem({ ctx: ws.ctx, projectSlug: busy.slug, input: { title: "Token storage", severity: "critical", blocker: true } });
    await createItem({ ctx: ws.ctx, projectSlug: busy.slug, input: { title: "Rate limits", severity: "high", status: "done" } });
    const polish = await createItem({ ctx: ws.ctx, projectSlug: busy.slug, input: { title: "Dark mode", severity: "low", status: "deferred", ownerId: owner.id, dueDate: "2020-01-01" } });
    const gate = await ws.ctx.db.gate.create({ data: { workspaceId: ws.id, projectId: busy.id, name: "v1.0" } });
    await ws.ctx.db.criterion.create({ data: { workspaceId: ws.id, gateId: gate.id, position: 0, title: "No open blockers", type: "rule", required: true, rule: gateRule.parse({ type: "no_open_blockers" }) as Prisma.InputJsonObject } });
    await ws.ctx.db.criterion.create({ data: { workspaceId: ws.id, gateId: gate.id, position: 1, title: "Polish done", type: "rule", required: false, rule: gateRule.parse({ type: "all_done", filter: { severity: ["low"] } }) as Prisma.InputJsonObject } });

    // Decided while the blocker was closed, then the blocker reopened: the decision is out of date.
    await ws.ctx.db.item.updateMany({ where: { projectId: busy.id, number: blocker.number }, data: { status: "done" } });
    const adminCtx = { ...ws.ctx, actor: { type: "user" as const, userId: ws.members.admin.id, email: ws.members.admin.email } };
    await recordDecision({
      ctx: adminCtx,
      projectSlug: busy.slug,
      gateId: gate.id,
      input: { outcome: "go_with_risks", rationale: "Polish later", confidence: "medium", deferredRisks: [{ itemKey: polish.key, ownerId: owner.id, dueDate: "2020-01-01", notes: "" }] },
    });
    await ws.ctx.db.item.updateMany({ where: { projectId: busy.id, number: blocker.number }, data: { status: "open" } });

    const portfolio = await getPortfolio({ ctx: ws.ctx });
    const byName = new Map(portfolio.projects.map((p) => [p.name, p]));
    expect(byName.get("Calm project")).toMatchObject({ gate: null, recommendation: null, lastDecision: null, disagrees: false, openBlockers: 0 });
    expect(byName.get("Busy project")).toMatchObject({
      recommendation: { outcome: "no_go" },
      lastDecision: { outcome: "go_with_risks", signedOff: true, approvals: 1, requiredApprovals: 1 },
      disagrees: true,
      openBlockers: 1,
      openCriticalHigh: 1,
      progress: { total: 3, closed: 1 },
    });
    expect(portfolio.risks).toEqual([expect.objectContaining({ title: "Dark mode", owner: "Ops team", dueDate: "2020-01-01", overdue: true, itemKey: polish.key })]);
    expect(portfolio.openRisks).toBe(1);
    expect(calm.slug).toBeTruthy();

    // Another workspace sees none of it.
    const other = await createWorkspace("portfolio-other");
    expect(await getPortfolio({ ctx: other.ctx })).toEqual({ projects: [], risks: [], openRisks: 0 });
  });
});
