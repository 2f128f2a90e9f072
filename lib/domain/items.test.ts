import { describe, expect, it } from "vitest";
import { doneRefusal, isClosed, openBlockers } from "./items";

describe("the blocker rule", () => {
  it("allows done when every blocker is closed (done or won't fix)", () => {
    expect(doneRefusal("OCC-7", "done", [{ key: "OCC-3", status: "done" }, { key: "OCC-5", status: "wont_fix" }])).toBeNull();
    expect(doneRefusal("OCC-7", "done", [])).toBeNull();
  });

  it("refuses done while a blocker is open, deferred or in review, naming them in key order", () => {
    const blockers = [
      { key: "OCC-10", status: "in_review" },
      { key: "OCC-2", status: "open" },
      { key: "OCC-5", status: "done" },
      { key: "OCC-9", status: "deferred" },
    ];
    expect(openBlockers(blockers)).toEqual(["OCC-2", "OCC-9", "OCC-10"]);
    expect(doneRefusal("OCC-7", "done", blockers)).toBe("OCC-7 can’t be done while OCC-2, OCC-9, OCC-10 are open.");
    expect(doneRefusal("OCC-7", "done", [{ key: "OCC-2", status: "blocked" }])).toBe("OCC-7 can’t be done while OCC-2 is open.");
  });

  it("does not restrict any other status change", () => {
    expect(doneRefusal("OCC-7", "in_review", [{ key: "OCC-2", status: "open" }])).toBeNull();
    expect(doneRefusal("OCC-7", "wont_fix", [{ key: "OCC-2", status: "open" }])).toBeNull();
  });

  it("treats only done and won't fix as closed", () => {
    expect(["open", "in_progress", "blocked", "in_review", "done", "deferred", "wont_fix"].filter(isClosed)).toEqual(["done", "wont_fix"]);
  });
});
