import fc from "fast-check";
import { makeRegisterItem } from "@/test/register-item";
import { describe, expect, it } from "vitest";
import { ITEM_KINDS, ITEM_STATUSES, SEVERITIES } from "@/lib/validation/item";
import { csvColumns, detectPreset, mapCsvRows, mappingProblems, parseInstant, proposeMapping, readCsv, registerCsv, REGISTER_CSV_COLUMNS, type CsvTable } from "./register-csv";
import type { RegisterItem, RegisterV1 } from "./register-json";

function table(text: string): CsvTable {
  const r = readCsv(text);
  if (!r.ok) throw new Error(r.message);
  return r.table;
}

function mapped(text: string, preset = detectPreset(table(text).headers)) {
  const t = table(text);
  return mapCsvRows(t, preset, proposeMapping(preset, csvColumns(t).map((c) => c.name)));
}

describe("reading CSV", () => {
  it("reads quoted commas, doubled quotes, line breaks inside fields, CRLF and a BOM", () => {
    const t = table('\uFEFFTitle,Description\r\n"Fix, now","He said ""no""\r\nthen left"\r\nPlain,\r\n');
    expect(t.headers).toEqual(["Title", "Description"]);
    expect(t.rows).toEqual([
      { row: 2, cells: ["Fix, now", 'He said "no"\r\nthen left'] },
      { row: 3, cells: ["Plain", ""] },
    ]);
  });

  it("pads short rows, skips blank lines, and counts rows as records (a multi-line field is one row)", () => {
    const t = table('A,B,C\n1\n\n"x\ny",2,3\n');
    expect(t.rows).toEqual([
      { row: 2, cells: ["1", "", ""] },
      { row: 3, cells: ["x\ny", "2", "3"] },
    ]);
  });

  it("names the row of a broken file", () => {
    expect(readCsv('Title,B\nok,1\n"never closed,2\n')).toMatchObject({ ok: false, row: 3, message: expect.stringContaining("never closed") });
    expect(readCsv('Title,B\nok,1\nbad"quote,2\n')).toMatchObject({ ok: false, row: 3 });
    expect(readCsv("Title,B\nok,1\na,b,c\n")).toMatchObject({ ok: false, row: 3, message: expect.stringContaining("more cells than the header") });
    expect(readCsv("")).toMatchObject({ ok: false, row: 1 });
    expect(readCsv("\n\n")).toMatchObject({ ok: false, row: 1 });
  });

  it("merges columns repeated under one header and keeps samples", () => {
    const t = table("Summary,Labels,Labels,Sprint,Sprint\nA,ui,perf,Sprint 1,Sprint 2\nB,,,,\n");
    expect(csvColumns(t)).toEqual([
      { name: "Summary", indexes: [0], samples: ["A", "B"] },
      { name: "Labels", indexes: [1, 2], samples: ["ui"] },
      { name: "Sprint", indexes: [3, 4], samples: ["Sprint 1"] },
    ]);
  });
});

const JIRA = [
  "Summary,Issue key,Issue id,Issue Type,Status,Priority,Assignee,Labels,Labels,Description,Sprint,Sprint,Created,Resolved,Due Date",
  'Token in window,ABC-12,10012,Bug,Done,Highest,Ada Lovelace,security,frontend,"Moves the JWT, finally",Sprint 1,Sprint 2,10/Jan/24 9:15 AM,12/Jan/24 3:45 PM,20/Jan/24 12:00 AM',
  "Rate limits,ABC-13,10013,Story,To Do,Low,,,,,Sprint 2,,11/Jan/24 10:00 AM,,",
  "Odd one,ABC-14,10014,Chore,Waiting for Legal,Medium,,,,,,,11/Jan/24 10:00 AM,,",
].join("\n");

const LINEAR = [
  "ID,Team,Title,Description,Status,Estimate,Priority,Project,Assignee,Labels,Cycle Name,Due Date,Completed",
  'ENG-7,Eng,Bound the cache,,In Progress,3,Urgent,Hardening,ada@example.com,"Bug, Backend",Cycle 4,2024-02-01,',
  "ENG-8,Eng,Drop old flag,,Canceled,,No priority,,,,,,2024-02-03T10:00:00.000Z",
].join("\n");

const GITHUB_PROJECT = [
  "Title,URL,Assignees,Status,Labels,Milestone,Repository",
  'Add CSP,https://github.com/acme/app/issues/12,"octo, hubot",Done,"security, web",v1.0,acme/app',
].join("\n");

const GITHUB_ISSUES = ["Number,Title,State,Labels,Assignees,Milestone,Body", "41,Graceful shutdown,closed,reliability,octo,v1.0,SIGTERM path", "42,JSON 404,open,,,,"].join("\n");

describe("presets", () => {
  it("recognises each tracker's export by its header", () => {
    expect(detectPreset(table(JIRA).headers)).toBe("jira");
    expect(detectPreset(table(LINEAR).headers)).toBe("linear");
    expect(detectPreset(table(GITHUB_PROJECT).headers)).toBe("github");
    expect(detectPreset(table(GITHUB_ISSUES).headers)).toBe("github");
    expect(detectPreset(REGISTER_CSV_COLUMNS.map((c) => c.header))).toBe("readyroom");
    expect(detectPreset(["Name", "Notes"])).toBe("custom");
  });

  it("maps Jira's usual columns, and leaves Created unmapped", () => {
    const t = table(JIRA);
    expect(proposeMapping("jira", csvColumns(t).map((c) => c.name))).toEqual({
      Summary: "title",
      "Issue key": "externalId",
      "Issue id": null,
      "Issue Type": "kind",
      Status: "status",
      Priority: "severity",
      Assignee: "owner",
      Labels: "labels",
      Description: "description",
      Sprint: "phase",
      Created: null,
      Resolved: "closedAt",
      "Due Date": "dueDate",
    });
  });

  it("reads Jira values: priorities, statuses, types, the latest sprint, repeated labels, its dates", () => {
    const [a, b, c] = mapped(JIRA);
    expect(a).toMatchObject({
      row: 2,
      externalId: "jira:ABC-12",
      phase: "Sprint 2",
      owner: "Ada Lovelace",
      values: { title: "Token in window", kind: "finding", status: "done", severity: "critical", labels: ["security", "frontend"], description: "Moves the JWT, finally", closedAt: "2024-01-12T15:45:00.000Z", dueDate: "2024-01-20" },
      errors: [],
      warnings: [],
    });
    expect(b).toMatchObject({ externalId: "jira:ABC-13", phase: "Sprint 2", owner: null, values: { kind: "task", status: "open", severity: "low", labels: [], closedAt: null, dueDate: null } });
    expect(c!.values.status).toBe("open");
    expect(c!.warnings).toEqual(["status “Waiting for Legal” is not known; read as open"]);
  });

  it("reads Linear values: Urgent, No priority, Canceled, cycles as phases, projects as labels", () => {
    const [a, b] = mapped(LINEAR);
    expect(a).toMatchObject({ externalId: "linear:ENG-7", phase: "Cycle 4", owner: "ada@example.com", values: { severity: "critical", status: "in_progress", effort: "3", labels: ["Hardening", "Bug", "Backend"], dueDate: "2024-02-01" } });
    expect(b).toMatchObject({ externalId: "linear:ENG-8", phase: null, values: { severity: "medium", status: "wont_fix", closedAt: "2024-02-03T10:00:00.000Z" } });
  });

  it("reads GitHub project and issues exports: ids from URLs or numbers, open/closed, the first assignee", () => {
    const [p] = mapped(GITHUB_PROJECT);
    expect(p).toMatchObject({ externalId: "github:acme/app#12", owner: "octo", phase: "v1.0", values: { status: "done", labels: ["security", "web"] } });
    expect(p!.warnings).toEqual(["2 assignees; the owner is octo"]);
    const [closed, open] = mapped(GITHUB_ISSUES);
    expect(closed).toMatchObject({ externalId: "github:#41", values: { status: "done", description: "SIGTERM path", labels: ["reliability"] } });
    expect(open).toMatchObject({ externalId: "github:#42", values: { status: "open" }, phase: null });
  });

  it("lets a mapping override the preset, and says what is wrong with one", () => {
    const t = table(JIRA);
    const columns = csvColumns(t).map((c) => c.name);
    const mapping = { ...proposeMapping("jira", columns), Sprint: null, Labels: "phase" as const };
    const [a] = mapCsvRows(t, "jira", mapping);
    expect(a!.phase).toBe("frontend");
    expect(a!.values.labels).toBeUndefined();
    expect(mappingProblems({ ...mapping, Priority: "status" }, columns)).toEqual([{ path: "mapping.Priority", message: "status is mapped from two columns (Status, Priority); choose one" }]);
    expect(mappingProblems({ Summary: null }, columns)).toEqual([{ path: "mapping", message: "map a column to title" }]);
    expect(mappingProblems({ Summary: "title", Nope: "labels" }, columns)[0]!.path).toBe("mapping.Nope");
  });

  it("reports a row's errors by row number and never drops them", () => {
    const rows = mapped(["Summary,Issue key,Due Date,Status", ",ABC-1,,Done", "Ok,ABC-2,31/Feb/24,", "Again,ABC-2,,", "x".repeat(301) + ",ABC-3,,"].join("\n"), "jira");
    expect(rows.map((r) => [r.row, r.errors])).toEqual([
      [2, ["the title is empty"]],
      [3, ["due date “31/Feb/24” is not a date (use YYYY-MM-DD)"]],
      [4, ["the same external id (jira:ABC-2) as row 3"]],
      [5, ["the title is 301 characters long; at most 300"]],
    ]);
  });

  it("refuses an external id longer than the register file's 500 characters (the database indexes it)", () => {
    const long = Array.from({ length: 3_000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20_000))).join("");
    const [a, b] = mapped(`Title,External id\nLong,${long}\nShort,${"x".repeat(496)}\n`);
    expect(a).toMatchObject({ externalId: null, errors: ["the external id is 3004 characters long; at most 500"] });
    expect(b).toMatchObject({ externalId: `csv:${"x".repeat(496)}`, errors: [] });
  });

  it("refuses a position out of the board's range (a double near the largest one cannot be stored)", () => {
    const rows = mapped("Title,Position\nA,1.7976931348623155e308\nB,-1e16\nC,12.5\n", "readyroom");
    expect(rows.map((r) => r.errors)).toEqual([["position 1.7976931348623155e308 is out of range (at most 1000000000000000 either side of 0)"], ["position -1e16 is out of range (at most 1000000000000000 either side of 0)"], []]);
    expect(rows[2]!.values.position).toBe(12.5);
  });

  it("gives rows without an id column a stable id from their title, so a re-import matches them", () => {
    const [a] = mapped("Name,Notes\nFix the cache,soon\n");
    expect(a).toMatchObject({ externalId: "csv:title:fix-the-cache", values: { title: "Fix the cache", description: "soon" } });
  });
});

describe("dates", () => {
  it("reads ISO dates and times, Jira's format, and refuses days that do not exist", () => {
    expect(parseInstant("2024-01-12")?.toISOString()).toBe("2024-01-12T00:00:00.000Z");
    expect(parseInstant("2024-01-12T10:00:00+02:00")?.toISOString()).toBe("2024-01-12T08:00:00.000Z");
    expect(parseInstant("2024-01-12 10:30")?.toISOString()).toBe("2024-01-12T10:30:00.000Z");
    expect(parseInstant("12/Jan/24 12:30 AM")?.toISOString()).toBe("2024-01-12T00:30:00.000Z");
    expect(parseInstant("2024-02-30")).toBeNull();
    expect(parseInstant("next week")).toBeNull();
  });
});

// ───────────────────────────── export → import ─────────────────────────────

const { number: _number, key: _key, ...base } = makeRegisterItem(0);

function register(items: RegisterItem[], phases: { ref: string; name: string }[] = [], dependencies: RegisterV1["dependencies"] = []): RegisterV1 {
  return {
    schema: "readyroom.register",
    version: 1,
    exportedAt: "2026-01-01T00:00:00.000Z",
    project: { name: "P", keyPrefix: "OCC", description: "" },
    owners: [],
    phases: phases.map((p, i) => ({ ...p, externalId: null, position: i, objective: "", deliverables: "", acceptanceCriteria: "", exitCriteria: "", risks: "", estimate: null, estimateDays: null, owner: null, dependsOn: [] })),
    items,
    dependencies,
    gates: [],
  };
}

function roundTrip(reg: RegisterV1) {
  const t = table(registerCsv(reg));
  expect(detectPreset(t.headers)).toBe("readyroom");
  return mapCsvRows(t, "readyroom", proposeMapping("readyroom", csvColumns(t).map((c) => c.name)));
}

describe("the Readyroom CSV export", () => {
  it("writes documented columns, lists joined with “; ”, and guards cells a spreadsheet would run", () => {
    const csv = registerCsv(
      register(
        [
          { ...base, number: 1, key: "OCC-1", title: "=HYPERLINK(\"http://evil\")", labels: ["a", "b"], files: ["src/a.ts", "src/b.ts"], phase: "#1", description: "- a list\n- item" },
          { ...base, number: 2, key: "OCC-2", title: "Second", blocker: true },
        ],
        [{ ref: "#1", name: "Phase 1" }],
        [{ blocker: 2, blocked: 1 }],
      ),
    );
    expect(csv.startsWith("\uFEFFKey,External id,Title,Kind,Severity,Status,Blocker,Phase,Owner,")).toBe(true);
    expect(csv).toContain('OCC-1,,"\'=HYPERLINK(""http://evil"")",task,medium,open,no,Phase 1,');
    expect(csv).toContain("a; b,src/a.ts; src/b.ts");
    expect(csv).toContain('"\'- a list\n- item"');
    const [first, second] = roundTrip(register([{ ...base, number: 1, key: "OCC-1", title: "=1+1" }, { ...base, number: 2, key: "OCC-2", title: "'quoted", description: "@home" }]));
    expect(first!.values.title).toBe("=1+1");
    expect(second!.values).toMatchObject({ title: "'quoted", description: "@home" });
  });

  it("round-trips generated items: every field a CSV row carries comes back as it was", () => {
    const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._/=+@'",\-]{0,20}[A-Za-z0-9.]$/);
    const textValue = fc.oneof(fc.constant(""), fc.string({ maxLength: 40 }), fc.constantFrom("line one\nline two", "a, \"quoted\" value", "=SUM(A1)", "-starts with a dash", "\r\nodd breaks\r"));
    const listValue = fc.uniqueArray(word.filter((w) => !w.includes(";")), { maxLength: 4 });
    const item = fc.record({
      title: word,
      description: textValue,
      kind: fc.constantFrom(...ITEM_KINDS),
      severity: fc.constantFrom(...SEVERITIES),
      status: fc.constantFrom(...ITEM_STATUSES),
      blocker: fc.boolean(),
      effort: fc.option(word, { nil: null }),
      dueDate: fc.option(fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), { nil: null }),
      impact: textValue,
      reproSteps: textValue,
      rootCause: textValue,
      recommendedFix: textValue,
      fixPrUrl: fc.option(fc.constantFrom("https://github.com/acme/app/pull/1", "http://example.com/a?b=c,d"), { nil: null }),
      files: listValue,
      auditRefs: listValue,
      acceptanceCriteria: textValue,
      verificationCommand: fc.option(fc.constantFrom("npm test", "make check && ./stack verify"), { nil: null }),
      labels: listValue,
      position: fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true }),
      closedAt: fc.option(fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString()), { nil: null }),
      externalId: fc.option(word.map((w) => `ext:${w}`), { nil: null }),
      phase: fc.constantFrom(null, "#1", "#2"),
    });
    fc.assert(
      fc.property(fc.uniqueArray(item, { minLength: 1, maxLength: 8, selector: (i) => i.externalId ?? Math.random() }), fc.array(fc.tuple(fc.nat(7), fc.nat(7)), { maxLength: 6 }), (generated, deps) => {
        const items: RegisterItem[] = generated.map((g, i) => ({ ...base, ...g, number: i + 1, key: `OCC-${i + 1}` }));
        const dependencies = [...new Map(deps.filter(([a, b]) => a !== b && a < items.length && b < items.length).map(([a, b]) => [`${a}>${b}`, { blocker: a + 1, blocked: b + 1 }])).values()];
        const rows = roundTrip(register(items, [{ ref: "#1", name: "Phase one" }, { ref: "#2", name: "Phase, two" }], dependencies));
        expect(rows.map((r) => [r.errors, r.warnings])).toEqual(items.map(() => [[], []]));
        rows.forEach((row, i) => {
          const original = items[i]!;
          const { number: _n, key: _k, externalId, phase, owner: _o, evidence: _e, ...values } = original;
          expect(row.number).toBe(original.number);
          expect(row.externalId).toBe(externalId);
          expect(row.phase).toBe(phase === null ? null : phase === "#1" ? "Phase one" : "Phase, two");
          expect(row.values).toEqual({ ...values, position: Number(String(values.position)) });
          expect(row.blockedBy).toEqual(dependencies.filter((d) => d.blocked === original.number).map((d) => d.blocker).sort((a, b) => a - b));
        });
      }),
      { numRuns: 150 },
    );
  });
});
