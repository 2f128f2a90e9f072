"use client";

import { useId, useMemo, useSyncExternalStore } from "react";
import { cn } from "@/components/ui/cn";
import type { PhaseOutput } from "@/lib/validation/phase";
import { layoutPhaseGraph, type GraphDirection, type LaidOutNode } from "./phase-graph-layout";
import { formatDays } from "./format";

const WIDE = "(min-width: 640px)";

function subscribe(onChange: () => void) {
  const query = window.matchMedia(WIDE);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/** Left to right where there is room, top to bottom on phones. */
function useGraphDirection(): GraphDirection {
  const wide = useSyncExternalStore(
    subscribe,
    () => window.matchMedia(WIDE).matches,
    () => true,
  );
  return wide ? "LR" : "TB";
}

const PAD = 12;
const BAR_HEIGHT = 4;

function Node({ node }: { node: LaidOutNode }) {
  const barWidth = node.width - PAD * 2;
  const complete = node.total > 0 && node.done >= node.total;
  return (
    <g transform={`translate(${node.x} ${node.y})`}>
      <title>
        {`${node.name}: ${node.done} of ${node.total} items done${node.estimateDays !== null ? `, ${formatDays(node.estimateDays)}` : ""}${node.critical ? ", on the critical path" : ""}`}
      </title>
      <rect
        width={node.width}
        height={node.height}
        rx={8}
        className={cn(
          node.critical
            ? "fill-red-50 stroke-red-500 dark:fill-red-950 dark:stroke-red-400"
            : "fill-white stroke-zinc-300 dark:fill-zinc-900 dark:stroke-zinc-700",
        )}
        strokeWidth={node.critical ? 2 : 1}
      />
      <text x={PAD} y={24} className="fill-zinc-900 text-[13px] font-semibold dark:fill-zinc-100">
        {node.label}
      </text>
      <text x={PAD} y={44} className="fill-zinc-500 text-[11px] tabular-nums dark:fill-zinc-400">
        {`${node.done}/${node.total} done`}
      </text>
      {node.estimateDays !== null ? (
        <text x={node.width - PAD} y={44} textAnchor="end" className="fill-zinc-500 text-[11px] tabular-nums dark:fill-zinc-400">
          {formatDays(node.estimateDays)}
        </text>
      ) : null}
      <rect x={PAD} y={node.height - PAD - BAR_HEIGHT} width={barWidth} height={BAR_HEIGHT} rx={2} className="fill-zinc-200 dark:fill-zinc-700" />
      {node.percent > 0 ? (
        <rect
          x={PAD}
          y={node.height - PAD - BAR_HEIGHT}
          width={Math.max(BAR_HEIGHT, (barWidth * node.percent) / 100)}
          height={BAR_HEIGHT}
          rx={2}
          className={complete ? "fill-emerald-500" : "fill-brand-600 dark:fill-brand-500"}
        />
      ) : null}
    </g>
  );
}

function ArrowMarker({ id, className }: { id: string; className: string }) {
  return (
    <marker id={id} viewBox="0 0 10 10" refX={9} refY={5} markerWidth={9} markerHeight={9} markerUnits="userSpaceOnUse" orient="auto">
      <path d="M 0 0 L 10 5 L 0 10 z" className={className} />
    </marker>
  );
}

export function Legend() {
  return (
    <ul className="flex flex-wrap items-center gap-x-5 gap-y-2 text-xs text-zinc-600 dark:text-zinc-400" aria-label="Legend">
      <li className="flex items-center gap-2">
        <svg aria-hidden width="28" height="10" viewBox="0 0 28 10">
          <path d="M 1 5 H 21" className="stroke-zinc-400 dark:stroke-zinc-500" strokeWidth={1.5} />
          <path d="M 19 1 L 27 5 L 19 9 z" className="fill-zinc-400 dark:fill-zinc-500" />
        </svg>
        Dependency
      </li>
      <li className="flex items-center gap-2">
        <svg aria-hidden width="28" height="10" viewBox="0 0 28 10">
          <path d="M 1 5 H 21" className="stroke-red-500 dark:stroke-red-400" strokeWidth={3} />
          <path d="M 19 1 L 27 5 L 19 9 z" className="fill-red-500 dark:fill-red-400" />
        </svg>
        Critical path
      </li>
      <li className="flex items-center gap-2">
        <svg aria-hidden width="28" height="6" viewBox="0 0 28 6">
          <rect width="28" height="6" rx="3" className="fill-zinc-200 dark:fill-zinc-700" />
          <rect width="17" height="6" rx="3" className="fill-brand-600 dark:fill-brand-500" />
        </svg>
        Items done
      </li>
    </ul>
  );
}

interface PhaseGraphProps {
  phases: PhaseOutput[];
  criticalPath: { phaseIds: string[]; totalDays: number };
}

/** The dependency graph, drawn; the phase list beside it carries the same facts as text. */
export function PhaseGraph({ phases, criticalPath }: PhaseGraphProps) {
  const direction = useGraphDirection();
  const markerId = useId().replace(/:/g, "");
  const layout = useMemo(
    () => layoutPhaseGraph(phases, { direction, criticalPath: criticalPath.phaseIds }),
    [phases, direction, criticalPath.phaseIds],
  );
  const names = new Map(phases.map((p) => [p.id, p.name]));
  const pathNames = criticalPath.phaseIds.map((id) => names.get(id)).filter(Boolean);
  const dependencies = layout.edges.length;
  const label = [
    `Dependency graph of ${phases.length} ${phases.length === 1 ? "phase" : "phases"} with ${dependencies} ${dependencies === 1 ? "dependency" : "dependencies"}.`,
    pathNames.length ? `Critical path: ${pathNames.join(", then ")}; ${formatDays(criticalPath.totalDays)}.` : "No critical path.",
    phases.some((p) => p.estimateDays !== null) ? "" : "No phase has an estimate in days.",
    "The list of phases below describes each one.",
  ]
    .filter(Boolean)
    .join(" ");
  // Critical edges last, so they are drawn over the others.
  const edges = [...layout.edges].sort((a, b) => Number(a.critical) - Number(b.critical));

  return (
    <div
      className="relative overflow-auto rounded-md bg-zinc-50 dark:bg-zinc-950/40"
      tabIndex={0}
      role="region"
      aria-label="Dependency graph drawing"
      data-testid="phase-graph"
    >
      <svg
        role="img"
        aria-label={label}
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        className="mx-auto block max-w-none"
        data-direction={layout.direction}
      >
        <defs>
          <ArrowMarker id={`${markerId}-arrow`} className="fill-zinc-400 dark:fill-zinc-500" />
          <ArrowMarker id={`${markerId}-arrow-critical`} className="fill-red-500 dark:fill-red-400" />
        </defs>
        <g>
          {edges.map((edge) => (
            <path
              key={edge.id}
              d={edge.path}
              fill="none"
              strokeWidth={edge.critical ? 2.5 : 1.5}
              className={edge.critical ? "stroke-red-500 dark:stroke-red-400" : "stroke-zinc-400 dark:stroke-zinc-500"}
              markerEnd={`url(#${markerId}-arrow${edge.critical ? "-critical" : ""})`}
              data-critical={edge.critical || undefined}
            />
          ))}
        </g>
        <g>
          {layout.nodes.map((node) => (
            <Node key={node.id} node={node} />
          ))}
        </g>
      </svg>
    </div>
  );
}
