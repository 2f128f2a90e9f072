import { AlertTriangle, CalendarDays } from "lucide-react";
import { formatDateTime, formatDay } from "@/components/items/format";
import { cn } from "@/components/ui/cn";
import { OUTCOME_LABEL, outOfDateWarning } from "./gate-view-model";
import { OutcomeBadge } from "./gate-parts";
import type { Decision, GateEvaluation, Outcome } from "./types";

const PANEL: Record<Outcome, string> = {
  go: "border-emerald-200 bg-emerald-50 dark:border-emerald-900/60 dark:bg-emerald-950/30",
  no_go: "border-red-200 bg-red-50 dark:border-red-900/60 dark:bg-red-950/30",
  go_with_risks: "border-amber-200 bg-amber-50 dark:border-amber-900/60 dark:bg-amber-950/30",
};

const LABEL: Record<Outcome, string> = {
  go: "text-emerald-700 dark:text-emerald-300",
  no_go: "text-red-700 dark:text-red-300",
  go_with_risks: "text-amber-800 dark:text-amber-300",
};

interface Props {
  evaluation: GateEvaluation;
  /** The newest decision (from the decisions list), or what the gate list knows of it. */
  latest: Pick<Decision, "outcome" | "createdAt" | "outOfDate"> | undefined;
  decisionsLoading: boolean;
}

export function RecommendationBanner({ evaluation, latest, decisionsLoading }: Props) {
  const { recommendation, gate } = evaluation;
  const warning = outOfDateWarning(latest, recommendation.outcome);
  return (
    <section aria-labelledby="recommendation-heading" className={cn("rounded-lg border p-5 shadow-sm", PANEL[recommendation.outcome])} data-testid="gate-recommendation">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h3 id="recommendation-heading" className="text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
            Readyroom recommends
          </h3>
          <p className={cn("mt-1 text-3xl font-bold tracking-tight", LABEL[recommendation.outcome])} aria-live="polite">
            {OUTCOME_LABEL[recommendation.outcome]}
          </p>
          <p className="mt-2 max-w-prose text-sm text-zinc-800 dark:text-zinc-200">{recommendation.reason}</p>
          <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">Evaluated {formatDateTime(evaluation.evaluatedAt)} from the live register.</p>
        </div>
        <dl className="grid shrink-0 grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-1 sm:text-right">
          <div>
            <dt className="text-xs text-zinc-600 dark:text-zinc-400">Target date</dt>
            <dd className="mt-0.5 inline-flex items-center gap-1.5 font-medium">
              <CalendarDays aria-hidden className="size-4 text-zinc-400" />
              {gate.targetDate ? formatDay(gate.targetDate) : "Not set"}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-zinc-600 dark:text-zinc-400">Last decision</dt>
            <dd className="mt-0.5">
              {latest ? (
                <span className="inline-flex flex-wrap items-center gap-1.5 sm:justify-end">
                  <OutcomeBadge outcome={latest.outcome} />
                  <span className="text-xs text-zinc-600 dark:text-zinc-400">{formatDateTime(latest.createdAt)}</span>
                </span>
              ) : decisionsLoading ? (
                <span className="text-zinc-600 dark:text-zinc-400">Loading…</span>
              ) : (
                <span className="text-zinc-600 dark:text-zinc-400">None recorded</span>
              )}
            </dd>
          </div>
        </dl>
      </div>
      {warning ? (
        <div role="alert" className="mt-4 flex gap-2 rounded-md border border-amber-300 bg-white/70 px-3 py-2.5 text-sm font-medium text-amber-900 dark:border-amber-700 dark:bg-zinc-950/40 dark:text-amber-200" data-testid="decision-out-of-date">
          <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
          <p>{warning}</p>
        </div>
      ) : null}
    </section>
  );
}
