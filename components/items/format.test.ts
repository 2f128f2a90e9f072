import { describe, expect, it } from "vitest";
import { describeActivity, formatDay, formatRelative, isOverdue, joinKeys, openBlockerKeys } from "./format";

const NOW = Date.parse("2025-06-15T12:00:00Z");

describe("formatRelative", () => {
  it("reads like a person would say it", () => {
    expect(formatRelative("2025-06-15T11:59:50Z", NOW)).toBe("just now");
    expect(formatRelative("2025-06-15T11:58:00Z", NOW)).toBe("2 min ago");
    expect(formatRelative("2025-06-15T09:00:00Z", NOW)).toBe("3 h ago");
    expect(formatRelative("2025-06-14T10:00:00Z", NOW)).toBe("yesterday");
    expect(formatRelative("2025-06-11T12:00:00Z", NOW)).toBe("4 days ago");
    expect(formatRelative("2025-01-02T12:00:00Z", NOW)).toMatch(/2025/);
  });
});

describe("dates", () => {
  it("shows a calendar date the same in every time zone", () => {
    expect(formatDay("2025-03-01")).toBe("Mar 1, 2025");
  });

  it("flags overdue open items only", () => {
    expect(isOverdue("2025-06-14", "open", NOW)).toBe(true);
    expect(isOverdue("2025-06-15", "open", NOW)).toBe(false);
    expect(isOverdue("2025-06-14", "done", NOW)).toBe(false);
    expect(isOverdue(null, "open", NOW)).toBe(false);
  });
});

describe("joinKeys", () => {
  it("joins keys as a sentence", () => {
    expect(joinKeys(["OCC-3"])).toBe("OCC-3");
    expect(joinKeys(["OCC-3", "OCC-5"])).toBe("OCC-3 and OCC-5");
    expect(joinKeys(["OCC-3", "OCC-5", "OCC-8"])).toBe("OCC-3, OCC-5 and OCC-8");
  });
});

describe("describeActivity", () => {
  it("describes a field change with readable values", () => {
    expect(describeActivity({ action: "updated", field: "status", from: "open", to: "in_progress" })).toBe("changed status from open to in progress");
    expect(describeActivity({ action: "updated", field: "owner", from: null, to: { id: "o1", name: "Max" } })).toBe("set owner to Max");
    expect(describeActivity({ action: "updated", field: "dueDate", from: "2025-03-01", to: null })).toBe("cleared due date (was Mar 1, 2025)");
    expect(describeActivity({ action: "updated", field: "description", from: "a", to: "b" })).toBe("changed the description");
    expect(describeActivity({ action: "updated", field: "blocker", from: false, to: true })).toBe("changed blocker flag from no to yes");
  });

  it("describes actions without a field", () => {
    expect(describeActivity({ action: "item.created", field: null, from: null, to: null })).toBe("created the item");
    expect(describeActivity({ action: "comment.added", field: null, from: null, to: null })).toBe("commented");
    expect(describeActivity({ action: "evidence.added", field: "evidence", from: null, to: "command" })).toBe("added evidence: command output");
    expect(describeActivity({ action: "item.updated", field: "phase", from: "Phase 1", to: "Phase 2" })).toBe("changed phase from Phase 1 to Phase 2");
    expect(describeActivity({ action: "item.archived", field: null, from: null, to: null })).toBe("item archived");
  });
});

describe("openBlockerKeys", () => {
  const known = [
    { key: "OCC-1", status: "done" },
    { key: "OCC-3", status: "open" },
  ];

  it("reads the keys the server named, as strings or objects", () => {
    expect(openBlockerKeys({ keys: ["OCC-3", "OCC-5"] }, known)).toEqual(["OCC-3", "OCC-5"]);
    expect(openBlockerKeys({ blockers: [{ key: "OCC-5", status: "open" }, { key: "OCC-1", status: "done" }] }, known)).toEqual(["OCC-5"]);
  });

  it("ignores the item's own key outside a list", () => {
    expect(openBlockerKeys({ key: "OCC-9", openBlockers: ["OCC-5"] }, known)).toEqual(["OCC-5"]);
  });

  it("falls back to the open blockers the page knows", () => {
    expect(openBlockerKeys(undefined, known)).toEqual(["OCC-3"]);
  });
});
