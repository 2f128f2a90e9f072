"use client";

import { useQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useId, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { inlineSelectClass } from "@/components/ui/field";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import { exportUrl } from "./exchange-model";

function DownloadLink({ href, label, hint }: { href: string; label: string; hint: string }) {
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
      <div className="min-w-0">
        <p className="text-sm font-medium">{label}</p>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{hint}</p>
      </div>
      <a href={href} download className={buttonClass("secondary", "sm")}>
        <Download aria-hidden className="size-4" /> Download <span className="sr-only">{label}</span>
      </a>
    </li>
  );
}

/** The project as files: the register (JSON, CSV), the plan with current statuses, a gate's checklist. */
export function ExportPanel({ workspace, project }: { workspace: string; project: string }) {
  const gateSelect = useId();
  const gates = useQuery({
    queryKey: [...queryKeys.project(workspace, project), "gates"],
    queryFn: () => api<{ data: { id: string; name: string }[] }>(`/api/v1/workspaces/${workspace}/projects/${project}/gates`),
    select: (r) => r.data,
  });
  const [gate, setGate] = useState<string>("");
  const chosen = gate || gates.data?.[0]?.id || "";
  return (
    <Card>
      <CardHeader title="Export" description="Download the project to keep it beside your code or move it to another project." />
      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="Downloads">
        <DownloadLink href={exportUrl(workspace, project, "json")} label="Register (JSON)" hint="Everything: phases, items, evidence, dependencies and gates. Imports back without loss." />
        <DownloadLink href={exportUrl(workspace, project, "csv")} label="Register (CSV)" hint="One row per item, for spreadsheets; lists joined with “; ”." />
        <DownloadLink href={exportUrl(workspace, project, "plan-md")} label="Plan (Markdown)" hint="The plan you imported with current statuses (front-matter todos and task boxes), or one written from the register." />
        <li className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
          <div className="min-w-0 space-y-1">
            <p className="text-sm font-medium">Release-gate checklist (Markdown)</p>
            {gates.isPending ? (
              <Skeleton className="h-8 w-48" />
            ) : gates.isError ? (
              <QueryError title="The gates could not be loaded." error={gates.error} isFetching={gates.isFetching} onRetry={() => void gates.refetch()} />
            ) : gates.data.length === 0 ? (
              <p className="text-xs text-zinc-500 dark:text-zinc-400">This project has no gate yet.</p>
            ) : (
              <div className="flex items-center gap-2">
                <label htmlFor={gateSelect} className="text-xs text-zinc-500 dark:text-zinc-400">
                  Gate
                </label>
                <select id={gateSelect} className={inlineSelectClass} value={chosen} onChange={(e) => setGate(e.target.value)}>
                  {gates.data.map((g) => (
                    <option key={g.id} value={g.id}>
                      {g.name}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </div>
          {chosen ? (
            <a href={exportUrl(workspace, project, "gate-md", chosen)} download className={buttonClass("secondary", "sm")}>
              <Download aria-hidden className="size-4" /> Download <span className="sr-only">Release-gate checklist</span>
            </a>
          ) : (
            <span className={buttonClass("secondary", "sm", "pointer-events-none opacity-60")} aria-disabled="true">
              <Download aria-hidden className="size-4" /> Download
            </span>
          )}
        </li>
      </ul>
    </Card>
  );
}
