"use client";

import { useQuery } from "@tanstack/react-query";
import { ExternalLink, History } from "lucide-react";
import { useState } from "react";
import { formatDateTime } from "@/components/items/format";
import { Alert } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import { api, ApiError } from "@/lib/client/api";
import { StateLabel } from "./gate-parts";
import { shortSha } from "./gate-view-model";
import type { CriterionState } from "./types";
import { gateKeys, gatesUrl } from "./use-gates";

type By = { type: "user" | "apiKey"; name: string } | null;

interface HistoryResponse {
  marks: { id: string; result: "pass" | "fail"; justification: string; by: By; at: string }[];
  checks: { id: string; status: CriterionState; summary: string; url: string | null; commitSha: string | null; buildRef: string | null; by: By; at: string }[];
  evidence: { id: string; kind: string; url: string | null; command: string | null; note: string | null; filePath: string | null; by: By; at: string }[];
}

function who(by: By): string {
  if (!by) return "Readyroom";
  return by.type === "apiKey" ? `API key “${by.name}”` : by.name;
}

function HistoryBody({ workspace, project, gateId, criterionId }: { workspace: string; project: string; gateId: string; criterionId: string }) {
  const history = useQuery({
    queryKey: [...gateKeys.all(workspace, project), gateId, "criteria", criterionId, "history"],
    queryFn: () => api<HistoryResponse>(gatesUrl(workspace, project, gateId, "criteria", criterionId, "history")),
  });
  if (history.isPending) {
    return (
      <div role="status" className="space-y-2 py-2">
        <span className="sr-only">Loading the history…</span>
        <Skeleton className="h-3 w-2/3" />
        <Skeleton className="h-3 w-1/2" />
      </div>
    );
  }
  if (!history.data) {
    return (
      <Alert title="The history could not be loaded." requestId={history.error instanceof ApiError ? history.error.requestId : undefined}>
        {history.error instanceof Error ? history.error.message : "Try again."}
      </Alert>
    );
  }
  const { marks, checks, evidence } = history.data;
  const entries = [
    ...marks.map((m) => ({ id: m.id, at: m.at, state: m.result as CriterionState, text: m.justification, by: m.by, link: null as string | null, extra: "" })),
    ...checks.map((c) => ({ id: c.id, at: c.at, state: c.status, text: c.summary, by: c.by, link: c.url, extra: [c.commitSha ? shortSha(c.commitSha) : "", c.buildRef ?? ""].filter(Boolean).join(" · ") })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <div className="space-y-3 py-2">
      {entries.length === 0 ? <p className="text-sm text-zinc-500 dark:text-zinc-400">Nothing recorded yet.</p> : null}
      {entries.length ? (
        <ol className="space-y-2">
          {entries.map((entry, index) => (
            <li key={entry.id} className="text-sm">
              <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <StateLabel state={entry.state} />
                <span className="text-xs text-zinc-500 dark:text-zinc-400">
                  {who(entry.by)} · {formatDateTime(entry.at)}
                  {entry.extra ? ` · ${entry.extra}` : ""}
                  {index === 0 ? " · counts now" : ""}
                </span>
                {entry.link ? (
                  <a href={entry.link} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 text-xs font-medium text-brand-600 dark:text-brand-100 hover:underline">
                    Run <ExternalLink aria-hidden className="size-3" />
                  </a>
                ) : null}
              </div>
              {entry.text ? <p className="mt-0.5 whitespace-pre-wrap break-words text-zinc-700 dark:text-zinc-300">{entry.text}</p> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {evidence.length ? (
        <div>
          <h4 className="text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">Evidence</h4>
          <ul className="mt-1 space-y-1 text-sm">
            {evidence.map((e) => (
              <li key={e.id} className="break-words">
                {e.url ? (
                  <a href={e.url} target="_blank" rel="noreferrer" className="text-brand-600 dark:text-brand-100 hover:underline">
                    {e.url}
                  </a>
                ) : null}
                {e.command ? <code className="rounded bg-zinc-100 px-1 font-mono text-xs dark:bg-zinc-800">{e.command}</code> : null}
                {e.filePath ? <code className="rounded bg-zinc-100 px-1 font-mono text-xs dark:bg-zinc-800">{e.filePath}</code> : null}
                {e.note ? <span className="whitespace-pre-wrap"> {e.note}</span> : null}
                <span className="text-xs text-zinc-500 dark:text-zinc-400"> — {who(e.by)}, {formatDateTime(e.at)}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/** A criterion's earlier marks or results and its evidence, loaded when opened. */
export function CriterionHistory(props: { workspace: string; project: string; gateId: string; criterionId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="group rounded-md border border-zinc-200 px-3 text-sm dark:border-zinc-800" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="flex cursor-pointer items-center gap-1.5 py-2 font-medium text-zinc-700 dark:text-zinc-300">
        <History aria-hidden className="size-4" /> History and evidence
      </summary>
      {open ? <HistoryBody {...props} /> : null}
    </details>
  );
}
