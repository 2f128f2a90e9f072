import { beforeAll, describe, expect, it } from "vitest";
import * as decisionsRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/decisions/route";
import type { Prisma } from "@/lib/generated/prisma/client";
import { bulkEditItems } from "@/lib/services/items/bulk-edit-items";
import { createItem } from "@/lib/services/items/create-item";
import { gateRule } from "@/lib/validation/gate";
import { as, createReleaseRegister, createWorkspace, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";
import { announceOverdueRisks } from "./announce";
import { createWebhook, updateWebhook } from "./manage-webhooks";

/** What the outbox holds: the events written with the changes, before any worker sends them. */
let ws: TestWorkspace;
let other: TestWorkspace;
let everything: string;
let itemsOnly: string;
let foreign: string;

const outbox = (workspace: TestWorkspace, webhookId: string, eventType: string) =>
  workspace.ctx.db.webhookDelivery.findMany({ where: { webhookId, eventType }, orderBy: { createdAt: "asc" }, select: { payload: true, eventId: true, status: true } });

beforeAll(async () => {
  ws = await createWorkspace("events");
  other = await createWorkspace("events-other");
  const all = ["item.created", "item.updated", "gate.evaluation_changed", "decision.recorded", "deferred_risk.overdue"];
  everything = (await createWebhook({ ctx: ws.ctx, input: { url: "https://hooks.example.com/all", description: "", events: all } })).webhook.id;
  itemsOnly = (await createWebhook({ ctx: ws.ctx, input: { url: "https://hooks.example.com/items", description: "", events: ["item.created"] } })).webhook.id;
  foreign = (await createWebhook({ ctx: other.ctx, input: { url: "https://hooks.example.com/other", description: "", events: all } })).webhook.id;
});

describe("webhook events are written with the change that causes them", () => {
  it("item.created and item.updated (also from a bulk edit) go to subscribed endpoints of the same workspace only", async () => {
    const { project } = await createReleaseRegister(ws);
    const item = await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Pin dependency versions", severity: "medium" } });
    const created = await outbox(ws, everything, "item.created");
    expect(created.at(-1)!.payload).toMatchObject({ type: "item.created", data: { project: { slug: project.slug }, item: { key: item.key, title: "Pin dependency versions" } } });
    expect((await outbox(ws, itemsOnly, "item.created")).at(-1)!.payload).toMatchObject({ data: { item: { key: item.key } } });
    expect(created.at(-1)!.eventId).not.toBe((await outbox(ws, itemsOnly, "item.created")).at(-1)!.eventId);

    await bulkEditItems({ ctx: ws.ctx, projectSlug: project.slug, input: { keys: [item.key], set: { status: "in_progress" } } });
    expect((await outbox(ws, everything, "item.updated")).at(-1)!.payload).toMatchObject({ type: "item.updated", data: { item: { key: item.key, status: "in_progress" }, changes: ["status"] } });
    expect(await outbox(ws, itemsOnly, "item.updated")).toEqual([]);
    expect(await other.ctx.db.webhookDelivery.count({ where: { webhookId: foreign } })).toBe(0);
  });

  it("a disabled endpoint gets nothing", async () => {
    const { project } = await createReleaseRegister(ws);
    await updateWebhook({ ctx: ws.ctx, id: itemsOnly, input: { enabled: false } });
    const before = (await outbox(ws, itemsOnly, "item.created")).length;
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Quiet" } });
    expect((await outbox(ws, itemsOnly, "item.created")).length).toBe(before);
    await updateWebhook({ ctx: ws.ctx, id: itemsOnly, input: { enabled: true } });
  });

  it("decision.recorded carries the outcome and the deferred risks; deferred_risk.overdue is sent once per risk", async () => {
    const { project, owner, phase1, phase3, fix, polish } = await createReleaseRegister(ws);
    const gate = await ws.ctx.db.gate.create({ data: { workspaceId: ws.id, projectId: project.id, name: "v1.0 release" } });
    for (const [position, c] of [
      { title: "Phase 1 complete", required: true, rule: { type: "all_done", filter: { phase: phase1.id } } },
      { title: "Phase 3 polish", required: false, rule: { type: "all_done", filter: { phase: phase3.id } } },
    ].entries()) {
      await ws.ctx.db.criterion.create({ data: { workspaceId: ws.id, gateId: gate.id, position, title: c.title, type: "rule", required: c.required, rule: gateRule.parse(c.rule) as Prisma.InputJsonObject } });
    }
    await ws.ctx.db.item.updateMany({ where: { projectId: project.id, number: fix.number }, data: { status: "done" } });
    const decided = await callRoute(decisionsRoute.POST, {
      method: "POST",
      as: as.user(ws.members.admin),
      params: { ws: ws.slug, project: project.slug, gate: gate.id },
      body: { outcome: "go_with_risks", rationale: "Polish can wait", confidence: "medium", deferredRisks: [{ itemKey: polish.key, ownerId: owner.id, dueDate: "2026-11-30", notes: "After launch" }] },
    });
    expect(decided.status).toBe(201);
    expect((await outbox(ws, everything, "decision.recorded")).at(-1)!.payload).toMatchObject({
      type: "decision.recorded",
      data: { gate: { id: gate.id, name: "v1.0 release" }, decision: { outcome: "go_with_risks", rationale: "Polish can wait" }, deferredRisks: [{ itemKey: polish.key, dueDate: "2026-11-30" }] },
    });

    const now = new Date("2026-12-04T09:00:00Z");
    expect(await announceOverdueRisks({ ctx: ws.ctx, now })).toBe(1);
    expect(await announceOverdueRisks({ ctx: ws.ctx, now })).toBe(0);
    const overdue = await outbox(ws, everything, "deferred_risk.overdue");
    expect(overdue).toHaveLength(1);
    expect(overdue[0]!.payload).toMatchObject({ data: { gate: { id: gate.id }, risk: { title: "Dark mode", dueDate: "2026-11-30", owner: { id: owner.id } } } });
    // Another workspace has no overdue risks of its own and cannot reach these.
    expect(await announceOverdueRisks({ ctx: other.ctx, now })).toBe(0);
  });
});
