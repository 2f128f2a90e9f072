"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2, ShieldAlert } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { formatDateTime, formatDay, statusLabel } from "@/components/items/format";
import { OutcomeBadge } from "@/components/gates/gate-parts";
import type { Outcome } from "@/components/gates/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { api, ApiError } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";

export type RiskStatus = "open" | "resolved" | "all";

export interface DeferredRisk {
  id: string;
  title: string;
  notes: string;
  itemKey: string | null;
  itemStatus: string | null;
  owner: { id: string; name: string };
  dueDate: string;
  overdue: boolean;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string;
  project: { slug: string; name: string };
  gate: { id: string; name: string };
  decision: { id: string; outcome: Outcome; createdAt: string };
}

const STATUS_TABS: { value: RiskStatus; label: string }[] = [
  { value: "open", label: "Open" },
  { value: "resolved", label: "Resolved" },
  { value: "all", label: "All" },
];

function risksUrl(workspace: string, project: string | undefined, status: RiskStatus) {
  const base = project ? `/api/v1/workspaces/${workspace}/projects/${project}/deferred-risks` : `/api/v1/workspaces/${workspace}/deferred-risks`;
  return `${base}?status=${status}`;
}

/** Under the project's key when there is one, so its change stream refetches the list. */
function risksKey(workspace: string, project: string | undefined, status: RiskStatus) {
  return project ? [...queryKeys.project(workspace, project), "deferred-risks", status] : ["workspace", workspace, "deferred-risks", status];
}

function ResolveForm({ workspace, risk, onDone }: { workspace: string; risk: DeferredRisk; onDone: () => void }) {
  const [resolution, setResolution] = useState("");
  const client = useQueryClient();
  const resolve = useMutation({
    mutationFn: () => api(`/api/v1/workspaces/${workspace}/deferred-risks/${risk.id}/resolve`, { method: "POST", body: { resolution } }),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ["workspace", workspace, "deferred-risks"] }),
        client.invalidateQueries({ queryKey: queryKeys.project(workspace, risk.project.slug) }),
      ]);
      onDone();
    },
  });
  const fieldError = resolve.error instanceof ApiError ? resolve.error.fieldError("resolution") : undefined;
  return (
    <form
      className="mt-2 space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (!resolve.isPending) resolve.mutate();
      }}
    >
      <label htmlFor={`resolve-${risk.id}`} className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">
        What was done about it
      </label>
      <textarea
        id={`resolve-${risk.id}`}
        className={inputClass}
        rows={2}
        maxLength={5000}
        required
        value={resolution}
        aria-invalid={fieldError ? true : undefined}
        onChange={(e) => setResolution(e.target.value)}
        placeholder="e.g. Fixed in #231 and verified on staging"
      />
      {fieldError ? <p className="text-xs font-medium text-red-600 dark:text-red-400">{fieldError}</p> : <FormError error={resolve.error} fields={["resolution"]} />}
      <div className="flex gap-2">
        <Button type="submit" size="sm" pending={resolve.isPending}>Mark resolved</Button>
        <Button size="sm" variant="ghost" onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}

function RiskRow({ workspace, risk, showProject, canResolve }: { workspace: string; risk: DeferredRisk; showProject: boolean; canResolve: boolean }) {
  const [resolving, setResolving] = useState(false);
  const projectBase = `/${workspace}/projects/${risk.project.slug}`;
  return (
    <li className={cn("px-5 py-4", risk.overdue && "bg-red-50/60 dark:bg-red-950/20")} data-testid="deferred-risk" data-overdue={risk.overdue || undefined}>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-1">
          <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
            {risk.itemKey ? (
              <Link href={`${projectBase}/items/${risk.itemKey}`} className="font-mono text-xs font-medium text-brand-700 hover:underline dark:text-brand-100">
                {risk.itemKey}
              </Link>
            ) : null}
            <span className="font-medium">{risk.title}</span>
            {risk.itemStatus ? <Badge>{statusLabel(risk.itemStatus)}</Badge> : null}
            {risk.overdue ? <Badge tone="red">Overdue</Badge> : null}
            {risk.resolvedAt ? <Badge tone="green">Resolved</Badge> : null}
          </p>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            {showProject ? (
              <>
                <Link href={projectBase} className="font-medium text-zinc-700 hover:underline dark:text-zinc-300">{risk.project.name}</Link>
                {" · "}
              </>
            ) : null}
            Accepted in{" "}
            <Link href={`${projectBase}/gates`} className="hover:underline">
              {risk.gate.name}
            </Link>{" "}
            <OutcomeBadge outcome={risk.decision.outcome} /> on {formatDay(risk.decision.createdAt.slice(0, 10))}
          </p>
          {risk.notes ? <p className="whitespace-pre-wrap text-xs text-zinc-600 dark:text-zinc-400">{risk.notes}</p> : null}
          {risk.resolvedAt ? (
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              Resolved {formatDateTime(risk.resolvedAt)}
              {risk.resolvedBy ? ` by ${risk.resolvedBy}` : ""}: {risk.resolution}
            </p>
          ) : null}
        </div>
        <div className="flex shrink-0 items-center gap-4 text-sm sm:flex-col sm:items-end sm:gap-1">
          <span className="text-zinc-700 dark:text-zinc-300">{risk.owner.name}</span>
          <span className={cn("text-xs", risk.overdue ? "font-semibold text-red-600 dark:text-red-400" : "text-zinc-500 dark:text-zinc-400")}>
            {risk.overdue ? "Overdue since " : "Due "}
            {formatDay(risk.dueDate)}
          </span>
          {canResolve && !risk.resolvedAt && !resolving ? (
            <Button size="sm" variant="secondary" onClick={() => setResolving(true)}>
              <CheckCircle2 aria-hidden className="size-4" /> Resolve
            </Button>
          ) : null}
        </div>
      </div>
      {resolving ? <ResolveForm workspace={workspace} risk={risk} onDone={() => setResolving(false)} /> : null}
    </li>
  );
}

interface Props {
  workspace: string;
  /** One project's risks; the whole workspace's when absent (then each row names its project). */
  project?: string;
  canResolve: boolean;
}

/** Deferred risks by due date, overdue ones first in red, with a way to mark them resolved. */
export function DeferredRisks({ workspace, project, canResolve }: Props) {
  const [status, setStatus] = useState<RiskStatus>("open");
  const risks = useQuery({
    queryKey: risksKey(workspace, project, status),
    queryFn: () => api<{ total: number; data: DeferredRisk[] }>(risksUrl(workspace, project, status)),
  });
  const overdue = risks.data?.data.filter((r) => r.overdue).length ?? 0;

  let body: React.ReactNode;
  if (risks.isPending) {
    body = (
      <div role="status" className="space-y-3 p-5">
        <span className="sr-only">Loading deferred risks…</span>
        <Skeleton className="h-4 w-2/3" />
        <Skeleton className="h-4 w-1/2" />
      </div>
    );
  } else if (!risks.data) {
    body = (
      <div className="p-5">
        <QueryError title="The deferred risks could not be loaded." error={risks.error} isFetching={risks.isFetching} onRetry={() => void risks.refetch()} />
      </div>
    );
  } else if (risks.data.data.length === 0) {
    body = (
      <EmptyState
        icon={ShieldAlert}
        title={status === "resolved" ? "No resolved risks yet" : "No deferred risks"}
        description={
          status === "resolved"
            ? "Risks marked resolved appear here with what was done about them."
            : "A “Go with known risks” decision lists the items it accepts, each with an owner and a due date. They appear here until resolved."
        }
      />
    );
  } else {
    body = (
      <ol className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {risks.data.data.map((risk) => (
          <RiskRow key={risk.id} workspace={workspace} risk={risk} showProject={!project} canResolve={canResolve} />
        ))}
      </ol>
    );
  }

  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-200 px-5 py-3 dark:border-zinc-800">
        <div role="group" aria-label="Show" className="inline-flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700">
          {STATUS_TABS.map((tab) => (
            <button
              key={tab.value}
              type="button"
              aria-pressed={status === tab.value}
              onClick={() => setStatus(tab.value)}
              className={cn(
                "rounded px-3 py-1 text-sm font-medium",
                status === tab.value ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800",
              )}
            >
              {tab.label}
            </button>
          ))}
        </div>
        {risks.data ? (
          <p className="text-xs text-zinc-500 dark:text-zinc-400" aria-live="polite">
            {risks.data.total} risk{risks.data.total === 1 ? "" : "s"}
            {overdue ? <span className="font-semibold text-red-600 dark:text-red-400"> · {overdue} overdue</span> : null}
            {risks.data.total > risks.data.data.length ? ` · showing the first ${risks.data.data.length}` : ""}
          </p>
        ) : null}
      </div>
      {body}
    </div>
  );
}
