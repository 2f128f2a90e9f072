"use client";

import { Download, Pencil, Plus, ShieldCheck } from "lucide-react";
import { useCallback, useMemo, useState } from "react";
import { usePhases } from "@/components/phases/use-phases";
import { Alert } from "@/components/ui/alert";
import { Markdown } from "@/components/items/markdown";
import { DeferredRisks } from "@/components/risks/deferred-risks";
import { Button, buttonClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, inputClass } from "@/components/ui/field";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { useProjectEvents, type LiveState } from "@/lib/client/use-project-events";
import { CriteriaList } from "./criteria-list";
import { DecisionForm } from "./decision-form";
import { DecisionHistory } from "./decision-history";
import { GateEditorDialog } from "./gate-editor";
import { errorText } from "./gate-parts";
import { pickGate } from "./gate-view-model";
import { RecommendationBanner } from "./recommendation-banner";
import type { GateSummary } from "./types";
import { gatesUrl, useDecisions, useEvaluation, useGates } from "./use-gates";

interface Props {
  workspace: string;
  project: string;
  /** The signed-in person (gates pages are for people; API keys use the API). */
  userId: string;
  canMark: boolean;
  canEdit: boolean;
  canDecide: boolean;
}

const LIVE_LABEL: Record<LiveState, string> = { connecting: "Connecting…", live: "Live", offline: "Live updates off" };

function LiveIndicator({ state }: { state: LiveState }) {
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400" title={state === "live" ? "Criteria update within seconds as the register changes." : undefined}>
      <span aria-hidden className={cn("size-2 rounded-full", state === "live" ? "bg-emerald-500" : state === "connecting" ? "bg-amber-400" : "bg-zinc-400")} />
      {LIVE_LABEL[state]}
    </span>
  );
}

function LoadingState({ label }: { label: string }) {
  return (
    <div role="status" aria-live="polite" className="space-y-6" data-testid="gates-loading">
      <span className="sr-only">{label}</span>
      <Card className="space-y-3 p-5">
        <Skeleton className="h-3 w-32" />
        <Skeleton className="h-8 w-48" />
        <Skeleton className="h-3 w-3/4" />
      </Card>
      <Card className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {[0, 1, 2].map((i) => (
          <div key={i} className="space-y-3 px-5 py-4">
            <Skeleton className="h-4 w-56" />
            <Skeleton className="h-3 w-2/3" />
          </div>
        ))}
      </Card>
    </div>
  );
}

function LoadError(props: { title: string; error: unknown; isFetching: boolean; onRetry: () => void }) {
  return (
    <Card className="p-5">
      <QueryError {...props} />
    </Card>
  );
}

interface DetailProps extends Props {
  gate: GateSummary;
  onAnnounce: (message: string) => void;
}

function GateDetail({ workspace, project, userId, canMark, canDecide, gate, onAnnounce }: DetailProps) {
  const evaluation = useEvaluation(workspace, project, gate.id);
  const decisions = useDecisions(workspace, project, gate.id);
  const phases = usePhases(workspace, project);
  const phaseNames = useMemo(() => new Map((phases.data?.data ?? []).map((p) => [p.id, p.name])), [phases.data]);
  const phaseName = useCallback((id: string) => phaseNames.get(id) ?? (phases.isPending ? "its phase" : undefined), [phaseNames, phases.isPending]);

  if (evaluation.isPending) return <LoadingState label={`Evaluating ${gate.name}…`} />;
  if (!evaluation.data) {
    return <LoadError title={`${gate.name} could not be evaluated.`} error={evaluation.error} isFetching={evaluation.isFetching} onRetry={() => void evaluation.refetch()} />;
  }

  const latest = decisions.data?.data[0] ?? (gate.lastDecision ? { outcome: gate.lastDecision.outcome, createdAt: gate.lastDecision.at, outOfDate: false } : undefined);
  return (
    <div className="space-y-6">
      {evaluation.isError ? (
        <Alert title="Showing the gate as last evaluated." requestId={errorText(evaluation.error).requestId}>
          <span>{errorText(evaluation.error).message}</span>{" "}
          <button type="button" className="font-medium underline" onClick={() => void evaluation.refetch()}>
            Try again
          </button>
        </Alert>
      ) : null}
      {gate.description ? <Markdown className="max-w-prose text-zinc-600 dark:text-zinc-400">{gate.description}</Markdown> : null}
      <RecommendationBanner evaluation={evaluation.data} latest={latest} decisionsLoading={decisions.isPending} />
      <CriteriaList
        workspace={workspace}
        project={project}
        gateId={gate.id}
        criteria={evaluation.data.criteria}
        phaseName={phaseName}
        canMark={canMark}
        onAnnounce={onAnnounce}
      />
      {canDecide && (gate.approverIds.length === 0 || gate.approverIds.includes(userId)) ? <DecisionForm workspace={workspace} project={project} gateId={gate.id} evaluation={evaluation.data} onRecorded={onAnnounce} /> : null}
      <DecisionHistory
        workspace={workspace}
        project={project}
        gateId={gate.id}
        signer={{ userId, canSign: canDecide && (gate.approverIds.length === 0 || gate.approverIds.includes(userId)) }}
        decisions={decisions.data?.data}
        isPending={decisions.isPending}
        error={decisions.error}
        isFetching={decisions.isFetching}
        onRetry={() => void decisions.refetch()}
      />
    </div>
  );
}

export function GatesView({ workspace, project, userId, canMark, canEdit, canDecide }: Props) {
  const live = useProjectEvents(workspace, project);
  const gates = useGates(workspace, project);
  const phases = usePhases(workspace, project);
  const [selected, setSelected] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [editing, setEditing] = useState<"new" | "edit" | null>(null);
  const list = gates.data ?? [];
  const gate = pickGate(list, selected);
  const phaseOptions = (phases.data?.data ?? []).map((p) => ({ id: p.id, name: p.name }));

  let body: React.ReactNode;
  if (gates.isPending) {
    body = <LoadingState label="Loading gates…" />;
  } else if (!gates.data) {
    body = <LoadError title="The gates could not be loaded." error={gates.error} isFetching={gates.isFetching} onRetry={() => void gates.refetch()} />;
  } else if (!gate) {
    body = (
      <Card>
        <EmptyState
          icon={ShieldCheck}
          title="No release gate yet"
          description="A release gate lists the criteria a release must meet and ends in a Go or No-Go decision. Create one here, or bring it with your plan import or the API."
          action={
            canEdit ? (
              <Button onClick={() => setEditing("new")}>
                <Plus aria-hidden className="size-4" /> New gate
              </Button>
            ) : null
          }
        />
      </Card>
    );
  } else {
    body = (
      <div className="space-y-6">
        {list.length > 1 ? (
          <Field label="Gate" className="max-w-md">
            {(p) => (
              <select {...p} className={inputClass} value={gate.id} onChange={(e) => setSelected(e.target.value)}>
                {list.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h3 className="text-base font-semibold">{gate.name}</h3>
          <div className="flex flex-wrap gap-2">
            <a href={gatesUrl(workspace, project, gate.id, "checklist")} download className={buttonClass("secondary", "sm")}>
              <Download aria-hidden className="size-4" /> Export checklist
            </a>
            {canEdit ? (
              <Button variant="secondary" size="sm" onClick={() => setEditing("edit")}>
                <Pencil aria-hidden className="size-4" /> Edit gate
              </Button>
            ) : null}
            {canEdit ? (
              <Button variant="secondary" size="sm" onClick={() => setEditing("new")}>
                <Plus aria-hidden className="size-4" /> New gate
              </Button>
            ) : null}
          </div>
        </div>
        <GateDetail key={gate.id} workspace={workspace} project={project} userId={userId} canMark={canMark} canEdit={canEdit} canDecide={canDecide} gate={gate} onAnnounce={setAnnouncement} />
        <Card>
          <CardHeader title="Deferred risks" description="Items this project’s latest decisions accepted as known risks, by due date. Overdue ones are in red." />
          <DeferredRisks workspace={workspace} project={project} canResolve={canMark} />
        </Card>
      </div>
    );
  }

  return (
    <section aria-labelledby="gates-heading">
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h2 id="gates-heading" className="text-lg font-semibold">
            Gates
          </h2>
          <p className="mt-0.5 text-sm text-zinc-500 dark:text-zinc-400">Each criterion’s live state, what Readyroom recommends, and the decisions recorded.</p>
        </div>
        <LiveIndicator state={live} />
      </div>
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {body}
      {canEdit ? (
        <GateEditorDialog
          open={editing !== null}
          onClose={() => setEditing(null)}
          workspace={workspace}
          project={project}
          gate={editing === "edit" ? (gate ?? null) : null}
          phases={phaseOptions}
          onSaved={(saved) => {
            setEditing(null);
            setSelected(saved.id);
            setAnnouncement(`Saved ${saved.name}.`);
          }}
        />
      ) : null}
    </section>
  );
}
