import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical";

describe("canonicalJson", () => {
  it("serialises the same content to the same text whatever the key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: "x" } })).toBe(canonicalJson({ a: { c: "x", d: [2, { y: 2, z: 1 }] }, b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it("keeps array order, drops undefined members and writes dates as ISO strings", () => {
    expect(canonicalJson([3, 1, 2])).toBe("[3,1,2]");
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(canonicalJson({ at: new Date("2026-11-22T10:00:00Z") })).toBe('{"at":"2026-11-22T10:00:00.000Z"}');
  });

  it("distinguishes different content", () => {
    expect(canonicalJson({ outcome: "go" })).not.toBe(canonicalJson({ outcome: "no_go" }));
  });
});
