import { describe, expect, it } from "vitest";
import type { PhaseOutput } from "@/lib/validation/phase";
import { edgePath, layoutPhaseGraph, NODE_HEIGHT, NODE_WIDTH, truncateLabel, type LaidOutNode } from "./phase-graph-layout";

const zero = { critical: 0, high: 0, medium: 0, low: 0 };

function phase(id: string, position: number, dependsOn: string[] = [], extra: Partial<PhaseOutput> = {}): PhaseOutput {
  return {
    id,
    name: `Phase ${id}`,
    position,
    objective: "",
    deliverables: "",
    acceptanceCriteria: "",
    exitCriteria: "",
    risks: "",
    estimate: null,
    estimateDays: null,
    defaultOwner: null,
    dependsOn,
    progress: { total: 0, done: 0, open: zero, all: zero },
    critical: false,
    ...extra,
  };
}

function node(nodes: LaidOutNode[], id: string): LaidOutNode {
  const found = nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
}

const center = (n: LaidOutNode) => ({ x: n.x + n.width / 2, y: n.y + n.height / 2 });

function overlaps(a: LaidOutNode, b: LaidOutNode): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe("layoutPhaseGraph", () => {
  it("lays out nothing for no phases", () => {
    expect(layoutPhaseGraph([])).toEqual({ direction: "LR", width: 0, height: 0, nodes: [], edges: [] });
  });

  it("puts prerequisites left of their dependents in LR and above them in TB", () => {
    const chain = [phase("a", 0), phase("b", 1, ["a"]), phase("c", 2, ["b"])];

    const wide = layoutPhaseGraph(chain, { direction: "LR" });
    expect(wide.direction).toBe("LR");
    expect(node(wide.nodes, "a").x).toBeLessThan(node(wide.nodes, "b").x);
    expect(node(wide.nodes, "b").x).toBeLessThan(node(wide.nodes, "c").x);
    expect(wide.width).toBeGreaterThan(wide.height);

    const tall = layoutPhaseGraph(chain, { direction: "TB" });
    expect(tall.direction).toBe("TB");
    expect(node(tall.nodes, "a").y).toBeLessThan(node(tall.nodes, "b").y);
    expect(node(tall.nodes, "b").y).toBeLessThan(node(tall.nodes, "c").y);
    expect(tall.height).toBeGreaterThan(tall.width);
  });

  it("keeps every node inside the drawing and apart from the others", () => {
    const phases = [phase("a", 0), phase("b", 1, ["a"]), phase("c", 2, ["a"]), phase("d", 3, ["a"]), phase("e", 4, ["b", "c", "d"]), phase("f", 5)];
    for (const direction of ["LR", "TB"] as const) {
      const layout = layoutPhaseGraph(phases, { direction });
      expect(layout.nodes).toHaveLength(6);
      for (const n of layout.nodes) {
        expect(n.width).toBe(NODE_WIDTH);
        expect(n.height).toBe(NODE_HEIGHT);
        expect(n.x).toBeGreaterThanOrEqual(0);
        expect(n.y).toBeGreaterThanOrEqual(0);
        expect(n.x + n.width).toBeLessThanOrEqual(layout.width);
        expect(n.y + n.height).toBeLessThanOrEqual(layout.height);
      }
      for (const [i, a] of layout.nodes.entries()) {
        for (const b of layout.nodes.slice(i + 1)) expect(overlaps(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
      }
    }
  });

  it("returns nodes in position order whatever order the phases come in", () => {
    const layout = layoutPhaseGraph([phase("c", 2, ["a"]), phase("a", 0), phase("b", 1, ["a"])]);
    expect(layout.nodes.map((n) => n.id)).toEqual(["a", "b", "c"]);
  });

  it("draws each edge from the prerequisite to the dependent, ending on the dependent's border", () => {
    const layout = layoutPhaseGraph([phase("a", 0), phase("b", 1, ["a"])], { direction: "LR" });
    expect(layout.edges).toHaveLength(1);
    const edge = layout.edges[0]!;
    expect(edge).toMatchObject({ id: "a->b", from: "a", to: "b" });
    const a = node(layout.nodes, "a");
    const b = node(layout.nodes, "b");
    const first = edge.points[0]!;
    const last = edge.points[edge.points.length - 1]!;
    expect(first.x).toBeCloseTo(a.x + a.width, 0);
    expect(last.x).toBeCloseTo(b.x, 0);
    expect(last.y).toBeCloseTo(center(b).y, 0);
    expect(edge.path.startsWith(`M ${first.x} ${first.y}`)).toBe(true);
    expect(edge.path.endsWith(`${last.x} ${last.y}`)).toBe(true);
  });

  it("ignores unknown, repeated and self dependencies", () => {
    const layout = layoutPhaseGraph([phase("a", 0), phase("b", 1, ["a", "a", "b", "gone"])]);
    expect(layout.edges.map((e) => e.id)).toEqual(["a->b"]);
  });

  it("marks the critical path's phases and only the edges between its consecutive phases", () => {
    // a → b → c, plus a shortcut a → c that is not on the path, and d off it.
    const phases = [
      phase("a", 0, [], { critical: true, estimateDays: 2 }),
      phase("b", 1, ["a"], { critical: true, estimateDays: 5 }),
      phase("c", 2, ["a", "b"], { critical: true, estimateDays: 1 }),
      phase("d", 3, ["a"], { estimateDays: 1 }),
    ];
    const layout = layoutPhaseGraph(phases, { criticalPath: ["a", "b", "c"] });
    expect(layout.nodes.filter((n) => n.critical).map((n) => n.id)).toEqual(["a", "b", "c"]);
    expect(Object.fromEntries(layout.edges.map((e) => [e.id, e.critical]))).toEqual({ "a->b": true, "a->c": false, "b->c": true, "a->d": false });
    expect(node(layout.nodes, "b").estimateDays).toBe(5);
  });

  it("falls back to the phases' critical flags when no path is given", () => {
    const phases = [phase("a", 0, [], { critical: true }), phase("b", 1, ["a"], { critical: true }), phase("c", 2, ["b"])];
    const layout = layoutPhaseGraph(phases);
    expect(Object.fromEntries(layout.edges.map((e) => [e.id, e.critical]))).toEqual({ "a->b": true, "b->c": false });
  });

  it("reports progress and shortens long names", () => {
    const long = "Observability, alerting and on-call runbooks for the whole platform";
    const layout = layoutPhaseGraph([
      phase("a", 0, [], { name: long, progress: { total: 3, done: 1, open: zero, all: zero } }),
      phase("b", 1, [], { progress: { total: 0, done: 0, open: zero, all: zero } }),
    ]);
    const a = node(layout.nodes, "a");
    expect(a).toMatchObject({ name: long, done: 1, total: 3, percent: 33 });
    expect(a.label.length).toBeLessThanOrEqual(24);
    expect(a.label.endsWith("…")).toBe(true);
    expect(node(layout.nodes, "b")).toMatchObject({ label: "Phase b", percent: 0 });
  });
});

describe("edgePath", () => {
  it("draws a line between two points and curves through bends", () => {
    expect(edgePath([])).toBe("");
    expect(edgePath([{ x: 0, y: 0 }, { x: 10, y: 5 }])).toBe("M 0 0 L 10 5");
    expect(edgePath([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 20, y: 10 }])).toBe("M 0 0 Q 10 0 20 10");
    expect(edgePath([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 20, y: 10 }, { x: 30, y: 10 }])).toBe("M 0 0 Q 10 0 15 5 Q 20 10 30 10");
  });
});

describe("truncateLabel", () => {
  it("keeps short names and ends long ones with an ellipsis", () => {
    expect(truncateLabel("  Phase 0  ")).toBe("Phase 0");
    expect(truncateLabel("abcdefghij", 5)).toBe("abcd…");
  });
});
