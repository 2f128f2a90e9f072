import { beforeAll, describe, expect, it } from "vitest";
import * as decisionsRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/decisions/route";
import { canonicalJson } from "@/lib/domain/canonical";
import { createOwner } from "@/lib/services/owners/owners";
import type { Prisma } from "@/lib/generated/prisma/client";
import { gateRule } from "@/lib/validation/gate";
import { as, createReleaseRegister, createTestApiKey, createWorkspace, type TestWorkspace } from "@/test/factories";
import { callRoute, type As } from "@/test/harness/call-route";
import { snapshotHash } from "./decisions";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace("decisions");
});

/** A project modelled on the fixture plan: required Phase 1 complete, advisory Phase 3 polish (strict, so it can only be deferred). */
async function setup() {
  const { project, owner, phase1, phase3, fix, polish } = await createReleaseRegister(ws);
  const gate = await ws.ctx.db.gate.create({ data: { workspaceId: ws.id, projectId: project.id, name: "v1.0 release" } });
  const criteria = [
    { title: "Phase 1 items complete with tests", required: true, rule: { type: "all_done", filter: { phase: phase1.id } } },
    { title: "Phase 3 polish deferred with owners and dates", required: false, rule: { type: "all_done", filter: { phase: phase3.id } } },
  ];
  for (const [position, c] of criteria.entries()) {
    await ws.ctx.db.criterion.create({ data: { workspaceId: ws.id, gateId: gate.id, position, title: c.title, type: "rule", required: c.required, rule: gateRule.parse(c.rule) as Prisma.InputJsonObject } });
  }
  const params = { ws: ws.slug, project: project.slug, gate: gate.id };
  return { project, owner, fix, polish, params };
}

const decide = (params: Record<string, string>, body: unknown, caller: As = as.user(ws.members.admin)) => callRoute(decisionsRoute.POST, { method: "POST", as: caller, params, body });

describe("gate decisions", () => {
  it("refuses Go while a required criterion fails, records No-Go, then Go with known risks once the rest is deferred", async () => {
    const { project, owner, fix, polish, params } = await setup();
    const refused = await decide(params, { outcome: "go", rationale: "Ship it", confidence: "high" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain("Phase 1 items complete with tests");
    expect(await ws.ctx.db.decision.count({ where: { projectId: project.id } })).toBe(0);

    const noGo = await decide(params, { outcome: "no_go", rationale: "Token storage still open", confidence: "high" });
    expect(noGo.status).toBe(201);
    expect(noGo.body).toMatchObject({ outcome: "no_go", recommendation: "no_go", outOfDate: false, approvals: [{ userId: ws.members.admin.id }] });

    // Fix the register: Phase 1 done, polish deferred with an owner and a date.
    await ws.ctx.db.item.updateMany({ where: { projectId: project.id, number: fix.number }, data: { status: "done" } });
    await ws.ctx.db.item.updateMany({ where: { projectId: project.id, number: polish.number }, data: { status: "deferred", ownerId: owner.id, dueDate: new Date("2026-12-31T00:00:00Z") } });
    const listed = await callRoute(decisionsRoute.GET, { as: as.user(ws.members.viewer), params });
    expect(listed.body.currentRecommendation.outcome).toBe("go_with_risks");
    expect(listed.body.data[0]).toMatchObject({ outcome: "no_go", outOfDate: true });

    const withoutRisks = await decide(params, { outcome: "go_with_risks", rationale: "Polish can wait", confidence: "medium" });
    expect(withoutRisks.status).toBe(422);
    expect(withoutRisks.body.error.details[0].path).toBe("deferredRisks");

    const gwkr = await decide(params, {
      outcome: "go_with_risks",
      rationale: "Polish can wait",
      confidence: "medium",
      deferredRisks: [{ itemKey: polish.key, ownerId: owner.id, dueDate: "2026-12-31", notes: "After launch" }],
    });
    expect(gwkr.status).toBe(201);
    expect(gwkr.body).toMatchObject({ outcome: "go_with_risks", recommendation: "go_with_risks", outOfDate: false });
    expect(gwkr.body.deferredRisks).toEqual([expect.objectContaining({ title: "Dark mode", owner: { id: owner.id, name: owner.name }, dueDate: "2026-12-31" })]);

    const all = await callRoute(decisionsRoute.GET, { as: as.user(ws.members.viewer), params });
    expect(all.body.data.map((d: { outcome: string; superseded: boolean }) => [d.outcome, d.superseded])).toEqual([["go_with_risks", false], ["no_go", true]]);
  });

  it("stores an immutable snapshot whose SHA-256 over canonical JSON detects tampering", async () => {
    const { params } = await setup();
    const r = await decide(params, { outcome: "no_go", rationale: "Not yet", confidence: "low" });
    const row = await ws.ctx.db.decision.findFirstOrThrow({ where: { id: r.body.id } });
    expect(row.snapshotHash).toMatch(/^[0-9a-f]{64}$/);
    expect(snapshotHash(row.snapshot)).toBe(row.snapshotHash);
    const snapshot = row.snapshot as { criteria: { title: string; state: string; failingItems: { key: string }[] }[] };
    expect(snapshot.criteria.map((c) => [c.title, c.state])).toEqual([["Phase 1 items complete with tests", "fail"], ["Phase 3 polish deferred with owners and dates", "fail"]]);
    expect(snapshot.criteria[0]!.failingItems).toHaveLength(1);
    const tampered = JSON.parse(canonicalJson(row.snapshot)) as { criteria: { state: string }[] };
    tampered.criteria[0]!.state = "pass";
    expect(snapshotHash(tampered)).not.toBe(row.snapshotHash);
  });

  it("lets only owners and admins decide, and never an API key; there is no way to edit or delete a decision", async () => {
    const { params } = await setup();
    for (const caller of [as.user(ws.members.member), as.user(ws.members.viewer)]) {
      expect((await decide(params, { outcome: "no_go", rationale: "x", confidence: "low" }, caller)).status).toBe(403);
    }
    const { key } = await createTestApiKey(ws, "admin");
    expect((await decide(params, { outcome: "no_go", rationale: "x", confidence: "low" }, as.apiKey(key))).status).toBe(403);
    expect(Object.keys(decisionsRoute).sort()).toEqual(["GET", "POST"]);
  });

  it("validates the deferred-risk list: known items, owners of this workspace, real dates", async () => {
    const { owner, polish, params, fix } = await setup();
    // Make the gate pass its required criterion first.
    const project = await ws.ctx.db.project.findFirstOrThrow({ where: { slug: params.project } });
    await ws.ctx.db.item.updateMany({ where: { projectId: project.id, number: fix.number }, data: { status: "done" } });
    const base = { outcome: "go_with_risks", rationale: "r", confidence: "medium" };
    const unknownItem = await decide(params, { ...base, deferredRisks: [{ itemKey: "ZZZ-9", ownerId: owner.id, dueDate: "2026-12-31" }] });
    expect(unknownItem.status).toBe(422);
    const other = await createWorkspace("decisions-other");
    const foreignOwner = await createOwner({ ctx: other.ctx, input: { name: "Foreign", kind: "team" } });
    const foreign = await decide(params, { ...base, deferredRisks: [{ itemKey: polish.key, ownerId: foreignOwner.id, dueDate: "2026-12-31" }] });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.details[0].path).toBe("deferredRisks.0.ownerId");
    const badDate = await decide(params, { ...base, deferredRisks: [{ itemKey: polish.key, ownerId: owner.id, dueDate: "2026-13-45" }] });
    expect(badDate.status).toBe(422);
    const noRisksOnGo = await decide(params, { outcome: "no_go", rationale: "r", confidence: "low", deferredRisks: [{ itemKey: polish.key, ownerId: owner.id, dueDate: "2026-12-31" }] });
    expect(noRisksOnGo.status).toBe(422);
  });
});
