import { describe, expect, it } from "vitest";
import { auditLogSearch, searchString } from "./audit-log-search";

describe("auditLogSearch", () => {
  it("drops empty fields and passes the others through", () => {
    const s = auditLogSearch({ actor: "", action: " item. ", targetType: "item", targetId: ["abc", "ignored"], from: "", to: undefined });
    expect(s.query).toEqual({ action: "item.", targetType: "item", targetId: "abc" });
    expect(s.values).toEqual({ actor: "", action: "item.", targetType: "item", targetId: "abc", from: "", to: "" });
    expect(s.errors).toEqual({});
  });

  it("turns UTC days into instants, the to day included", () => {
    const s = auditLogSearch({ from: "2026-01-05", to: "2026-01-05" });
    expect(s.query).toEqual({ from: "2026-01-05T00:00:00.000Z", to: "2026-01-06T00:00:00.000Z" });
    expect(auditLogSearch({ to: "2024-02-29" }).query.to).toBe("2024-03-01T00:00:00.000Z");
  });

  it("names a day that is not one, and a to day before the from day", () => {
    expect(auditLogSearch({ from: "2026-02-30" }).errors).toEqual({ from: "must be a date (YYYY-MM-DD)" });
    expect(auditLogSearch({ to: "yesterday" }).errors).toEqual({ to: "must be a date (YYYY-MM-DD)" });
    expect(auditLogSearch({ from: "2026-01-05", to: "2026-01-04" }).errors).toEqual({ to: "must not be before the from date" });
  });
});

describe("searchString", () => {
  it("encodes set parameters and is empty without any", () => {
    expect(searchString({})).toBe("");
    expect(searchString({ actor: "api-key:k1", action: undefined }, { cursor: "c1" })).toBe("?actor=api-key%3Ak1&cursor=c1");
  });
});
