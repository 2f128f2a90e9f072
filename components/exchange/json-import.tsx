"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { SourceField } from "@/components/ui/source-field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import { ActionBadge } from "./action-badge";
import { importUrl, MAX_SOURCE_CHARS, totalsLine, type JsonImportResult, type PlanPreview } from "./exchange-model";


/** Up to this many items are listed in a preview; the totals count them all. */
const LISTED = 200;

export function PlanSummary({ plan, testId }: { plan: PlanPreview; testId: string }) {
  const { totals } = plan;
  const changed = plan.items.filter((i) => i.action !== "unchanged");
  const listed = (changed.length ? changed : plan.items).slice(0, LISTED);
  return (
    <div className="space-y-4" data-testid={testId}>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        {[
          totalsLine("phases", totals.phases),
          totalsLine("items", totals.items),
          ...(totals.gates.create + totals.gates.update + totals.gates.unchanged ? [totalsLine("gates", totals.gates)] : []),
          ...(totals.owners.create ? [`${totals.owners.create} new owners`] : []),
          ...(totals.evidence ? [`${totals.evidence} evidence entries to add`] : []),
        ].join("; ")}
        .
      </p>
      {plan.warnings.length ? (
        <Alert tone="info" title="Good to know">
          <ul className="list-disc space-y-0.5 pl-4">
            {plan.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {plan.phases.length ? (
        <Card>
          <CardHeader title="Phases" />
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {plan.phases.map((p) => (
              <li key={p.ref} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-5 py-2 text-sm">
                <ActionBadge action={p.action} />
                <span className="min-w-0 flex-1">{p.name}</span>
                {p.changes.length ? <span className="text-xs text-zinc-500 dark:text-zinc-400">{p.changes.join(", ")}</span> : null}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card>
        <CardHeader title={changed.length ? "Items that change" : "Items"} description={plan.items.length > listed.length ? `The first ${listed.length} of ${changed.length || plan.items.length}.` : undefined} />
        {listed.length === 0 ? (
          <p className="px-5 py-4 text-sm text-zinc-500 dark:text-zinc-400">The file has no items.</p>
        ) : (
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {listed.map((i) => (
              <li key={i.label} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-5 py-2 text-sm">
                <ActionBadge action={i.action} />
                <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{i.key}</span>
                <span className="min-w-0 flex-1 break-words">{i.title}</span>
                {i.changes.length ? <span className="text-xs text-zinc-500 dark:text-zinc-400">{i.changes.join(", ")}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {plan.gates.length ? (
        <Card>
          <CardHeader title="Gates" />
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {plan.gates.map((g) => (
              <li key={g.name} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-5 py-2 text-sm">
                <ActionBadge action={g.action} />
                <span className="min-w-0 flex-1">{g.name}</span>
                <span className="text-xs text-zinc-500 dark:text-zinc-400">{totalsLine("criteria", g.criteria)}</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}

/** Paste or upload a Readyroom register (JSON), see what it changes, import it. */
export function JsonImport({ workspace, project }: { workspace: string; project: string }) {
  const [source, setSource] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const client = useQueryClient();
  const url = importUrl(workspace, project, "json");
  const body = (apply: boolean) => ({ source, ...(fileName ? { fileName } : {}), apply });
  const preview = useMutation({ mutationFn: () => api<JsonImportResult>(url, { method: "POST", body: body(false) }) });
  const apply = useMutation({
    mutationFn: () => api<JsonImportResult>(url, { method: "POST", body: body(true) }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.project(workspace, project) }),
  });
  const sourceError = preview.error instanceof ApiError ? (preview.error.fieldError("source") ?? (preview.error.status === 422 || preview.error.status === 400 ? preview.error.message : undefined)) : undefined;
  const tooLarge = source.length > MAX_SOURCE_CHARS;

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="Readyroom register (JSON)" description="A file exported from Readyroom (readyroom.register, version 1). Items are matched by external id, else by number; phases by external id, else name. Importing it again changes nothing." />
        <form
          className="space-y-4 p-5"
          onSubmit={(event) => {
            event.preventDefault();
            if (!preview.isPending && source.trim() && !tooLarge) {
              apply.reset();
              preview.mutate();
            }
          }}
        >
          <SourceField
            maxChars={MAX_SOURCE_CHARS}
            label="Register (JSON)"
            accept=".json,application/json"
            placeholder={'{ "schema": "readyroom.register", "version": 1, … }'}
            value={source}
            error={sourceError}
            onChange={(text, name) => {
              setSource(text);
              setFileName(name);
              preview.reset();
              apply.reset();
            }}
          />
          {preview.error && !sourceError ? <FormError error={preview.error} /> : null}
          {preview.error instanceof ApiError && Array.isArray(preview.error.details) && preview.error.details.length > 1 ? (
            <ul className="max-h-48 list-disc space-y-0.5 overflow-auto pl-5 text-xs text-red-700 dark:text-red-300" aria-label="Problems in the file">
              {(preview.error.details as { path: string; message: string }[]).slice(0, 50).map((d) => (
                <li key={`${d.path}-${d.message}`}>
                  <span className="font-mono">{d.path}</span>: {d.message}
                </li>
              ))}
            </ul>
          ) : null}
          <div className="flex justify-end">
            <Button type="submit" variant="secondary" pending={preview.isPending} disabled={!source.trim() || tooLarge}>
              Preview
            </Button>
          </div>
        </form>
      </Card>

      {preview.isPending ? (
        <p role="status" className="text-sm text-zinc-500 dark:text-zinc-400">
          Reading the register…
        </p>
      ) : null}

      {preview.data && !apply.data ? (
        <section aria-labelledby="json-preview-heading" className="space-y-4">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id="json-preview-heading" className="text-base font-semibold">
              What the import will do{preview.data.from.name ? <span className="font-normal text-zinc-500 dark:text-zinc-400"> — from {preview.data.from.name}</span> : null}
            </h2>
            <Button pending={apply.isPending} onClick={() => !apply.isPending && apply.mutate()}>
              Import
            </Button>
          </div>
          <FormError error={apply.error} />
          <PlanSummary plan={preview.data} testId="json-preview" />
        </section>
      ) : null}

      {apply.data ? (
        <Alert tone="success" title="Imported.">
          {totalsLine("phases", apply.data.totals.phases)}; {totalsLine("items", apply.data.totals.items)}.{" "}
          <Link className="font-medium underline" href={`/${workspace}/projects/${project}/register`}>
            Open the register
          </Link>
          .
        </Alert>
      ) : null}
    </div>
  );
}
