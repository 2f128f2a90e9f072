import { describe, expect, it } from "vitest";
import { findUnstorableText, unstorableReason } from "./storable-text";

describe("text PostgreSQL cannot store", () => {
  it("is NUL anywhere, or a surrogate without its pair", () => {
    expect(unstorableReason("a\u0000b")).toBe("must not contain the NUL character (U+0000)");
    for (const lone of ["\ud800", "x\udfff", "\ud83d!", "\ude00\ud83d"]) expect(unstorableReason(lone)).toMatch(/lone surrogate/);
    for (const fine of ["", "plain", "😀 emoji pairs", "\u0001\u001f\u007f controls", "\ufffe", "\u2028"]) expect(unstorableReason(fine)).toBeNull();
  });

  it("is found at its path, in document order, in values and in keys", () => {
    expect(findUnstorableText({ a: "ok", b: [{ c: "ok" }, { d: "x\u0000" }], e: "\ud800" })).toEqual({ path: ["b", 1, "d"], reason: "must not contain the NUL character (U+0000)" });
    expect(findUnstorableText({ mapping: { "Col\u0000": "title" } })?.path).toEqual(["mapping", "Col\u0000"]);
    expect(findUnstorableText("\u0000")?.path).toEqual([]);
    expect(findUnstorableText({ at: new Date(0), n: 1, b: true, nothing: null, list: ["fine"] })).toBeNull();
  });

  it("walks deep values without recursion", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorableText(deep)?.path).toHaveLength(100_000);
  });
});
