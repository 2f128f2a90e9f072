"use client";

import { ExternalLink, GitCommitHorizontal } from "lucide-react";
import Link from "next/link";
import { useSyncExternalStore } from "react";
import { formatDateTime, formatDay, formatRelative } from "@/components/items/format";
import { Markdown } from "@/components/items/markdown";
import { StatusBadge } from "@/components/items/status-badge";
import { useNow } from "@/components/items/use-now";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { checkCliExample, checkCurlExample, describeRule, failingSummary, shortSha, TYPE_LABEL } from "./gate-view-model";
import { StateLabel } from "./gate-parts";
import { CriterionHistory } from "./criterion-history";
import { ManualMarkForm } from "./manual-mark-form";
import type { EvaluatedCriterion } from "./types";

interface Props {
  workspace: string;
  project: string;
  gateId: string;
  criteria: EvaluatedCriterion[];
  phaseName: (id: string) => string | undefined;
  canMark: boolean;
  onAnnounce: (message: string) => void;
}

const noSubscribe = () => () => {};

/** Where this Readyroom runs, for the curl example; a variable until the browser knows. */
function useOrigin(): string {
  return useSyncExternalStore(noSubscribe, () => window.location.origin, () => "$READYROOM_URL");
}

function RuleDetail({ criterion, workspace, project, phaseName }: { criterion: Extract<EvaluatedCriterion, { type: "rule" }>; workspace: string; project: string; phaseName: Props["phaseName"] }) {
  return (
    <div className="space-y-2">
      {criterion.rule ? (
        <p className="text-sm">
          <span className="text-zinc-500 dark:text-zinc-400">Rule: </span>
          <span className="font-medium">{describeRule(criterion.rule, phaseName)}</span>
        </p>
      ) : null}
      {criterion.state === "fail" && criterion.failingCount > 0 ? (
        <div>
          <p className="text-sm font-medium text-red-700 dark:text-red-400">{failingSummary(criterion)}</p>
          <ul className="mt-2 divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            {criterion.failingItems.map((item) => (
              <li key={item.key} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
                <Link href={`/${workspace}/projects/${project}/items/${item.key}`} className="font-mono text-xs font-medium text-brand-700 hover:underline dark:text-brand-100">
                  {item.key}
                </Link>
                <Link href={`/${workspace}/projects/${project}/items/${item.key}`} className="min-w-0 flex-1 truncate hover:underline">
                  {item.title}
                </Link>
                <span className="flex items-center gap-2">
                  {item.dueDate ? <span className="text-xs text-zinc-500 dark:text-zinc-400">Due {formatDay(item.dueDate)}</span> : null}
                  <StatusBadge status={item.status} />
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function CheckDetail({ criterion, workspace, project, gateId }: { criterion: Extract<EvaluatedCriterion, { type: "check" }>; workspace: string; project: string; gateId: string }) {
  const origin = useOrigin();
  const now = useNow();
  const latest = criterion.latest;
  const command = checkCurlExample(origin, workspace, project, gateId, criterion.id);
  const cli = checkCliExample(workspace, project, gateId, criterion.id);
  return (
    <div className="space-y-2">
      {latest ? (
        <div className="rounded-md border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <StateLabel state={latest.status} />
            <span className="text-xs text-zinc-500 dark:text-zinc-400" title={formatDateTime(latest.at)}>
              {formatRelative(latest.at, now)}
            </span>
            {latest.commitSha ? (
              <span className="inline-flex items-center gap-1 font-mono text-xs text-zinc-600 dark:text-zinc-400" title={latest.commitSha}>
                <GitCommitHorizontal aria-hidden className="size-3.5" />
                {shortSha(latest.commitSha)}
              </span>
            ) : null}
            {latest.url ? (
              <a href={latest.url} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 text-xs font-medium text-brand-700 hover:underline dark:text-brand-100">
                View run <ExternalLink aria-hidden className="size-3" />
              </a>
            ) : null}
          </div>
          {latest.summary ? <p className="mt-1 whitespace-pre-wrap break-words text-zinc-700 dark:text-zinc-300">{latest.summary}</p> : null}
          {latest.buildRef ? <p className="mt-1 break-all text-xs text-zinc-500 dark:text-zinc-400">Build: {latest.buildRef}</p> : null}
        </div>
      ) : (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">Waiting for a result from CI.</p>
      )}
      <details className="group rounded-md border border-zinc-200 text-sm dark:border-zinc-800">
        <summary className="cursor-pointer select-none px-3 py-2 font-medium text-zinc-700 hover:bg-zinc-50 dark:text-zinc-300 dark:hover:bg-zinc-800/50">
          How to post a result
        </summary>
        <div className="space-y-2 border-t border-zinc-200 px-3 py-3 dark:border-zinc-800">
          <p className="text-zinc-600 dark:text-zinc-400">
            From CI, with an API key that has the write role. <code className="font-mono text-xs">status</code> is <code className="font-mono text-xs">pass</code>,{" "}
            <code className="font-mono text-xs">fail</code> or <code className="font-mono text-xs">pending</code>; the latest result counts. The same{" "}
            <code className="font-mono text-xs">Idempotency-Key</code> on a retry records the result once.
          </p>
          <CommandBlock command={command} label="Copy command" />
          <p className="text-zinc-600 dark:text-zinc-400">
            Or with the <code className="font-mono text-xs">readyroom</code> command, which reads <code className="font-mono text-xs">READYROOM_URL</code> and{" "}
            <code className="font-mono text-xs">READYROOM_API_KEY</code>, takes the commit and build from the CI service and retries failures:
          </p>
          <CommandBlock command={cli} label="Copy readyroom command" />
        </div>
      </details>
    </div>
  );
}

function CommandBlock({ command, label }: { command: string; label: string }) {
  return (
    <>
      <pre tabIndex={0} className="overflow-x-auto rounded-md bg-zinc-950 p-3 font-mono text-xs leading-relaxed text-zinc-100">
        <code>{command}</code>
      </pre>
      <div className="flex justify-end">
        <CopyButton value={command} label={label} />
      </div>
    </>
  );
}

function ManualDetail({ criterion, now }: { criterion: Extract<EvaluatedCriterion, { type: "manual" }>; now: number }) {
  const latest = criterion.latest;
  if (!latest) return <p className="text-sm text-zinc-500 dark:text-zinc-400">Nobody has marked this yet.</p>;
  return (
    <div className="rounded-md border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <StateLabel state={latest.result} />
        <span className="text-xs text-zinc-500 dark:text-zinc-400" title={formatDateTime(latest.at)}>
          marked {formatRelative(latest.at, now)}
        </span>
      </div>
      <p className="mt-1 whitespace-pre-wrap break-words text-zinc-700 dark:text-zinc-300">{latest.justification}</p>
    </div>
  );
}

export function CriteriaList({ workspace, project, gateId, criteria, phaseName, canMark, onAnnounce }: Props) {
  const now = useNow();
  const passing = criteria.filter((c) => c.state === "pass").length;
  return (
    <Card>
      <CardHeader
        title="Criteria"
        description={criteria.length ? `${passing} of ${criteria.length} passing. Required criteria must pass for Go; advisory ones allow at most Go with known risks.` : undefined}
      />
      {criteria.length === 0 ? (
        <p className="px-5 py-6 text-sm text-zinc-500 dark:text-zinc-400">This gate has no criteria yet. Add them with “Edit gate”, your plan import or the API.</p>
      ) : (
        <ol className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {criteria.map((criterion, index) => (
            <li key={criterion.id} className="space-y-3 px-5 py-4" data-testid="gate-criterion">
              <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
                <div className="min-w-0">
                  <h3 className="text-sm font-semibold">
                    <span className="mr-1.5 text-zinc-500 dark:text-zinc-400">{index + 1}.</span>
                    {criterion.title}
                  </h3>
                  {criterion.description ? <Markdown className="mt-1 text-zinc-600 dark:text-zinc-400">{criterion.description}</Markdown> : null}
                </div>
                <div className="flex shrink-0 flex-wrap items-center gap-2">
                  <StateLabel state={criterion.state} />
                  <Badge tone={criterion.required ? "brand" : "neutral"}>{criterion.required ? "Required" : "Advisory"}</Badge>
                  <Badge>{TYPE_LABEL[criterion.type]}</Badge>
                </div>
              </div>
              {criterion.problem ? <Alert title="This criterion cannot be evaluated.">{criterion.problem}</Alert> : null}
              {criterion.type === "rule" ? <RuleDetail criterion={criterion} workspace={workspace} project={project} phaseName={phaseName} /> : null}
              {criterion.type === "check" ? <CheckDetail criterion={criterion} workspace={workspace} project={project} gateId={gateId} /> : null}
              {criterion.type !== "rule" && criterion.latest ? (
                <CriterionHistory workspace={workspace} project={project} gateId={gateId} criterionId={criterion.id} />
              ) : null}
              {criterion.type === "manual" ? (
                <>
                  <ManualDetail criterion={criterion} now={now} />
                  {canMark ? (
                    <ManualMarkForm workspace={workspace} project={project} gateId={gateId} criterionId={criterion.id} criterionTitle={criterion.title} onDone={onAnnounce} />
                  ) : null}
                </>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
