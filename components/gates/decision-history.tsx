"use client";

import { PenLine } from "lucide-react";
import Link from "next/link";
import { formatDateTime, formatDay } from "@/components/items/format";
import { useNow } from "@/components/items/use-now";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/ui/copy-button";
import { FormError } from "@/components/ui/form-error";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { CONFIDENCE_LABEL, isRiskOverdue, OUTCOME_LABEL, riskKeysFromSnapshot, shortHash } from "./gate-view-model";
import { OutcomeBadge } from "./gate-parts";
import type { Decision } from "./types";
import { useSignDecision } from "./use-gates";

const HASH_TOOLTIP = "SHA-256 of the snapshot recorded with this decision";

/** Who may sign: the caller, if they may decide and (when the gate names approvers) are one of them. */
export interface Signer {
  userId: string;
  canSign: boolean;
}

interface Props {
  workspace: string;
  project: string;
  gateId: string;
  signer: Signer | null;
  decisions: Decision[] | undefined;
  isPending: boolean;
  error: unknown;
  isFetching: boolean;
  onRetry: () => void;
}

function SignOffs({ decision, workspace, project, gateId, signer }: { decision: Decision; workspace: string; project: string; gateId: string; signer: Signer | null }) {
  const sign = useSignDecision(workspace, project, gateId);
  const signed = decision.approvals.map((a) => `${a.name} (${formatDateTime(a.signedAt)})`);
  const mine = signer ? decision.approvals.some((a) => a.userId === signer.userId) : false;
  const mayAct = signer?.canSign && !decision.superseded && !decision.signedOff && !mine;
  return (
    <div className="space-y-2" data-testid="decision-sign-offs">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        <span className="font-medium text-zinc-900 dark:text-zinc-100">
          {decision.approvals.length} of {decision.requiredApprovals} sign-off{decision.requiredApprovals === 1 ? "" : "s"}
        </span>
        {signed.length ? `: ${signed.join(", ")}` : ""}
      </p>
      {mayAct ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button size="sm" pending={sign.isPending} onClick={() => sign.mutate(decision.id)}>
            <PenLine aria-hidden className="size-4" /> Sign this decision
          </Button>
          <span className="text-xs text-zinc-500 dark:text-zinc-400">You sign the snapshot it was recorded against (hash below).</span>
        </div>
      ) : null}
      {sign.error ? <FormError error={sign.error} /> : null}
    </div>
  );
}

function DecisionEntry({ decision, workspace, project, gateId, signer, now }: { decision: Decision; workspace: string; project: string; gateId: string; signer: Signer | null; now: number }) {
  const keys = riskKeysFromSnapshot(decision.snapshot);
  return (
    <li className={cn("space-y-3 px-5 py-4", decision.superseded && "bg-zinc-50/60 dark:bg-zinc-950/30")} data-testid="gate-decision">
      <div className="flex flex-wrap items-center gap-2">
        <OutcomeBadge outcome={decision.outcome} />
        {decision.superseded ? <Badge>Superseded</Badge> : null}
        {decision.outOfDate ? <Badge tone="amber">Out of date</Badge> : null}
        {!decision.signedOff && !decision.superseded ? <Badge tone="amber">Awaiting sign-off</Badge> : null}
        {decision.recommendation !== decision.outcome ? (
          <span className="text-xs text-zinc-500 dark:text-zinc-400">Readyroom recommended {OUTCOME_LABEL[decision.recommendation]}</span>
        ) : null}
      </div>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        <span className="font-medium text-zinc-900 dark:text-zinc-100">{decision.decidedBy?.name ?? "Unknown"}</span>
        {" · "}
        <time dateTime={decision.createdAt}>{formatDateTime(decision.createdAt)}</time>
        {" · "}
        {CONFIDENCE_LABEL[decision.confidence]} confidence
      </p>
      <p className="whitespace-pre-wrap break-words text-sm text-zinc-800 dark:text-zinc-200">{decision.rationale}</p>
      {decision.deferredRisks.length > 0 ? (
        <div>
          <h4 className="text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">Deferred risks ({decision.deferredRisks.length})</h4>
          <ul className="mt-1.5 divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            {decision.deferredRisks.map((risk) => {
              const overdue = isRiskOverdue(risk, now);
              const key = risk.itemKey ?? keys.get(risk.title);
              return (
                <li key={risk.id} className="px-3 py-2 text-sm">
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    {key ? (
                      <Link href={`/${workspace}/projects/${project}/items/${key}`} className="font-mono text-xs font-medium text-brand-700 hover:underline dark:text-brand-100">
                        {key}
                      </Link>
                    ) : null}
                    <span className="min-w-0 flex-1">{risk.title}</span>
                    <span className="text-xs text-zinc-600 dark:text-zinc-400">{risk.owner?.name ?? "No owner"}</span>
                    <span className={cn("text-xs", overdue ? "font-semibold text-red-600 dark:text-red-400" : "text-zinc-600 dark:text-zinc-400")}>
                      {overdue ? "Overdue since " : "Due "}
                      {formatDay(risk.dueDate)}
                    </span>
                    {risk.resolvedAt ? <Badge tone="green">Resolved</Badge> : null}
                  </div>
                  {risk.notes ? <p className="mt-0.5 whitespace-pre-wrap text-xs text-zinc-500 dark:text-zinc-400">{risk.notes}</p> : null}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      <SignOffs decision={decision} workspace={workspace} project={project} gateId={gateId} signer={signer} />
      <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-500 dark:text-zinc-400">
        <span>Snapshot</span>
        <code title={HASH_TOOLTIP} aria-label={`${HASH_TOOLTIP}: ${decision.snapshotHash}`} className="cursor-help rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
          {shortHash(decision.snapshotHash)}
        </code>
        <span title={HASH_TOOLTIP}>
          <CopyButton value={decision.snapshotHash} label="Copy hash" />
        </span>
      </div>
    </li>
  );
}

export function DecisionHistory({ workspace, project, gateId, signer, decisions, isPending, error, isFetching, onRetry }: Props) {
  const now = useNow();
  let body: React.ReactNode;
  if (isPending) {
    body = (
      <div role="status" className="space-y-3 p-5">
        <span className="sr-only">Loading decisions…</span>
        <Skeleton className="h-4 w-40" />
        <Skeleton className="h-3 w-3/4" />
      </div>
    );
  } else if (!decisions) {
    body = (
      <div className="p-5">
        <QueryError title="The decisions could not be loaded." error={error} isFetching={isFetching} onRetry={onRetry} />
      </div>
    );
  } else if (decisions.length === 0) {
    body = <p className="px-5 py-6 text-sm text-zinc-500 dark:text-zinc-400">No decision has been recorded for this gate yet.</p>;
  } else {
    body = (
      <ol className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {decisions.map((decision) => (
          <DecisionEntry key={decision.id} decision={decision} workspace={workspace} project={project} gateId={gateId} signer={signer} now={now} />
        ))}
      </ol>
    );
  }
  return (
    <Card>
      <CardHeader title="Decision history" description="Every decision, newest first, with the hash of the snapshot it was recorded against." />
      {body}
    </Card>
  );
}
