import { describe, expect, it } from "vitest";
import {
  blockingCriteria,
  buildDecision,
  checkCliExample,
  checkCurlExample,
  describeRule,
  failingItemsByKey,
  failingSummary,
  goRefusal,
  initialRisks,
  isRiskOverdue,
  outOfDateWarning,
  pickGate,
  riskKeyProblem,
  riskKeysFromSnapshot,
  shortHash,
  shortSha,
  type DecisionDraft,
} from "./gate-view-model";

const phases = new Map([["ph1", "Phase 1"], ["ph3", "Phase 3"]]);
const phaseName = (id: string) => phases.get(id);

describe("describeRule", () => {
  it("states each rule in plain language", () => {
    expect(describeRule({ type: "no_open_items", filter: { severity: ["critical", "high"] } }, phaseName)).toBe("No open critical or high items");
    expect(describeRule({ type: "no_open_items", filter: { severity: ["critical", "high"], phase: "ph1" } }, phaseName)).toBe(
      "No open critical or high items in Phase 1",
    );
    expect(describeRule({ type: "all_done", filter: { phase: "ph1" } }, phaseName)).toBe("Every item in Phase 1 is done");
    expect(describeRule({ type: "all_done_or_deferred", filter: { phase: "ph3" } }, phaseName)).toBe(
      "Every item in Phase 3 is done, or deferred with an owner and a due date",
    );
    expect(describeRule({ type: "no_open_blockers", filter: {} }, phaseName)).toBe("No open blockers");
    expect(describeRule({ type: "all_have_evidence", filter: { label: ["security"] } }, phaseName)).toBe("Every item labelled “security” has evidence");
    expect(describeRule({ type: "all_have_evidence", filter: { kind: ["finding"] } }, phaseName)).toBe("Every finding has evidence");
  });

  it("words maxima by their number", () => {
    expect(describeRule({ type: "max_open_items", filter: { severity: ["medium"] }, max: 3 })).toBe("At most 3 open medium items");
    expect(describeRule({ type: "max_open_items", filter: {}, max: 1 })).toBe("At most 1 open item");
    expect(describeRule({ type: "max_open_items", filter: {}, max: 0 })).toBe("No open items");
  });

  it("says so when a phase is gone", () => {
    expect(describeRule({ type: "all_done", filter: { phase: "gone" } }, phaseName)).toBe("Every item in a phase that no longer exists is done");
  });
});

describe("failingSummary", () => {
  it("counts, with the limit and how many are listed", () => {
    const item = { key: "OCC-1", title: "x", status: "open", ownerId: null, dueDate: null };
    expect(failingSummary({ failingCount: 1, failingItems: [item] })).toBe("1 item breaks this rule.");
    expect(failingSummary({ failingCount: 60, failingItems: [item, item], rule: { type: "max_open_items", filter: {}, max: 3 } })).toBe(
      "60 items break this rule (at most 3 allowed); the first 2 are listed.",
    );
  });
});

describe("outOfDateWarning", () => {
  it("warns only when the last decision is out of date", () => {
    expect(outOfDateWarning(undefined, "no_go")).toBeNull();
    expect(outOfDateWarning({ outcome: "go", createdAt: "2025-03-01T12:00:00Z", outOfDate: false }, "go")).toBeNull();
    expect(outOfDateWarning({ outcome: "go_with_risks", createdAt: "2025-03-01T12:00:00Z", outOfDate: true }, "no_go")).toBe(
      "Decided Go with known risks on Mar 1, 2025; the register has changed and Readyroom now recommends No-Go.",
    );
  });
});

describe("go refusal", () => {
  const criteria = [
    { title: "CI passing", required: true, state: "fail" as const },
    { title: "Security review", required: true, state: "pending" as const },
    { title: "Docs", required: false, state: "fail" as const },
    { title: "Smoke", required: true, state: "pass" as const },
  ];
  it("names the required criteria that are not passing", () => {
    expect(blockingCriteria(criteria).map((c) => c.title)).toEqual(["CI passing", "Security review"]);
    expect(goRefusal(criteria)).toBe(
      "Go and Go with known risks need every required criterion to pass: “CI passing” is failing and “Security review” is not yet checked.",
    );
    expect(goRefusal(criteria.slice(2))).toBeNull();
  });
});

describe("decision draft", () => {
  const risks = initialRisks([
    { key: "OCC-4", title: "Flaky upload", status: "deferred", ownerId: "o1", dueDate: "2025-04-01" },
    { key: "OCC-9", title: "Slow search", status: "deferred", ownerId: null, dueDate: null },
  ]);
  const draft: DecisionDraft = { outcome: "go_with_risks", rationale: "  Ship it ", confidence: "medium", risks };

  it("prefills risks from the recommendation", () => {
    expect(risks[0]).toEqual({ itemKey: "OCC-4", title: "Flaky upload", ownerId: "o1", dueDate: "2025-04-01", notes: "" });
    expect(risks[1]?.ownerId).toBe("");
  });

  it("requires an owner and a due date on every risk", () => {
    const { body, errors } = buildDecision(draft, true);
    expect(body).toBeNull();
    expect(errors).toEqual({ "deferredRisks.1.ownerId": "Choose an owner.", "deferredRisks.1.dueDate": "Choose a due date." });
  });

  it("builds the body the API takes", () => {
    const { body } = buildDecision({ ...draft, risks: [{ ...risks[0]!, itemKey: "occ-4", notes: " watch " }] }, true);
    expect(body).toEqual({
      outcome: "go_with_risks",
      rationale: "Ship it",
      confidence: "medium",
      deferredRisks: [{ itemKey: "OCC-4", ownerId: "o1", dueDate: "2025-04-01", notes: "watch" }],
    });
  });

  it("sends no risks with Go or No-Go, and refuses Go while required criteria fail", () => {
    expect(buildDecision({ ...draft, outcome: "no_go" }, false).body?.deferredRisks).toEqual([]);
    expect(buildDecision({ ...draft, outcome: "go" }, false).errors.outcome).toMatch(/Only No-Go/);
    expect(buildDecision({ ...draft, outcome: null, rationale: " " }, true).errors).toEqual({
      outcome: "Choose an outcome.",
      rationale: "Say why: the rationale is required.",
    });
    expect(buildDecision({ ...draft, risks: [] }, true).errors.deferredRisks).toMatch(/at least one/);
  });

  it("checks keys added to the list", () => {
    expect(riskKeyProblem("", risks)).toMatch(/Enter/);
    expect(riskKeyProblem("nope", risks)).toMatch(/not an item key/);
    expect(riskKeyProblem("occ-4", risks)).toBe("OCC-4 is already in the list.");
    expect(riskKeyProblem("OCC-10", risks)).toBeNull();
  });

  it("finds failing items by key, whatever the case", () => {
    const byKey = failingItemsByKey([{ failingItems: [{ key: "OCC-7", title: "T", status: "open", ownerId: null, dueDate: null }] }]);
    expect(byKey.get("OCC-7")?.title).toBe("T");
  });
});

describe("formatting", () => {
  it("shortens hashes and commits", () => {
    expect(shortHash("a".repeat(64))).toHaveLength(12);
    expect(shortSha("0123456789abcdef")).toBe("0123456");
  });

  it("marks unresolved risks past their due date as overdue", () => {
    const now = Date.parse("2025-03-10T12:00:00Z");
    expect(isRiskOverdue({ dueDate: "2025-03-09", resolvedAt: null }, now)).toBe(true);
    expect(isRiskOverdue({ dueDate: "2025-03-10", resolvedAt: null }, now)).toBe(false);
    expect(isRiskOverdue({ dueDate: "2025-03-09", resolvedAt: "2025-03-08T00:00:00Z" }, now)).toBe(false);
  });

  it("reads risk keys from a snapshot and tolerates anything else", () => {
    expect(riskKeysFromSnapshot({ deferredRisks: [{ title: "Flaky upload", itemKey: "OCC-4" }] }).get("Flaky upload")).toBe("OCC-4");
    expect(riskKeysFromSnapshot(null).size).toBe(0);
    expect(riskKeysFromSnapshot({ deferredRisks: "x" }).size).toBe(0);
  });

  it("writes a curl command CI can run", () => {
    const command = checkCurlExample("https://rr.example.com", "acme", "occ", "g1", "c1");
    expect(command).toContain('"https://rr.example.com/api/v1/workspaces/acme/projects/occ/gates/g1/criteria/c1/checks"');
    expect(command).toContain("Authorization: Bearer $READYROOM_API_KEY");
    expect(command).toContain('"status": "pass"');
    expect(command).toContain('-H "Idempotency-Key: $CI_RUN_ID-c1"');
    expect(checkCliExample("acme", "occ", "g1", "c1")).toBe('readyroom check --workspace acme --project occ \\\n  --gate g1 --criterion c1 \\\n  --status pass --summary "Smoke suite green (42 tests)"');
  });

  it("picks the selected gate, or the first", () => {
    const gates = [{ id: "a" }, { id: "b" }];
    expect(pickGate(gates, "b")?.id).toBe("b");
    expect(pickGate(gates, "zzz")?.id).toBe("a");
    expect(pickGate([], null)).toBeUndefined();
  });
});
