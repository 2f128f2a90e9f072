import { describe, expect, it } from "vitest";
import { gateRule } from "@/lib/validation/gate";
import { demoPlan } from "./demo-plan";

/** The demo plan must stay coherent with the model it seeds. */
describe("demo plan", () => {
  it("states every rule criterion in the gate rule language", () => {
    const rules = demoPlan.gate.criteria.filter((c) => c.type === "rule");
    expect(rules.length).toBeGreaterThan(0);
    for (const criterion of rules) expect(gateRule.safeParse(criterion.rule).success, criterion.title).toBe(true);
  });

  it("refers only to phases, owners and items it defines", () => {
    const phases = new Set(demoPlan.phases.map((p) => p.ref));
    const owners = new Set(demoPlan.owners.map((o) => o.ref));
    const items = new Set(demoPlan.items.map((i) => i.ref));
    for (const item of demoPlan.items) {
      expect(phases.has(item.phase), item.ref).toBe(true);
      if (item.owner) expect(owners.has(item.owner), item.ref).toBe(true);
      for (const blocker of item.blockedBy ?? []) expect(items.has(blocker), `${item.ref} blocked by ${blocker}`).toBe(true);
    }
    for (const phase of demoPlan.phases) for (const dep of phase.dependsOn) expect(phases.has(dep)).toBe(true);
    for (const criterion of demoPlan.gate.criteria) {
      const phase = (criterion.rule?.filter as { phase?: string } | undefined)?.phase;
      if (phase) expect(phases.has(phase), criterion.title).toBe(true);
    }
  });

  it("covers every severity and status, as a demo should", () => {
    expect(new Set(demoPlan.items.map((i) => i.severity))).toEqual(new Set(["critical", "high", "medium", "low"]));
    expect(new Set(demoPlan.items.map((i) => i.status))).toEqual(new Set(["open", "in_progress", "blocked", "in_review", "done", "deferred", "wont_fix"]));
  });
});
