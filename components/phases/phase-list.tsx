"use client";

import { ArrowDown, ArrowUp, Pencil, Trash2 } from "lucide-react";
import { useEffect, useRef } from "react";
import { SEVERITY_TONE } from "@/components/projects/severity";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { PhaseOutput } from "@/lib/validation/phase";
import { formatDays } from "./format";

const SEVERITIES = ["critical", "high", "medium", "low"] as const;

const TEXT_SECTIONS = [
  { key: "deliverables", label: "Deliverables" },
  { key: "acceptanceCriteria", label: "Acceptance criteria" },
  { key: "exitCriteria", label: "Exit criteria" },
  { key: "risks", label: "Risks" },
] as const;

function percent(done: number, total: number) {
  return total ? Math.round((done / total) * 100) : 0;
}

interface RowProps {
  phase: PhaseOutput;
  index: number;
  count: number;
  names: Map<string, string>;
  canEdit: boolean;
  onEdit: (phase: PhaseOutput) => void;
  onDelete: (phase: PhaseOutput) => void;
  onMove: (phase: PhaseOutput, position: number) => void;
}

function Estimate({ phase }: { phase: PhaseOutput }) {
  const parts = [phase.estimate, phase.estimateDays !== null ? formatDays(phase.estimateDays) : null].filter(Boolean);
  // "2 weeks (10 days)" when the plan's words and the days differ; one of them otherwise.
  if (parts.length === 0) return <span className="text-zinc-500 dark:text-zinc-400">Not estimated</span>;
  if (parts.length === 2 && parts[0] !== parts[1]) return <>{parts[0]} ({parts[1]})</>;
  return <>{parts[0]}</>;
}

function PhaseRow({ phase, index, count, names, canEdit, onEdit, onDelete, onMove }: RowProps) {
  const actions = useRef<HTMLDivElement>(null);
  const refocus = useRef<"up" | "down" | null>(null);
  const first = index === 0;
  const last = index === count - 1;

  // After a move the row sits elsewhere; keep focus on a move button that still works.
  useEffect(() => {
    const wanted = refocus.current;
    if (!wanted) return;
    refocus.current = null;
    const target = wanted === "up" ? (first ? "down" : "up") : last ? "up" : "down";
    actions.current?.querySelector<HTMLButtonElement>(`[data-move="${target}"]`)?.focus();
  }, [index, first, last]);

  const dependsOn = phase.dependsOn.map((id) => names.get(id)).filter((n): n is string => Boolean(n));
  const p = percent(phase.progress.done, phase.progress.total);
  const open = SEVERITIES.filter((s) => phase.progress.open[s] > 0);
  const openTotal = SEVERITIES.reduce((sum, s) => sum + phase.progress.open[s], 0);
  const sections = TEXT_SECTIONS.filter(({ key }) => phase[key].trim() !== "");

  return (
    <li className="px-5 py-4" data-testid="phase-row">
      <div className="flex flex-wrap items-start gap-x-3 gap-y-2">
        <span
          aria-hidden
          className="mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-xs font-semibold tabular-nums text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300"
        >
          {index + 1}
        </span>
        <div className="min-w-0 flex-1 basis-48">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="font-medium break-words">
              {phase.name}
            </h3>
            {phase.critical ? <Badge tone="red" className="whitespace-nowrap">Critical path</Badge> : null}
          </div>
          {phase.objective ? <p className="mt-1 text-sm whitespace-pre-line text-zinc-600 dark:text-zinc-400">{phase.objective}</p> : null}
        </div>
        {canEdit ? (
          <div ref={actions} className="ml-auto flex shrink-0 items-center gap-1">
            <Button
              data-move="up"
              variant="ghost"
              size="sm"
              className="px-2"
              disabled={first}
              aria-label={`Move ${phase.name} up`}
              title="Move up"
              onClick={() => {
                refocus.current = "up";
                onMove(phase, index - 1);
              }}
            >
              <ArrowUp aria-hidden className="size-4" />
            </Button>
            <Button
              data-move="down"
              variant="ghost"
              size="sm"
              className="px-2"
              disabled={last}
              aria-label={`Move ${phase.name} down`}
              title="Move down"
              onClick={() => {
                refocus.current = "down";
                onMove(phase, index + 1);
              }}
            >
              <ArrowDown aria-hidden className="size-4" />
            </Button>
            <Button variant="ghost" size="sm" aria-label={`Edit ${phase.name}`} onClick={() => onEdit(phase)}>
              <Pencil aria-hidden className="size-4" />
              <span className="hidden sm:inline">Edit</span>
            </Button>
            <Button
              variant="ghost"
              size="sm"
              className="text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950/40"
              aria-label={`Delete ${phase.name}`}
              onClick={() => onDelete(phase)}
            >
              <Trash2 aria-hidden className="size-4" />
              <span className="hidden sm:inline">Delete</span>
            </Button>
          </div>
        ) : null}
      </div>

      <dl className="mt-3 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-4 sm:pl-9">
        <div>
          <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Estimate</dt>
          <dd className="mt-0.5">
            <Estimate phase={phase} />
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Default owner</dt>
          <dd className="mt-0.5">{phase.defaultOwner ? phase.defaultOwner.name : <span className="text-zinc-500 dark:text-zinc-400">None</span>}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Depends on</dt>
          <dd className="mt-0.5">{dependsOn.length ? dependsOn.join(", ") : <span className="text-zinc-500 dark:text-zinc-400">Nothing</span>}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Progress</dt>
          <dd className="mt-0.5">
            <span className="tabular-nums">
              {phase.progress.done}/{phase.progress.total} done
            </span>
            <div
              className="mt-1.5 h-1.5 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800"
              role="progressbar"
              aria-label={`${phase.name} progress`}
              aria-valuenow={p}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuetext={`${phase.progress.done} of ${phase.progress.total} items done`}
            >
              <div className={cn("h-full rounded-full", p === 100 ? "bg-emerald-500" : "bg-brand-600 dark:bg-brand-500")} style={{ width: `${p}%` }} />
            </div>
          </dd>
        </div>
        <div className="sm:col-span-2 lg:col-span-4">
          <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Open items by severity</dt>
          <dd className="mt-1">
            {openTotal === 0 ? (
              <span className="text-zinc-500 dark:text-zinc-400">No open items</span>
            ) : (
              <ul className="flex flex-wrap gap-1.5" aria-label={`${openTotal} open`}>
                {open.map((severity) => (
                  <li key={severity}>
                    <Badge tone={SEVERITY_TONE[severity]}>
                      <span className="font-semibold tabular-nums">{phase.progress.open[severity]}</span>&nbsp;{severity}
                    </Badge>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>

      {sections.length ? (
        <details className="mt-3 text-sm sm:pl-9">
          <summary className="cursor-pointer font-medium text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
            {sections.map((s) => s.label).join(", ")}
          </summary>
          <dl className="mt-2 space-y-3">
            {sections.map(({ key, label }) => (
              <div key={key}>
                <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{label}</dt>
                <dd className="mt-0.5 whitespace-pre-line text-zinc-700 dark:text-zinc-300">{phase[key]}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </li>
  );
}

interface PhaseListProps extends Omit<RowProps, "phase" | "index" | "count" | "names"> {
  phases: PhaseOutput[];
}

/** Every phase in order, in words: the accessible and phone-sized counterpart of the graph. */
export function PhaseList({ phases, ...rest }: PhaseListProps) {
  const names = new Map(phases.map((p) => [p.id, p.name]));
  return (
    <ol className="divide-y divide-zinc-200 dark:divide-zinc-800">
      {phases.map((phase, index) => (
        <PhaseRow key={phase.id} phase={phase} index={index} count={phases.length} names={names} {...rest} />
      ))}
    </ol>
  );
}
