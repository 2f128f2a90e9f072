import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { breakingWhere, undeferredWhere } from "@/lib/services/gates/rule-where";
import { createOwner } from "@/lib/services/owners/owners";
import { createPhase } from "@/lib/services/phases/create-phase";
import { gateRule, type GateRule } from "@/lib/validation/gate";
import { ITEM_KINDS, ITEM_STATUSES, SEVERITIES } from "@/lib/validation/item";
import { createPhaseInput } from "@/lib/validation/phase";
import { createTestProject, createWorkspace, type TestWorkspace } from "@/test/factories";
import { countBreakingItems } from "./rule-counts";

const LABELS = ["security", "ux", "perf"];
const RULE_TYPES = ["no_open_items", "all_done", "all_done_or_deferred", "no_open_blockers", "all_have_evidence", "max_open_items"] as const;

let ws: TestWorkspace;
let other: TestWorkspace;
let projectId: string;
let otherProjectId: string;
let phaseIds: string[];

/** Every status × severity, with kinds, blockers, labels, phases, owners, due dates and evidence spread across them. */
async function seedRegister(target: TestWorkspace) {
  const project = await createTestProject(target);
  const owner = await createOwner({ ctx: target.ctx, input: { name: `Owner ${project.slug}`, kind: "team" } });
  const phases = [];
  for (const name of ["Phase 1", "Phase 2"]) phases.push(await createPhase({ ctx: target.ctx, projectSlug: project.slug, input: createPhaseInput.parse({ name }) }));
  const data = [];
  let n = 0;
  for (const status of ITEM_STATUSES) {
    for (const severity of SEVERITIES) {
      for (let variant = 0; variant < 3; variant++, n++) {
        data.push({
          workspaceId: target.id,
          projectId: project.id,
          number: n + 1,
          title: `Item ${n + 1}`,
          status,
          severity,
          kind: ITEM_KINDS[n % ITEM_KINDS.length]!,
          blocker: n % 3 === 0,
          labels: LABELS.filter((_, i) => (n >> i) % 2 === 1),
          phaseId: variant === 2 ? null : phases[variant]!.id,
          ownerId: n % 2 === 0 ? owner.id : null,
          dueDate: n % 5 < 3 ? new Date("2026-12-31T00:00:00Z") : null,
        });
      }
    }
  }
  await target.ctx.db.item.createMany({ data });
  const items = await target.ctx.db.item.findMany({ where: { projectId: project.id }, select: { id: true, number: true } });
  for (const item of items.filter((i) => i.number % 4 === 0)) {
    // Two pieces of evidence on some items: an item with evidence counts once.
    for (let k = 0; k < (item.number % 8 === 0 ? 2 : 1); k++) await target.ctx.db.evidence.create({ data: { workspaceId: target.id, projectId: project.id, itemId: item.id, kind: "note", note: "checked" } });
  }
  return { projectId: project.id, phaseIds: phases.map((p) => p.id) };
}

beforeAll(async () => {
  ws = await createWorkspace("rule-counts");
  other = await createWorkspace("rule-counts-other");
  ({ projectId, phaseIds } = await seedRegister(ws));
  ({ projectId: otherProjectId } = await seedRegister(other));
}, 60_000);

const filterArb = () =>
  fc.record(
    {
      severity: fc.uniqueArray(fc.constantFrom(...SEVERITIES), { minLength: 1, maxLength: 4 }),
      kind: fc.uniqueArray(fc.constantFrom(...ITEM_KINDS), { minLength: 1, maxLength: 4 }),
      phase: fc.constantFrom(...phaseIds, "no-such-phase"),
      label: fc.uniqueArray(fc.constantFrom(...LABELS, "none"), { minLength: 1, maxLength: 3 }),
    },
    { requiredKeys: [] },
  );

const ruleArb = () =>
  fc.tuple(fc.constantFrom(...RULE_TYPES), filterArb(), fc.integer({ min: 0, max: 10 })).map(([type, filter, max]) => gateRule.parse(type === "max_open_items" ? { type, filter, max } : { type, filter }));

describe("countBreakingItems", () => {
  it("counts what breakingWhere and undeferredWhere select, for generated rules and filters", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(ruleArb(), fc.boolean()), { minLength: 1, maxLength: 8 }), async (rules) => {
        const counted = await countBreakingItems(ws.id, projectId, rules.map(([rule, undeferred]) => ({ rule, undeferred })));
        const expected = await Promise.all(rules.map(([rule, undeferred]) => ws.ctx.db.item.count({ where: (undeferred ? undeferredWhere : breakingWhere)(projectId, rule) })));
        expect(counted).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it("counts something for every rule type on this register, so the comparison above is not between zeros", async () => {
    const rules: GateRule[] = RULE_TYPES.map((type) => gateRule.parse(type === "max_open_items" ? { type, max: 0 } : { type }));
    const counted = await countBreakingItems(ws.id, projectId, rules.map((rule) => ({ rule })));
    for (const [i, count] of counted.entries()) expect(count, rules[i]!.type).toBeGreaterThan(0);
    const evidenceRule = counted[RULE_TYPES.indexOf("all_have_evidence")]!;
    expect(evidenceRule).toBe(ITEM_STATUSES.length * SEVERITIES.length * 3 - Math.floor((ITEM_STATUSES.length * SEVERITIES.length * 3) / 4));
  });

  it("counts nothing for a project of another workspace, from either side", async () => {
    const rules = RULE_TYPES.map((type) => ({ rule: gateRule.parse(type === "max_open_items" ? { type, max: 0 } : { type }) }));
    expect(await countBreakingItems(ws.id, otherProjectId, rules)).toEqual(rules.map(() => 0));
    expect(await countBreakingItems(other.id, projectId, rules)).toEqual(rules.map(() => 0));
  });

  it("answers an empty list without a query", async () => {
    expect(await countBreakingItems(ws.id, projectId, [])).toEqual([]);
  });
});
