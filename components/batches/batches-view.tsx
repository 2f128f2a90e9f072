"use client";

import { CheckCircle2, Columns3, FileQuestion, XCircle } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { startTransition, useMemo, useOptimistic } from "react";
import { LiveIndicator } from "@/components/board/live-indicator";
import { usePhases } from "@/components/phases/use-phases";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, inlineSelectClass } from "@/components/ui/field";
import { QueryError } from "@/components/ui/query-error";
import { ApiError } from "@/lib/client/api";
import { useProjectEvents } from "@/lib/client/use-project-events";
import type { BatchPlanOutput } from "@/lib/validation/batches";
import { BatchColumns, BatchColumnsSkeleton } from "./batch-columns";
import { type BatchSelection, readSelection, selectionQuery } from "./batch-model";
import { useBatches } from "./use-batches";

/** The select's value for "the items named in the URL". */
const CHOSEN = "__items";
const NO_PHASE = "none";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

interface Props {
  workspace: string;
  project: string;
}

interface ControlsProps extends Props {
  selection: BatchSelection;
  onChange: (next: BatchSelection) => void;
  updating: boolean;
  /** The selected phase's name as the plan gave it, for a phase the list does not have (yet). */
  phaseName: string | null;
}

function Controls({ workspace, project, selection, onChange, updating, phaseName }: ControlsProps) {
  const phases = usePhases(workspace, project);
  const value = selection.items.length ? CHOSEN : (selection.phase ?? "");
  const listed = selection.phase === null || selection.phase === NO_PHASE || phases.data?.data.some((p) => p.id === selection.phase);
  return (
    <Card className="flex flex-wrap items-end gap-x-6 gap-y-3 p-4">
      <Field label="Plan">
        {(props) => (
          <select
            {...props}
            className={inlineSelectClass}
            value={value}
            onChange={(e) => {
              const next = e.target.value;
              if (next === CHOSEN) return;
              onChange({ ...selection, items: [], phase: next || null });
            }}
          >
            <option value="">{selection.includeDone ? "All items" : "All open items"}</option>
            {selection.items.length ? <option value={CHOSEN}>{plural(selection.items.length, "chosen item")}</option> : null}
            {phases.data?.data.map((phase) => (
              <option key={phase.id} value={phase.id}>
                {phase.name}
              </option>
            ))}
            {/* A phase the list does not have (still loading, or gone): the plan's answer names it or says it is not found. */}
            {!listed && selection.phase ? <option value={selection.phase}>{phaseName ?? (phases.isPending ? "Loading phases…" : "Unknown phase")}</option> : null}
            <option value={NO_PHASE}>Items in no phase</option>
          </select>
        )}
      </Field>
      <label className="flex items-center gap-2 pb-2 text-sm text-zinc-800 dark:text-zinc-200">
        <input type="checkbox" className="size-4 rounded border-zinc-300 accent-brand-600" checked={selection.includeDone} onChange={(e) => onChange({ ...selection, includeDone: e.target.checked })} />
        Include done and won’t-fix items
      </label>
      <label className="flex items-center gap-2 pb-2 text-sm text-zinc-800 dark:text-zinc-200">
        <input type="checkbox" className="size-4 rounded border-zinc-300 accent-brand-600" checked={selection.phaseOrder} onChange={(e) => onChange({ ...selection, phaseOrder: e.target.checked })} />
        Keep the phases’ order
        <span className="text-xs text-zinc-500 dark:text-zinc-400">(an item also waits for the phases its phase depends on)</span>
      </label>
      <div className="ml-auto flex items-center gap-3 pb-2">
        {updating ? (
          <span role="status" className="text-xs text-zinc-500 dark:text-zinc-400">
            Planning…
          </span>
        ) : null}
      </div>
      {phases.isError ? (
        <p className="w-full text-xs text-red-600 dark:text-red-400">
          The phases could not be loaded ({phases.error instanceof Error ? phases.error.message : "try again"}).{" "}
          <button type="button" className="font-medium underline" onClick={() => void phases.refetch()}>
            Try again
          </button>
        </p>
      ) : null}
    </Card>
  );
}

function emptyText(plan: BatchPlanOutput): { title: string; description: string } {
  const open = plan.selection.includeDone ? "" : "open ";
  switch (plan.selection.kind) {
    case "phase":
      return plan.selection.unphased
        ? { title: "Nothing to batch", description: `No ${open}items are outside a phase.` }
        : { title: "Nothing to batch", description: `“${plan.selection.phase?.name}” has no ${open}items.` };
    case "items":
      return { title: "Nothing to batch", description: `None of the chosen items is ${plan.selection.includeDone ? "in this project" : "open"}.` };
    default:
      return { title: "No items to batch yet", description: `This project has no ${open}items. Add items with the files they touch in the register, or import a plan whose tasks list their files.` };
  }
}

function Proof({ plan }: { plan: BatchPlanOutput }) {
  if (plan.check.valid) {
    return (
      <div className="flex items-start gap-2 text-sm text-emerald-800 dark:text-emerald-300" data-testid="batches-proof">
        <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0" />
        <p>
          <span className="font-semibold">No file conflicts within any batch.</span>{" "}
          <span className="text-zinc-600 dark:text-zinc-400">Checked again after planning: in every batch no two items touch the same file, and every item runs after the items that block it.</span>
        </p>
      </div>
    );
  }
  return (
    <Alert title="The plan failed its own check." className="w-full">
      <ul className="list-disc pl-4">
        {plan.check.problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </Alert>
  );
}

function PhaseGrouping({ grouping, batches }: { grouping: NonNullable<BatchPlanOutput["phaseGrouping"]>; batches: number }) {
  const phases = grouping.groups.length;
  return (
    <Card data-testid="phase-grouping">
      <CardHeader title="The phases as batches" description="The project’s own grouping, checked the same way: each phase a batch, run in phase order." />
      <div className="space-y-3 p-5 text-sm">
        {grouping.valid ? (
          <p className="flex items-start gap-2 text-emerald-800 dark:text-emerald-300">
            <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0" />
            <span>
              <span className="font-semibold">Valid.</span> Within each of the {plural(phases, "phase")} no two items touch the same file, and every blocker is in an earlier phase.{" "}
              <span className="text-zinc-600 dark:text-zinc-400">
                {batches < phases ? `Planned by files and blockers alone, the same items need ${plural(batches, "batch", "batches")}.` : `The plan above needs ${plural(batches, "batch", "batches")} too.`}
              </span>
            </span>
          </p>
        ) : (
          <div className="space-y-2">
            <p className="flex items-start gap-2 text-red-700 dark:text-red-400">
              <XCircle aria-hidden className="mt-0.5 size-4 shrink-0" />
              <span className="font-semibold">Not valid as batches: {plural(grouping.problems.length, "problem")}.</span>
            </p>
            <ul className="list-disc space-y-1 pl-10 text-zinc-700 dark:text-zinc-300">
              {grouping.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </div>
        )}
        <ol className="grid gap-x-6 gap-y-1 text-zinc-600 sm:grid-cols-2 dark:text-zinc-400">
          {grouping.groups.map((group, index) => (
            <li key={group.phase.id} className="flex min-w-0 gap-2">
              <span className="tabular-nums text-zinc-500 dark:text-zinc-400">{index + 1}.</span>
              <span className="truncate">{group.phase.name}</span>
              <span className="shrink-0">· {plural(group.keys.length, "item")}</span>
            </li>
          ))}
        </ol>
        {grouping.unphased > 0 ? <p className="text-xs text-zinc-500 dark:text-zinc-400">{plural(grouping.unphased, "item")} in no phase {grouping.unphased === 1 ? "is" : "are"} left out of this check.</p> : null}
      </div>
    </Card>
  );
}

function PlanBody({ plan, workspace, project, onIncludeDone }: Props & { plan: BatchPlanOutput; onIncludeDone: (() => void) | null }) {
  const base = `/${workspace}/projects/${project}`;
  if (plan.totals.items === 0) {
    const { title, description } = emptyText(plan);
    const action =
      plan.selection.kind === "all" ? (
        <Link href={`${base}/import`} className={buttonClass("secondary")}>
          Import a plan
        </Link>
      ) : onIncludeDone ? (
        <Button variant="secondary" onClick={onIncludeDone}>
          Include done items
        </Button>
      ) : null;
    return (
      <Card>
        <EmptyState icon={Columns3} title={title} description={description} action={action} />
      </Card>
    );
  }

  const batches = plan.batches.length;
  const placed = plan.batches.reduce((n, b) => n + b.items.length, 0);
  return (
    <div className="space-y-4">
      <div className="space-y-2">
        <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="batches-summary">
          {plural(placed, plan.selection.includeDone ? "item" : "open item")} in {plural(batches, "batch", "batches")}
          {plan.phaseGrouping ? ` (the project’s phases use ${plan.phaseGrouping.groups.length})` : ""}. Batches run left to right; the items in one batch can run at the same time.
        </p>
        {batches > 0 ? <Proof plan={plan} /> : null}
      </div>

      {plan.totals.withoutFiles === plan.totals.items ? (
        <Alert tone="info" title="None of these items lists the files it touches.">
          So no two of them can be seen to collide, and only blockers split them. Add the files to the items, or import a plan whose tasks have “Files:” lines.
        </Alert>
      ) : plan.totals.withoutFiles > 0 ? (
        <p className="flex items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400">
          <FileQuestion aria-hidden className="size-3.5" />
          {plural(plan.totals.withoutFiles, "item lists", "items list")} no files: they conflict with nothing.
        </p>
      ) : null}

      {plan.unplaceable.length ? (
        <Alert title={`${plural(plan.unplaceable.length, "item")} could not be placed.`}>
          <ul className="mt-1 space-y-0.5">
            {plan.unplaceable.map((u) => (
              <li key={u.key}>
                <Link href={`${base}/items/${u.key}`} className="font-mono font-medium underline">
                  {u.key}
                </Link>{" "}
                {u.title}: {u.reason}.
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}

      {batches > 0 ? <BatchColumns plan={plan} itemHref={(key) => `${base}/items/${key}`} /> : null}

      {plan.phaseGrouping ? <PhaseGrouping grouping={plan.phaseGrouping} batches={batches} /> : null}
    </div>
  );
}

/**
 * The batch planner: pick a phase (or every open item), see batches of work
 * that can run in parallel as columns, why each split was needed, and whether
 * the project's own phases would be valid batches. The selection is in the URL.
 */
export function BatchesView({ workspace, project }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const selection = useMemo(() => readSelection(new URLSearchParams(search)), [search]);
  // The controls show a choice at once, while the URL (the source of truth) catches up.
  const [shownSelection, showSelection] = useOptimistic(selection);
  const live = useProjectEvents(workspace, project);
  const plan = useBatches(workspace, project, selection);

  const go = (next: BatchSelection) => {
    const query = selectionQuery(next);
    startTransition(() => {
      showSelection(next);
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    });
  };

  let body: React.ReactNode;
  if (plan.isPending) {
    body = <BatchColumnsSkeleton />;
  } else if (!plan.data) {
    body = (
      <Card className="p-5">
        <QueryError title="The batches could not be planned." error={plan.error} isFetching={plan.isFetching} onRetry={() => void plan.refetch()} />
      </Card>
    );
  } else {
    body = (
      <div className="space-y-4">
        {plan.isError ? (
          <Alert title="Showing the batches as last planned." requestId={plan.error instanceof ApiError ? plan.error.requestId : undefined}>
            <span>{plan.error.message}</span>{" "}
            <button type="button" className="font-medium underline" onClick={() => void plan.refetch()}>
              Try again
            </button>
          </Alert>
        ) : null}
        <PlanBody
          plan={plan.data}
          workspace={workspace}
          project={project}
          onIncludeDone={plan.data.selection.includeDone ? null : () => go({ ...selection, includeDone: true })}
        />
      </div>
    );
  }

  return (
    <section aria-labelledby="batches-heading" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h2 id="batches-heading" className="text-lg font-semibold">
            Batches
          </h2>
          <p className="mt-0.5 text-sm text-zinc-500 dark:text-zinc-400">
            Work that can run in parallel: no two items in a batch touch the same file, and every item runs after the items that block it.
          </p>
        </div>
        <LiveIndicator state={live} />
      </div>
      <Controls
        workspace={workspace}
        project={project}
        selection={shownSelection}
        onChange={go}
        updating={plan.isFetching && plan.isPlaceholderData}
        phaseName={plan.data?.selection.phase?.id === selection.phase ? (plan.data?.selection.phase?.name ?? null) : null}
      />
      {body}
    </section>
  );
}
