import { describe, expect, it } from "vitest";
import { readRegisterJson, registerJsonText, type RegisterV1 } from "./register-json";

function doc(): RegisterV1 {
  return {
    schema: "readyroom.register",
    version: 1,
    exportedAt: "2026-11-20T10:00:00.000Z",
    project: { name: "Cowork", keyPrefix: "OCC", description: "" },
    owners: [{ name: "Platform", kind: "team", email: null }],
    phases: [
      { ref: "phase-1", externalId: "phase-1", name: "Phase 1", position: 0, objective: "", deliverables: "", acceptanceCriteria: "", exitCriteria: "", risks: "", estimate: null, estimateDays: null, owner: "Platform", dependsOn: [] },
      { ref: "#2", externalId: null, name: "Phase 2", position: 1, objective: "", deliverables: "", acceptanceCriteria: "", exitCriteria: "", risks: "", estimate: "2 days", estimateDays: 2, owner: null, dependsOn: ["phase-1"] },
    ],
    items: [1, 2].map((number) => ({
      number,
      key: `OCC-${number}`,
      externalId: number === 1 ? "todo:a" : null,
      title: `Item ${number}`,
      description: "",
      kind: "finding" as const,
      severity: "high" as const,
      status: "open" as const,
      blocker: false,
      phase: "phase-1",
      owner: "Platform",
      effort: null,
      dueDate: "2026-12-01",
      impact: "",
      reproSteps: "",
      rootCause: "",
      recommendedFix: "",
      fixPrUrl: null,
      files: [],
      auditRefs: [],
      acceptanceCriteria: "",
      verificationCommand: null,
      labels: ["security"],
      position: number,
      closedAt: null,
      evidence: [{ kind: "link" as const, url: "https://ci.example.com/1", command: null, output: null, note: null, filePath: null, createdAt: "2026-11-01T00:00:00.000Z", createdBy: null }],
    })),
    dependencies: [{ blocker: 1, blocked: 2 }],
    gates: [
      {
        externalId: null,
        name: "v1.0",
        description: "",
        targetDate: null,
        position: 0,
        requiredApprovals: 1,
        approvers: [],
        criteria: [
          { title: "Phase 1 done", description: "", type: "rule", required: true, rule: { type: "all_done", filter: { phase: "phase-1" } }, evidence: [] },
          { title: "Sign-off", description: "", type: "manual", required: false, rule: null, evidence: [] },
        ],
      },
    ],
  };
}

const read = (value: unknown) => readRegisterJson(typeof value === "string" ? value : JSON.stringify(value));
const errorOf = (value: unknown) => {
  const r = read(value);
  if (r.ok) throw new Error("expected an error");
  return r;
};

describe("readRegisterJson", () => {
  it("reads a complete document back as it was written", () => {
    const r = read(registerJsonText(doc()));
    expect(r).toEqual({ ok: true, register: doc() });
  });

  it("names a file of another schema or version before looking at its fields", () => {
    expect(errorOf({ ...doc(), schema: "acme.issues" })).toMatchObject({ code: "unsupported_schema", details: [{ path: "schema" }] });
    expect(errorOf({ hello: "world" }).code).toBe("unsupported_schema");
    expect(errorOf([1, 2]).code).toBe("unsupported_schema");
    const v2 = errorOf({ ...doc(), version: 2, items: "whatever" });
    expect(v2.code).toBe("unsupported_schema");
    expect(v2.message).toContain("Version 2");
    expect(v2.details).toEqual([{ path: "version", message: "expected 1" }]);
  });

  it("refuses text that is not JSON", () => {
    expect(errorOf("{ not json").code).toBe("invalid_json");
  });

  it("accepts a UTF-8 BOM", () => {
    expect(read(`\uFEFF${JSON.stringify(doc())}`).ok).toBe(true);
  });

  it("names each wrong field by its path", () => {
    const bad = doc();
    (bad.items[0] as { status: string }).status = "finished";
    (bad.items[1] as { fixPrUrl: string }).fixPrUrl = "javascript:alert(1)";
    const r = errorOf(bad);
    expect(r.code).toBe("validation_failed");
    expect(r.details.map((d) => d.path)).toEqual(expect.arrayContaining(["items.0.status", "items.1.fixPrUrl"]));
    expect(errorOf({ ...doc(), extra: true }).code).toBe("validation_failed");
  });

  it("refuses text the database cannot store (NUL, lone surrogates, year 0) as a wrong field, by path", () => {
    // Written as escapes in the file: JSON.parse turns them into the characters.
    const nul = errorOf(JSON.stringify(doc()).replace('"Item 2"', '"Item\\u00002"'));
    expect(nul).toMatchObject({ code: "validation_failed", details: [{ path: "items.1.title", message: "must not contain the NUL character (U+0000)" }] });
    const surrogate = errorOf(JSON.stringify(doc()).replace('"security"', '"sec\\ud800"'));
    expect(surrogate).toMatchObject({ code: "validation_failed", details: [{ path: "items.0.labels.0" }] });
    const yearZero = doc();
    yearZero.items[0]!.dueDate = "0000-02-29";
    expect(errorOf(yearZero).details).toEqual([{ path: "items.0.dueDate", message: "must be between the years 0001 and 9999" }]);
  });

  it("checks that every reference points at something defined once", () => {
    const bad = doc();
    bad.items[0]!.phase = "phase-9";
    bad.items[1]!.owner = "Nobody";
    bad.items[1]!.number = 1;
    bad.phases[1]!.dependsOn = ["#2"];
    bad.dependencies.push({ blocker: 7, blocked: 1 });
    bad.owners.push({ name: "platform", kind: "team", email: null });
    const paths = errorOf(bad).details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["items.0.phase", "items.1.owner", "items.1.number", "phases.1.dependsOn.0", "dependencies.1.blocker", "owners.1.name"]));
  });

  it("validates gate rules as the API does, with phases named by ref", () => {
    const unknownPhase = doc();
    unknownPhase.gates[0]!.criteria[0]!.rule = { type: "all_done", filter: { phase: "nope" } };
    expect(errorOf(unknownPhase).details.map((d) => d.path)).toContain("gates.0.criteria.0.rule.filter.phase");
    const badRule = doc();
    badRule.gates[0]!.criteria[0]!.rule = { type: "max_open_items", filter: {} };
    expect(errorOf(badRule).details[0]!.path).toMatch(/^gates\.0\.criteria\.0\.rule/);
    const ruleOnManual = doc();
    ruleOnManual.gates[0]!.criteria[1]!.rule = { type: "no_open_blockers", filter: {} };
    expect(errorOf(ruleOnManual).details.map((d) => d.path)).toContain("gates.0.criteria.1.rule");
    const missingRule = doc();
    missingRule.gates[0]!.criteria[0]!.rule = null;
    expect(errorOf(missingRule).details.map((d) => d.path)).toContain("gates.0.criteria.0.rule");
  });
});
