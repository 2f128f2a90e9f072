import { describe, expect, it } from "vitest";
import { criticalPath, cycleIfAdded } from "./graph";

describe("cycleIfAdded", () => {
  const chain = [
    { from: "B", to: "A" },
    { from: "C", to: "B" },
  ];

  it("accepts an edge that keeps the graph acyclic", () => {
    expect(cycleIfAdded(chain, { from: "D", to: "C" })).toBeNull();
    expect(cycleIfAdded(chain, { from: "C", to: "A" })).toBeNull();
  });

  it("names the cycle an edge would close, starting and ending at the new dependent", () => {
    // A depends on C, C on B, B on A.
    expect(cycleIfAdded(chain, { from: "A", to: "C" })).toEqual(["A", "C", "B", "A"]);
    expect(cycleIfAdded(chain, { from: "A", to: "B" })).toEqual(["A", "B", "A"]);
  });

  it("refuses a self-dependency", () => {
    expect(cycleIfAdded([], { from: "A", to: "A" })).toEqual(["A", "A"]);
  });

  it("finds a cycle through a diamond", () => {
    const diamond = [
      { from: "B", to: "A" },
      { from: "C", to: "A" },
      { from: "D", to: "B" },
      { from: "D", to: "C" },
    ];
    const cycle = cycleIfAdded(diamond, { from: "A", to: "D" });
    expect(cycle?.[0]).toBe("A");
    expect(cycle?.at(-1)).toBe("A");
    expect(cycle).toHaveLength(4);
  });
});

describe("criticalPath", () => {
  it("follows the longest chain by duration, not by number of steps", () => {
    const tasks = [
      { id: "P0", duration: 1 },
      { id: "P1", duration: 5 },
      { id: "P2", duration: 1 },
      { id: "P3", duration: 1 },
      { id: "P4", duration: 2 },
    ];
    const edges = [
      { from: "P1", to: "P0" },
      { from: "P2", to: "P0" },
      { from: "P3", to: "P2" },
      { from: "P4", to: "P1" },
      { from: "P4", to: "P3" },
    ];
    expect(criticalPath(tasks, edges)).toEqual({ path: ["P0", "P1", "P4"], total: 8 });
  });

  it("treats missing estimates as zero and handles unconnected tasks", () => {
    expect(criticalPath([{ id: "A", duration: 0 }, { id: "B", duration: 3 }], [])).toEqual({ path: ["B"], total: 3 });
    expect(criticalPath([], [])).toEqual({ path: [], total: 0 });
  });

  it("refuses a cyclic graph", () => {
    expect(() => criticalPath([{ id: "A", duration: 1 }, { id: "B", duration: 1 }], [{ from: "A", to: "B" }, { from: "B", to: "A" }])).toThrow(/cycle/);
  });
});
