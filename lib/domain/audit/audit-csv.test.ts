import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { AUDIT_CSV_HEADER, auditCsv, type AuditCsvRow } from "./audit-csv";

const row = (over: Partial<AuditCsvRow> = {}): AuditCsvRow => ({
  createdAt: new Date("2026-03-01T12:00:00.000Z"),
  actor: "Ada Lovelace",
  actorId: "user_1",
  action: "item.updated",
  targetType: "item",
  targetId: "item_1",
  ip: "203.0.113.7",
  requestId: "req_1",
  metadata: { title: "New" },
  ...over,
});

const read = (text: string) => parse(text, { bom: true }) as string[][];

describe("auditCsv", () => {
  it("writes a BOM and the header with the first chunk only, CRLF after every record", () => {
    const first = auditCsv([row()], { header: true });
    expect(first.startsWith("\ufeffTime,Actor,Actor id,Action,Object type,Object id,IP,Request id,Details\r\n")).toBe(true);
    expect(first.endsWith("\r\n")).toBe(true);
    const next = auditCsv([row()], { header: false });
    expect(next.startsWith("\ufeff")).toBe(false);
    expect(next.startsWith("2026-03-01T12:00:00.000Z,")).toBe(true);
    expect(auditCsv([], { header: false })).toBe("");
    expect(read(auditCsv([], { header: true }))).toEqual([[...AUDIT_CSV_HEADER]]);
  });

  it("writes the columns in order, details as JSON, and empty cells for nulls", () => {
    const [, cells] = read(auditCsv([row({ targetId: null, ip: null, requestId: null })], { header: true }));
    expect(cells).toEqual(["2026-03-01T12:00:00.000Z", "Ada Lovelace", "user_1", "item.updated", "item", "", "", "", '{"title":"New"}']);
  });

  it("quotes commas, quotes and line breaks so the file reads back exactly", () => {
    const tricky = 'Say "hi", then\nleave\r\nnow';
    const text = auditCsv([row({ actor: tricky, metadata: { note: 'a,"b"\nc' } })], { header: true });
    expect(text).toContain('"Say ""hi"", then\nleave\r\nnow"');
    const [, cells] = read(text);
    expect(cells![1]).toBe(tricky);
    expect(JSON.parse(cells![8]!)).toEqual({ note: 'a,"b"\nc' });
  });

  it("neutralises cells a spreadsheet would run as formulas with a leading apostrophe", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      const value = `${start}HYPERLINK("https://evil.example","x")`;
      const [, cells] = read(auditCsv([row({ actor: value, targetId: value, action: value })], { header: true }));
      expect(cells![1], JSON.stringify(start)).toBe(`'${value}`);
      expect(cells![3]).toBe(`'${value}`);
      expect(cells![5]).toBe(`'${value}`);
    }
    const [, plain] = read(auditCsv([row({ actor: "a=b" })], { header: true }));
    expect(plain![1]).toBe("a=b");
  });
});
