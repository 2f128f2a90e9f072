import { describe, expect, it } from "vitest";
import type { BatchItemOutput } from "@/lib/validation/batches";
import { readSelection, selectionQuery, waitReasons } from "./batch-model";

const item = (key: string, phase: string | null = null): BatchItemOutput => ({
  key,
  title: `Item ${key}`,
  status: "open",
  files: [],
  phase: phase ? { id: phase.toLowerCase(), name: phase } : null,
  blockedOutside: [],
});

describe("the selection in the URL", () => {
  it("reads a phase, item keys and the two switches, and writes only what differs from the defaults", () => {
    expect(readSelection(new URLSearchParams(""))).toEqual({ phase: null, items: [], includeDone: false, phaseOrder: false });
    const phase = readSelection(new URLSearchParams("phase=ph1&includeDone=true&phaseOrder=true"));
    expect(phase).toEqual({ phase: "ph1", items: [], includeDone: true, phaseOrder: true });
    expect(selectionQuery(phase)).toBe("phase=ph1&includeDone=true&phaseOrder=true");
    expect(selectionQuery(readSelection(new URLSearchParams("includeDone=false")))).toBe("");
  });

  it("takes item keys over a phase, upper-cased and once each", () => {
    const selection = readSelection(new URLSearchParams("phase=ph1&items=imp-3, IMP-1,imp-3,"));
    expect(selection).toMatchObject({ phase: null, items: ["IMP-3", "IMP-1"] });
    expect(selectionQuery(selection)).toBe("items=IMP-3%2CIMP-1");
  });
});

describe("waitReasons", () => {
  it("says which file, blocker or phase held each item back, one line per item", () => {
    const items = new Map([item("IMP-1", "Phase 1"), item("IMP-2", "Phase 1"), item("IMP-3"), item("IMP-4"), item("IMP-5", "Phase 1")].map((i) => [i.key, i]));
    const reasons = waitReasons(
      [
        { key: "IMP-4", with: "IMP-2", reason: "file", file: "server/auth.js" },
        { key: "IMP-4", with: "IMP-2", reason: "file", file: "server/db.js" },
        { key: "IMP-6", with: "IMP-1", reason: "dependency", via: "phase" },
        { key: "IMP-4", with: "IMP-1", reason: "file", file: "lib/" },
        { key: "IMP-4", with: "IMP-3", reason: "dependency", via: "item" },
        { key: "IMP-6", with: "IMP-5", reason: "dependency", via: "phase" },
        { key: "IMP-7", with: "IMP-3", reason: "dependency" },
      ],
      items,
    );
    expect(reasons).toEqual([
      { key: "IMP-4", reasons: ["shares server/auth.js and server/db.js with IMP-2", "shares lib/ with IMP-1", "is blocked by IMP-3"] },
      { key: "IMP-6", reasons: ["its phase runs after “Phase 1” (IMP-1, IMP-5)"] },
      { key: "IMP-7", reasons: ["is blocked by IMP-3"] },
    ]);
  });

  it("has nothing to say when nothing was held back", () => {
    expect(waitReasons([], new Map())).toEqual([]);
  });
});
