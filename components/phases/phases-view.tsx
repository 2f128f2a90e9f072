"use client";

import { Plus, RotateCw, Workflow } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError } from "@/lib/client/api";
import { useProjectEvents, type LiveState } from "@/lib/client/use-project-events";
import type { PhaseOutput } from "@/lib/validation/phase";
import { DeletePhaseDialog } from "./delete-phase-dialog";
import { formatDays } from "./format";
import { Legend, PhaseGraph } from "./phase-graph";
import { PhaseFormDialog } from "./phase-form-dialog";
import { PhaseList } from "./phase-list";
import { useMovePhase, useOwners, usePhases, type PhasesResponse } from "./use-phases";

interface Props {
  workspace: string;
  project: string;
  canEdit: boolean;
}

type DialogState = { kind: "create" } | { kind: "edit"; phase: PhaseOutput } | { kind: "delete"; phase: PhaseOutput } | null;

const LIVE_LABEL: Record<LiveState, string> = { connecting: "Connecting…", live: "Live", offline: "Live updates off" };

function LiveIndicator({ state }: { state: LiveState }) {
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400" title={state === "live" ? "Changes by others appear here within seconds." : undefined}>
      <span
        aria-hidden
        className={cn("size-2 rounded-full", state === "live" ? "bg-emerald-500" : state === "connecting" ? "bg-amber-400" : "bg-zinc-400")}
      />
      {LIVE_LABEL[state]}
    </span>
  );
}

function LoadingState() {
  return (
    <div role="status" aria-live="polite" className="space-y-6" data-testid="phases-loading">
      <span className="sr-only">Loading phases…</span>
      <Card className="p-5">
        <Skeleton className="mb-4 h-4 w-48" />
        <Skeleton className="h-56 w-full" />
      </Card>
      <Card className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {[0, 1, 2].map((i) => (
          <div key={i} className="space-y-3 px-5 py-4">
            <Skeleton className="h-4 w-40" />
            <Skeleton className="h-3 w-3/4" />
            <Skeleton className="h-1.5 w-full" />
          </div>
        ))}
      </Card>
    </div>
  );
}

function errorText(error: unknown): { message: string; requestId?: string } {
  if (error instanceof ApiError) return { message: error.message, requestId: error.status >= 500 ? error.requestId : undefined };
  return { message: "Something went wrong. Try again." };
}

function CriticalPathSummary({ phases, criticalPath }: PhasesResponse & { phases: PhaseOutput[] }) {
  const names = new Map(phases.map((p) => [p.id, p.name]));
  const path = criticalPath.phaseIds.map((id) => names.get(id)).filter((n): n is string => Boolean(n));
  const estimated = phases.some((p) => p.estimateDays !== null);
  return (
    <div className="text-sm" data-testid="critical-path">
      <p className="font-semibold">
        Critical path: <span className="text-red-700 dark:text-red-400">{path.length ? formatDays(criticalPath.totalDays) : "none"}</span>
      </p>
      {path.length ? <p className="mt-0.5 text-zinc-600 dark:text-zinc-400">{path.join(" → ")}</p> : null}
      {estimated ? null : (
        <p className="mt-0.5 text-zinc-500 dark:text-zinc-400">Give phases an estimate in days to find the longest chain of dependent work.</p>
      )}
    </div>
  );
}

export function PhasesView({ workspace, project, canEdit }: Props) {
  const live = useProjectEvents(workspace, project);
  const query = usePhases(workspace, project);
  const owners = useOwners(workspace, canEdit);
  const move = useMovePhase(workspace, project);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [announcement, setAnnouncement] = useState("");
  const listHeading = useRef<HTMLHeadingElement>(null);
  const focusListAfterClose = useRef(false);

  // Once the dialog has closed (its own effect runs first), focus can leave it.
  useEffect(() => {
    if (dialog !== null || !focusListAfterClose.current) return;
    focusListAfterClose.current = false;
    listHeading.current?.focus();
  }, [dialog]);

  const phases = query.data?.data ?? [];
  const newPhase = canEdit ? (
    <Button onClick={() => setDialog({ kind: "create" })}>
      <Plus aria-hidden className="size-4" /> New phase
    </Button>
  ) : null;

  let body: React.ReactNode;
  if (query.isPending) {
    body = <LoadingState />;
  } else if (!query.data) {
    const { message, requestId } = errorText(query.error);
    body = (
      <Card className="p-5">
        <Alert title="The phases could not be loaded." requestId={requestId}>
          {message}
        </Alert>
        <div className="mt-4 flex justify-end">
          <Button variant="secondary" pending={query.isFetching} onClick={() => void query.refetch()}>
            <RotateCw aria-hidden className="size-4" /> Try again
          </Button>
        </div>
      </Card>
    );
  } else if (phases.length === 0) {
    body = (
      <Card>
        <EmptyState
          icon={Workflow}
          title="No phases yet"
          description={
            canEdit
              ? "Phases are the ordered stages of a release (Phase 0…5, batches, workstreams, milestones) and the phases each one waits for. Add the first one, or import a plan."
              : "Phases are the ordered stages of a release (Phase 0…5, batches, workstreams, milestones). None have been added to this project."
          }
          action={newPhase}
        />
      </Card>
    );
  } else {
    const moveError = move.isError ? errorText(move.error) : null;
    body = (
      <div className="space-y-6">
        {query.isError ? (
          <Alert title="Showing the phases as last loaded." requestId={errorText(query.error).requestId}>
            <span>{errorText(query.error).message}</span>{" "}
            <button type="button" className="font-medium underline" onClick={() => void query.refetch()}>
              Try again
            </button>
          </Alert>
        ) : null}
        <Card>
          <CardHeader title="Dependency graph" description="Arrows run from a phase to the phases that wait for it." actions={<CriticalPathSummary {...query.data} phases={phases} />} />
          <div className="space-y-4 p-5">
            <Legend />
            <PhaseGraph phases={phases} criticalPath={query.data.criticalPath} />
          </div>
        </Card>

        <Card>
          <div className="flex flex-wrap items-start justify-between gap-3 border-b border-zinc-200 px-5 py-4 dark:border-zinc-800">
            <div className="min-w-0">
              <h2 ref={listHeading} tabIndex={-1} className="text-base font-semibold focus:outline-none">
                Phases in order
              </h2>
              <p className="mt-0.5 text-sm text-zinc-500 dark:text-zinc-400">
                {phases.length} {phases.length === 1 ? "phase" : "phases"}, with what each delivers, who owns it and how far it is.
              </p>
            </div>
          </div>
          {moveError ? (
            <div className="px-5 pt-4">
              <Alert title={`${move.variables?.name ?? "The phase"} could not be moved.`} requestId={moveError.requestId}>
                {moveError.message}
              </Alert>
            </div>
          ) : null}
          <PhaseList
            phases={phases}
            canEdit={canEdit}
            onEdit={(phase) => setDialog({ kind: "edit", phase })}
            onDelete={(phase) => setDialog({ kind: "delete", phase })}
            onMove={(phase, position) => {
              move.move(phase, position);
              setAnnouncement(`Moved ${phase.name} to position ${position + 1} of ${phases.length}.`);
            }}
          />
        </Card>
      </div>
    );
  }

  return (
    <section aria-labelledby="phases-heading">
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h2 id="phases-heading" className="text-lg font-semibold">
            Phases
          </h2>
          <p className="mt-0.5 text-sm text-zinc-500 dark:text-zinc-400">The stages of the release, what each depends on, and the critical path.</p>
        </div>
        <div className="flex items-center gap-3">
          <LiveIndicator state={live} />
          {phases.length > 0 ? newPhase : null}
        </div>
      </div>

      <p role="status" className="sr-only">
        {announcement}
      </p>

      {body}

      {canEdit ? (
        <>
          <PhaseFormDialog
            open={dialog?.kind === "create" || dialog?.kind === "edit"}
            onClose={() => setDialog(null)}
            workspace={workspace}
            project={project}
            phase={dialog?.kind === "edit" ? dialog.phase : null}
            phases={phases}
            owners={{ data: owners.data, isPending: owners.isPending, isError: owners.isError }}
            onSaved={(saved, created) => {
              setDialog(null);
              setAnnouncement(created ? `Created ${saved.name}.` : `Saved ${saved.name}.`);
            }}
          />
          <DeletePhaseDialog
            workspace={workspace}
            project={project}
            phase={dialog?.kind === "delete" ? dialog.phase : null}
            phases={phases}
            onClose={() => setDialog(null)}
            onDeleted={(deleted) => {
              focusListAfterClose.current = true;
              setDialog(null);
              setAnnouncement(`Deleted ${deleted.name}.`);
            }}
          />
        </>
      ) : null}
    </section>
  );
}
