import { describe, expect, it } from "vitest";
import { parseEqFilter, parsePaging, parsePatch, scimBoolean, ScimError } from "./protocol";

describe("SCIM protocol helpers", () => {
  it("reads the eq filters Okta and Entra ID send, in any attribute case, with escaped quotes", () => {
    expect(parseEqFilter('userName eq "ada@acme.com"', ["userName", "externalId"])).toEqual({ attribute: "userName", value: "ada@acme.com" });
    expect(parseEqFilter('EXTERNALID Eq "a\\"b"', ["userName", "externalId"])).toEqual({ attribute: "externalId", value: 'a"b' });
    expect(parseEqFilter(null, ["userName"])).toBeNull();
    expect(parseEqFilter("  ", ["userName"])).toBeNull();
    for (const bad of ['userName co "a"', 'title eq "x"', 'userName eq "a" and active eq true', "userName eq a"]) {
      expect(() => parseEqFilter(bad, ["userName"]), bad).toThrow(ScimError);
    }
  });

  it("clamps paging as RFC 7644 says instead of refusing it", () => {
    expect(parsePaging(new URLSearchParams(""))).toEqual({ startIndex: 1, count: 200 });
    expect(parsePaging(new URLSearchParams("startIndex=0&count=-5"))).toEqual({ startIndex: 1, count: 0 });
    expect(parsePaging(new URLSearchParams("startIndex=3&count=5000"))).toEqual({ startIndex: 3, count: 200 });
    expect(parsePaging(new URLSearchParams("startIndex=x&count=y"))).toEqual({ startIndex: 1, count: 200 });
  });

  it("takes booleans as Okta sends them and as strings as Entra ID does", () => {
    expect(scimBoolean(false, "active")).toBe(false);
    expect(scimBoolean("False", "active")).toBe(false);
    expect(scimBoolean(" TRUE ", "active")).toBe(true);
    expect(() => scimBoolean("no", "active")).toThrow(ScimError);
    expect(() => scimBoolean(0, "active")).toThrow(ScimError);
  });

  it("normalises PATCH operations: op in any case, path lower-cased or absent", () => {
    expect(parsePatch({ Operations: [{ op: "Replace", path: "active", value: "False" }, { op: "add", value: { displayName: "X" } }] })).toEqual([
      { op: "replace", path: "active", value: "False" },
      { op: "add", path: null, value: { displayName: "X" } },
    ]);
    expect(parsePatch({ operations: [{ op: "REMOVE", path: 'members[value eq "abc"]' }] })[0]).toMatchObject({ op: "remove", path: 'members[value eq "abc"]' });
    for (const bad of [{}, { Operations: [] }, { Operations: [{ op: "move" }] }, null]) {
      expect(() => parsePatch(bad), JSON.stringify(bad)).toThrow(ScimError);
    }
  });
});
