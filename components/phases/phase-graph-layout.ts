import dagre from "@dagrejs/dagre";
import type { PhaseOutput } from "@/lib/validation/phase";

/**
 * Positions a project's phases as a dependency graph with dagre: pure, no DOM,
 * so the phases page draws what this returns and the tests read it directly.
 *
 * An edge goes from a prerequisite to the phase that depends on it, so
 * prerequisites come first (left in "LR", top in "TB").
 */

export type GraphDirection = "LR" | "TB";

export interface Point {
  x: number;
  y: number;
}

export interface LaidOutNode {
  id: string;
  name: string;
  /** The name shortened to fit the box (the full name is in `name`). */
  label: string;
  /** Top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
  done: number;
  total: number;
  /** 0–100, rounded. */
  percent: number;
  estimateDays: number | null;
  critical: boolean;
}

export interface LaidOutEdge {
  id: string;
  /** The prerequisite. */
  from: string;
  /** The phase that depends on it. */
  to: string;
  points: Point[];
  /** SVG path data through `points`, ending on the dependent's border. */
  path: string;
  critical: boolean;
}

export interface PhaseGraphLayout {
  direction: GraphDirection;
  width: number;
  height: number;
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
}

export interface LayoutOptions {
  direction?: GraphDirection;
  /**
   * The critical path, first phase to last, as the API computes it. Edges are
   * critical when they join two consecutive phases of it; without it, an edge
   * is critical when both of its phases are.
   */
  criticalPath?: readonly string[];
  nodeWidth?: number;
  nodeHeight?: number;
}

export const NODE_WIDTH = 216;
export const NODE_HEIGHT = 72;
/** Roughly how many characters of 13px text fit in a node, after padding. */
const LABEL_CHARS = 24;
const MARGIN = 16;

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

export function truncateLabel(name: string, max = LABEL_CHARS): string {
  const trimmed = name.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1).trimEnd()}…`;
}

function progressPercent(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((done / total) * 100)));
}

/** A smooth path through the points: straight between two, quadratic curves through the bends. */
export function edgePath(points: readonly Point[]): string {
  const [start, ...rest] = points;
  if (!start) return "";
  const fmt = (p: Point) => `${round(p.x)} ${round(p.y)}`;
  let d = `M ${fmt(start)}`;
  if (rest.length === 1) return `${d} L ${fmt(rest[0]!)}`;
  for (let i = 0; i + 1 < rest.length; i++) {
    const control = rest[i]!;
    const next = rest[i + 1]!;
    const end = i + 2 === rest.length ? next : { x: (control.x + next.x) / 2, y: (control.y + next.y) / 2 };
    d += ` Q ${fmt(control)} ${fmt(end)}`;
  }
  return d;
}

export function layoutPhaseGraph(phases: readonly PhaseOutput[], options: LayoutOptions = {}): PhaseGraphLayout {
  const direction = options.direction ?? "LR";
  const width = options.nodeWidth ?? NODE_WIDTH;
  const height = options.nodeHeight ?? NODE_HEIGHT;
  if (phases.length === 0) return { direction, width: 0, height: 0, nodes: [], edges: [] };

  const ordered = [...phases].sort((a, b) => a.position - b.position);
  const known = new Set(ordered.map((p) => p.id));
  const pathIds = options.criticalPath ?? null;
  const onPath = new Set(pathIds ?? []);
  const criticalPairs = new Set<string>();
  if (pathIds) for (let i = 0; i + 1 < pathIds.length; i++) criticalPairs.add(`${pathIds[i]}\u0000${pathIds[i + 1]}`);
  const isCriticalNode = (phase: PhaseOutput) => phase.critical || onPath.has(phase.id);
  const criticalById = new Map(ordered.map((p) => [p.id, isCriticalNode(p)]));

  const graph = new dagre.graphlib.Graph<Record<string, unknown>, { width: number; height: number; x?: number; y?: number }, { points?: Point[] }>();
  graph.setGraph({ rankdir: direction, nodesep: direction === "LR" ? 28 : 24, ranksep: direction === "LR" ? 64 : 48, marginx: MARGIN, marginy: MARGIN });
  graph.setDefaultEdgeLabel(() => ({}));
  // Nodes in position order: dagre's crossing reduction starts from it, so the layout is stable.
  for (const phase of ordered) graph.setNode(phase.id, { width, height });

  const edges: { from: string; to: string }[] = [];
  const seen = new Set<string>();
  for (const phase of ordered) {
    for (const dep of phase.dependsOn) {
      const key = `${dep}\u0000${phase.id}`;
      if (dep === phase.id || !known.has(dep) || seen.has(key)) continue;
      seen.add(key);
      edges.push({ from: dep, to: phase.id });
      graph.setEdge(dep, phase.id);
    }
  }

  dagre.layout(graph);

  const nodes: LaidOutNode[] = ordered.map((phase) => {
    const laid = graph.node(phase.id);
    return {
      id: phase.id,
      name: phase.name,
      label: truncateLabel(phase.name),
      x: round((laid.x ?? 0) - width / 2),
      y: round((laid.y ?? 0) - height / 2),
      width,
      height,
      done: phase.progress.done,
      total: phase.progress.total,
      percent: progressPercent(phase.progress.done, phase.progress.total),
      estimateDays: phase.estimateDays,
      critical: criticalById.get(phase.id) ?? false,
    };
  });

  const laidEdges: LaidOutEdge[] = edges.map(({ from, to }) => {
    const points = (graph.edge(from, to)?.points ?? []).map((p) => ({ x: round(p.x), y: round(p.y) }));
    const critical = pathIds ? criticalPairs.has(`${from}\u0000${to}`) : Boolean(criticalById.get(from) && criticalById.get(to));
    return { id: `${from}->${to}`, from, to, points, path: edgePath(points), critical };
  });

  const label = graph.graph();
  return {
    direction,
    width: Math.ceil(Number(label.width ?? 0)),
    height: Math.ceil(Number(label.height ?? 0)),
    nodes,
    edges: laidEdges,
  };
}
