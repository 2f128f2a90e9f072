import { describe, expect, it } from "vitest";
import { updateGateInput } from "@/lib/validation/gate";
import { draftFromGate, gateBody, moveCriterion, newCriterion, removedCriteria } from "./gate-editor-model";
import type { GateSummary } from "./types";

const gate: GateSummary = {
  id: "g1",
  name: "v1.0 release",
  description: "No-Go until Phase 1 is done.",
  targetDate: "2026-12-24T00:00:00.000Z",
  approverIds: ["u1"],
  requiredApprovals: 1,
  lastDecision: null,
  criteria: [
    { id: "c1", title: "Phase 1 complete", description: "", type: "rule", required: true, position: 0, rule: { type: "all_done", filter: { phase: "p1" } } },
    { id: "c2", title: "At most 3 open medium", description: "", type: "rule", required: false, position: 1, rule: { type: "max_open_items", filter: { severity: ["medium"], label: ["ui", "a11y"] }, max: 3 } },
    { id: "c3", title: "CI green", description: "CI posts it", type: "check", required: true, position: 2, rule: null },
  ],
};

describe("gate editor model", () => {
  it("round-trips a gate into the body PATCH takes, keeping ids, rules and order", () => {
    const body = gateBody(draftFromGate(gate));
    expect(updateGateInput.parse(body)).toBeTruthy();
    expect(body).toMatchObject({ name: "v1.0 release", targetDate: "2026-12-24", approverIds: ["u1"], requiredApprovals: 1 });
    expect(body.criteria).toEqual([
      { id: "c1", title: "Phase 1 complete", description: "", type: "rule", required: true, rule: { type: "all_done", filter: { phase: "p1" } } },
      { id: "c2", title: "At most 3 open medium", description: "", type: "rule", required: false, rule: { type: "max_open_items", filter: { severity: ["medium"], label: ["ui", "a11y"] }, max: 3 } },
      { id: "c3", title: "CI green", description: "CI posts it", type: "check", required: true },
    ]);
  });

  it("builds a new gate's body with new criteria and trimmed labels, without ids", () => {
    const draft = draftFromGate(null);
    draft.name = "  Beta  ";
    draft.criteria[0] = { ...draft.criteria[0]!, title: "Security has evidence", ruleType: "all_have_evidence", labels: " security , , auth " };
    draft.criteria.push({ ...newCriterion("manual"), title: "Deploy checklist verified", required: false });
    const body = gateBody(draft);
    expect(body.name).toBe("Beta");
    expect(body.targetDate).toBeNull();
    expect(body.criteria).toEqual([
      { title: "Security has evidence", description: "", type: "rule", required: true, rule: { type: "all_have_evidence", filter: { label: ["security", "auth"] } } },
      { title: "Deploy checklist verified", description: "", type: "manual", required: false },
    ]);
  });

  it("moves criteria within bounds and names the criteria a save would remove", () => {
    const draft = draftFromGate(gate);
    const moved = moveCriterion(draft.criteria, 0, 1);
    expect(moved.map((c) => c.id)).toEqual(["c2", "c1", "c3"]);
    expect(moveCriterion(draft.criteria, 0, -1)).toBe(draft.criteria);
    expect(moveCriterion(draft.criteria, 2, 1)).toBe(draft.criteria);
    expect(removedCriteria(gate, { ...draft, criteria: draft.criteria.filter((c) => c.id !== "c3") })).toEqual(["CI green"]);
    expect(removedCriteria(null, draft)).toEqual([]);
  });
});
