import { describe, expect, it } from "vitest";
import { gateRule, type GateRule } from "@/lib/validation/gate";
import { breaksRule, checkState, isProperlyDeferred, manualState, recommend, ruleState, type EvaluatedCriterion, type FailingItem } from "./gates";

const base = { status: "open", blocker: false, ownerId: null as string | null, dueDate: null as string | null, evidenceCount: 0 };
const rule = (value: unknown): GateRule => gateRule.parse(value);

function failing(key: string, over: Partial<FailingItem> = {}): FailingItem {
  return { key, title: `Item ${key}`, status: "open", ownerId: null, dueDate: null, ...over };
}

function criterion(title: string, required: boolean, state: EvaluatedCriterion["state"], failingItems: FailingItem[] = []): EvaluatedCriterion {
  return { id: title, title, required, state, failingItems };
}

describe("rule kinds", () => {
  it("no_open_items: open, in progress, blocked and in review items break it; closed and deferred ones do not", () => {
    const r = rule({ type: "no_open_items", filter: { severity: ["critical", "high"] } });
    for (const status of ["open", "in_progress", "blocked", "in_review"]) expect(breaksRule(r, { ...base, status }), status).toBe(true);
    for (const status of ["done", "wont_fix", "deferred"]) expect(breaksRule(r, { ...base, status }), status).toBe(false);
    expect(ruleState(r, 0)).toBe("pass");
    expect(ruleState(r, 1)).toBe("fail");
  });

  it("all_done: anything not done or won't fix breaks it, deferred included", () => {
    const r = rule({ type: "all_done", filter: { phase: "phase-1" } });
    expect(breaksRule(r, { ...base, status: "deferred", ownerId: "o", dueDate: "2026-12-01" })).toBe(true);
    expect(breaksRule(r, { ...base, status: "done" })).toBe(false);
    expect(breaksRule(r, { ...base, status: "wont_fix" })).toBe(false);
  });

  it("all_done_or_deferred: a deferral counts only with an owner and a due date", () => {
    const r = rule({ type: "all_done_or_deferred", filter: { phase: "phase-3" } });
    expect(breaksRule(r, { ...base, status: "deferred", ownerId: "o", dueDate: "2026-12-01" })).toBe(false);
    expect(breaksRule(r, { ...base, status: "deferred", ownerId: "o", dueDate: null })).toBe(true);
    expect(breaksRule(r, { ...base, status: "deferred", ownerId: null, dueDate: "2026-12-01" })).toBe(true);
    expect(breaksRule(r, { ...base, status: "in_review" })).toBe(true);
    expect(breaksRule(r, { ...base, status: "done" })).toBe(false);
  });

  it("no_open_blockers: only open items flagged as blockers", () => {
    const r = rule({ type: "no_open_blockers" });
    expect(breaksRule(r, { ...base, blocker: true })).toBe(true);
    expect(breaksRule(r, { ...base, blocker: true, status: "done" })).toBe(false);
    expect(breaksRule(r, { ...base, blocker: false })).toBe(false);
  });

  it("all_have_evidence: an item without evidence breaks it, whatever its status", () => {
    const r = rule({ type: "all_have_evidence", filter: { label: ["security"] } });
    expect(breaksRule(r, { ...base, status: "done", evidenceCount: 0 })).toBe(true);
    expect(breaksRule(r, { ...base, evidenceCount: 2 })).toBe(false);
  });

  it("max_open_items: passes up to the limit, fails past it", () => {
    const r = rule({ type: "max_open_items", filter: { severity: ["medium"] }, max: 3 });
    expect(breaksRule(r, base)).toBe(true);
    expect(ruleState(r, 3)).toBe("pass");
    expect(ruleState(r, 4)).toBe("fail");
    expect(ruleState(rule({ type: "max_open_items", max: 0 }), 0)).toBe("pass");
  });

  it("rejects unknown rules and filters", () => {
    expect(() => rule({ type: "everything_fine" })).toThrow();
    expect(() => rule({ type: "no_open_items", filter: { colour: "red" } })).toThrow();
    expect(() => rule({ type: "max_open_items" })).toThrow();
  });

  it("manual and check criteria are pending until marked or posted; the latest counts", () => {
    expect(manualState(null)).toBe("pending");
    expect(manualState({ result: "fail" })).toBe("fail");
    expect(checkState(null)).toBe("pending");
    expect(checkState({ status: "pending" })).toBe("pending");
    expect(checkState({ status: "pass" })).toBe("pass");
  });
});

describe("recommendation", () => {
  it("is Go when every criterion passes", () => {
    expect(recommend([criterion("CI green", true, "pass"), criterion("Polish deferred", false, "pass")]).outcome).toBe("go");
  });

  it("is No-Go when a required criterion fails or is still pending, and says which", () => {
    const result = recommend([criterion("Phase 1 items complete with tests", true, "fail", [failing("OCC-8")]), criterion("CI workflows active and passing", true, "pending")]);
    expect(result.outcome).toBe("no_go");
    expect(result.reason).toBe("No-Go: required “Phase 1 items complete with tests” fails, and “CI workflows active and passing” is not yet checked.");
    expect(recommend([criterion("Smoke suite passes", true, "pending")]).outcome).toBe("no_go");
  });

  it("is Go with known risks when only advisory criteria fail and every failing item is deferred with an owner and a due date", () => {
    const deferred = failing("OCC-30", { status: "deferred", ownerId: "max", dueDate: "2026-12-15" });
    const result = recommend([criterion("CI green", true, "pass"), criterion("Phase 3 polish deferred", false, "fail", [deferred])]);
    expect(result.outcome).toBe("go_with_risks");
    expect(result.deferredRisks.map((i) => i.key)).toEqual(["OCC-30"]);
  });

  it("is No-Go when an advisory failure rests on an item deferred without a due date, or not deferred at all", () => {
    const noDate = failing("OCC-31", { status: "deferred", ownerId: "max", dueDate: null });
    const open = failing("OCC-32");
    const result = recommend([criterion("Phase 3 polish deferred", false, "fail", [noDate, open])]);
    expect(result.outcome).toBe("no_go");
    expect(result.reason).toContain("OCC-31, OCC-32");
    expect(isProperlyDeferred(noDate)).toBe(false);
  });

  it("treats a pending advisory criterion as a known risk, never as a pass", () => {
    const result = recommend([criterion("Required", true, "pass"), criterion("Nice to have", false, "pending")]);
    expect(result.outcome).toBe("go_with_risks");
    expect(result.reason).toContain("not yet checked");
  });

  it("is Go for a gate without criteria, and says so", () => {
    expect(recommend([])).toEqual({ outcome: "go", reason: "Go: this gate has no criteria yet.", deferredRisks: [] });
  });
});

/**
 * The gate of shared/fixtures/plans/open-claude-final-plan.plan.md:
 *   Release is No-Go until all are true: Phase 1 items complete with tests; Phase 2
 *   lifecycle/resource protections complete; CI workflows active and passing; smoke
 *   suite passes; production env/deploy checklist documented and verified.
 *   Release can be Go with Known Risks only if: Phase 3 polish items marked
 *   non-blocking are explicitly deferred with owners and dates.
 */
describe("the Open Claude Cowork release gate", () => {
  const polishDeferred = [
    failing("OCC-26", { title: "Dark mode support", status: "deferred", ownerId: "max", dueDate: "2026-12-20" }),
    failing("OCC-27", { title: "Token-expiry UX", status: "deferred", ownerId: "max", dueDate: "2026-12-22" }),
  ];
  const gate = (over: Partial<Record<string, EvaluatedCriterion>> = {}) => {
    const all: Record<string, EvaluatedCriterion> = {
      phase1: criterion("Phase 1 items complete with tests", true, "pass"),
      phase2: criterion("Phase 2 lifecycle/resource protections complete", true, "pass"),
      ci: criterion("CI workflows active and passing on target branch", true, "pass"),
      smoke: criterion("Smoke suite passes agreed baseline", true, "pass"),
      deploy: criterion("Production env/deploy checklist documented and verified", true, "pass"),
      polish: criterion("Phase 3 polish explicitly deferred with owners and dates", false, "pass"),
      ...over,
    };
    return recommend(Object.values(all));
  };

  it("is No-Go until every “No-Go until” line holds", () => {
    expect(gate({ phase1: criterion("Phase 1 items complete with tests", true, "fail", [failing("OCC-8")]) }).outcome).toBe("no_go");
    expect(gate({ ci: criterion("CI workflows active and passing on target branch", true, "pending") }).outcome).toBe("no_go");
    expect(gate({ deploy: criterion("Production env/deploy checklist documented and verified", true, "fail") }).outcome).toBe("no_go");
  });

  it("is Go with known risks when only the Phase 3 polish is left, deferred with owners and dates", () => {
    const result = gate({ polish: criterion("Phase 3 polish explicitly deferred with owners and dates", false, "fail", polishDeferred) });
    expect(result.outcome).toBe("go_with_risks");
    expect(result.deferredRisks.map((r) => r.key)).toEqual(["OCC-26", "OCC-27"]);
  });

  it("is No-Go when the polish is merely postponed without a date", () => {
    const undated = [polishDeferred[0]!, { ...polishDeferred[1]!, dueDate: null }];
    expect(gate({ polish: criterion("Phase 3 polish explicitly deferred with owners and dates", false, "fail", undated) }).outcome).toBe("no_go");
  });

  it("is Go when everything is done", () => {
    expect(gate().outcome).toBe("go");
  });
});
