"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { SourceField } from "@/components/ui/source-field";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { inlineSelectClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import { CSV_FIELD_LABELS, CSV_FIELDS, CSV_PRESET_NAMES, CSV_PRESETS, MULTI_COLUMN_FIELDS, type CsvField, type CsvPresetId } from "@/lib/domain/exchange/csv-fields";
import { ActionBadge } from "./action-badge";
import { importUrl, MAX_SOURCE_CHARS, totalsLine, type CsvImportResult } from "./exchange-model";


type Mapping = Record<string, CsvField | null>;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Up to this many rows are listed; rows with errors always are. */
const LISTED = 200;

function MappingTable({ result, pending, onChange }: { result: CsvImportResult; pending: boolean; onChange: (mapping: Mapping) => void }) {
  const used = new Map<CsvField, string>();
  for (const [column, field] of Object.entries(result.mapping)) if (field) used.set(field, column);
  const set = (column: string, field: CsvField | null) => {
    const next: Mapping = { ...result.mapping, [column]: field };
    // A field that takes one column moves to the column chosen last.
    if (field && !MULTI_COLUMN_FIELDS.includes(field)) for (const other of Object.keys(next)) if (other !== column && next[other] === field) next[other] = null;
    onChange(next);
  };
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[36rem] text-sm" aria-label="Column mapping">
        <thead className="border-b border-zinc-200 text-left text-xs text-zinc-500 uppercase dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-5 py-2 font-medium">
              Column
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Sample values
            </th>
            <th scope="col" className="px-5 py-2 font-medium">
              Imported as
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {result.columns.map((column) => (
            <tr key={column.name}>
              <th scope="row" className="px-5 py-2 text-left font-medium break-words">
                {column.name}
              </th>
              <td className="max-w-xs px-3 py-2 text-xs text-zinc-600 dark:text-zinc-400">
                {column.samples.length ? column.samples.slice(0, 3).map((s, i) => <span key={i} className="mr-1 mb-1 inline-block max-w-full truncate rounded bg-zinc-100 px-1.5 py-0.5 align-top dark:bg-zinc-800">{s}</span>) : <span className="italic">empty</span>}
              </td>
              <td className="px-5 py-2">
                <select
                  aria-label={`Field for column ${column.name}`}
                  className={`${inlineSelectClass} w-full max-w-xs`}
                  value={result.mapping[column.name] ?? ""}
                  disabled={pending}
                  onChange={(e) => set(column.name, (e.target.value || null) as CsvField | null)}
                >
                  <option value="">— not imported —</option>
                  {CSV_FIELDS.map((f) => (
                    <option key={f} value={f}>
                      {CSV_FIELD_LABELS[f]}
                      {used.has(f) && used.get(f) !== column.name && !MULTI_COLUMN_FIELDS.includes(f) ? ` (now ${used.get(f)})` : ""}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RowList({ result }: { result: CsvImportResult }) {
  const withErrors = result.rows.filter((r) => r.errors.length);
  const rest = result.rows.filter((r) => !r.errors.length).slice(0, Math.max(0, LISTED - withErrors.length));
  const rows = [...withErrors, ...rest].sort((a, b) => a.row - b.row);
  if (rows.length === 0) return <p className="px-5 py-4 text-sm text-zinc-500 dark:text-zinc-400">The file has no data rows.</p>;
  return (
    <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
      {rows.map((r) => (
        <li key={r.row} className="space-y-1 px-5 py-2 text-sm" data-testid="csv-row">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span className="w-14 shrink-0 font-mono text-xs text-zinc-500 dark:text-zinc-400">row {r.row}</span>
            <ActionBadge action={r.action} />
            {r.key && r.action !== "error" ? <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{r.key}</span> : null}
            <span className="min-w-0 flex-1 break-words">{r.title || <span className="italic text-zinc-500">no title</span>}</span>
            {r.externalId ? <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{r.externalId}</span> : null}
            {r.changes.length ? <span className="text-xs text-zinc-500 dark:text-zinc-400">{r.changes.join(", ")}</span> : null}
          </div>
          {r.errors.map((e) => (
            <p key={e} className="pl-16 text-xs font-medium text-red-700 dark:text-red-300">
              {e}
            </p>
          ))}
          {r.warnings.map((w) => (
            <p key={w} className="pl-16 text-xs text-amber-800 dark:text-amber-300">
              {w}
            </p>
          ))}
        </li>
      ))}
    </ul>
  );
}

/** A CSV from Jira, Linear, GitHub or Readyroom (or any CSV with a header): map its columns, preview each row, import. */
export function CsvImport({ workspace, project }: { workspace: string; project: string }) {
  const [source, setSource] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [result, setResult] = useState<CsvImportResult | null>(null);
  const presetId = useId();
  const phaseId = useId();
  const client = useQueryClient();
  const url = importUrl(workspace, project, "csv");
  const preview = useMutation({
    mutationFn: (options: { preset?: CsvPresetId; mapping?: Mapping }) => api<CsvImportResult>(url, { method: "POST", body: { source, ...(fileName ? { fileName } : {}), ...options } }),
    onSuccess: setResult,
  });
  const apply = useMutation({
    mutationFn: (r: CsvImportResult) => api<CsvImportResult>(url, { method: "POST", body: { source, ...(fileName ? { fileName } : {}), preset: r.preset.id, mapping: r.mapping, apply: true } }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.project(workspace, project) }),
  });
  const tooLarge = source.length > MAX_SOURCE_CHARS;
  const sourceError = preview.error instanceof ApiError && (preview.error.code === "invalid_csv" || preview.error.fieldError("source")) ? (preview.error.fieldError("source") ?? preview.error.message) : undefined;
  const busy = preview.isPending || apply.isPending;
  const phaseColumn = result ? (Object.entries(result.mapping).find(([, f]) => f === "phase")?.[0] ?? "") : "";
  const blocked = !result || result.errors.length > 0 || result.mappingProblems.length > 0 || result.rowCount === 0;

  const remap = (mapping: Mapping) => result && preview.mutate({ preset: result.preset.id, mapping });

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="CSV (Jira, Linear, GitHub…)" description="An export of your tracker, or of a Readyroom register. Its columns are mapped for you and can be changed; rows are matched by their external id (jira:ABC-12), so importing again updates them." />
        <form
          className="space-y-4 p-5"
          onSubmit={(event) => {
            event.preventDefault();
            if (!busy && source.trim() && !tooLarge) {
              apply.reset();
              preview.mutate({});
            }
          }}
        >
          <SourceField
            maxChars={MAX_SOURCE_CHARS}
            label="CSV"
            accept=".csv,text/csv,text/plain"
            placeholder={"Summary,Issue key,Status,Priority,Sprint\nToken in window,ABC-12,To Do,Highest,Sprint 1"}
            value={source}
            error={sourceError}
            onChange={(text, name) => {
              setSource(text);
              setFileName(name);
              setResult(null);
              preview.reset();
              apply.reset();
            }}
          />
          {!sourceError ? <FormError error={preview.error} /> : null}
          <div className="flex justify-end">
            <Button type="submit" variant="secondary" pending={preview.isPending && !result} disabled={!source.trim() || tooLarge || busy}>
              Read columns
            </Button>
          </div>
        </form>
      </Card>

      {preview.isPending && !result ? (
        <p role="status" className="text-sm text-zinc-500 dark:text-zinc-400">
          Reading the file…
        </p>
      ) : null}

      {result && !apply.data ? (
        <section aria-labelledby="csv-mapping-heading" className="space-y-4">
          <Card>
            <CardHeader title="Columns" description={`${result.rowCount} rows. Read as ${result.preset.name}${result.detectedPreset === result.preset.id ? " (detected from the header)" : ""}.`} />
            <div className="flex flex-wrap items-end gap-4 px-5 pt-4">
              <div className="space-y-1">
                <label htmlFor={presetId} className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">
                  Preset
                </label>
                <select id={presetId} className={inlineSelectClass} value={result.preset.id} disabled={busy} onChange={(e) => preview.mutate({ preset: e.target.value as CsvPresetId })}>
                  {CSV_PRESETS.map((p) => (
                    <option key={p} value={p}>
                      {CSV_PRESET_NAMES[p]}
                      {p === result.detectedPreset ? " (detected)" : ""}
                    </option>
                  ))}
                </select>
              </div>
              <div className="space-y-1">
                <label htmlFor={phaseId} className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">
                  Phases from
                </label>
                <select
                  id={phaseId}
                  className={inlineSelectClass}
                  value={phaseColumn}
                  disabled={busy}
                  onChange={(e) => {
                    const next: Mapping = Object.fromEntries(Object.entries(result.mapping).map(([c, f]) => [c, f === "phase" ? null : f]));
                    if (e.target.value) next[e.target.value] = "phase";
                    remap(next);
                  }}
                >
                  <option value="">No phases</option>
                  {result.columns.map((c) => (
                    <option key={c.name} value={c.name}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </div>
              {preview.isPending ? (
                <p role="status" className="pb-2 text-xs text-zinc-500 dark:text-zinc-400">
                  Updating the preview…
                </p>
              ) : null}
            </div>
            <div className="pt-2 pb-2">
              <MappingTable result={result} pending={busy} onChange={remap} />
            </div>
            {result.mappingProblems.length ? (
              <div className="px-5 pb-4">
                <Alert title="The mapping needs a change">
                  <ul className="list-disc space-y-0.5 pl-4">
                    {result.mappingProblems.map((p) => (
                      <li key={`${p.path}-${p.message}`}>{p.message}</li>
                    ))}
                  </ul>
                </Alert>
              </div>
            ) : null}
          </Card>

          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id="csv-mapping-heading" className="text-base font-semibold">
              What the import will do
            </h2>
            <Button pending={apply.isPending} disabled={blocked || preview.isPending} onClick={() => !apply.isPending && result && apply.mutate(result)}>
              Import {plural(result.rowCount, "row")}
            </Button>
          </div>
          {result.errors.length ? (
            <Alert title={`${plural(new Set(result.errors.map((e) => e.row)).size, "row")} cannot be imported`}>Fix them in the file (or change the mapping); nothing is imported while a row has an error.</Alert>
          ) : null}
          <FormError error={apply.error} />
          {result.plan ? (
            <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="csv-totals">
              {totalsLine("items", result.plan.totals.items)}; {totalsLine("phases", result.plan.totals.phases)}
              {result.plan.totals.owners.create ? `; ${result.plan.totals.owners.create} new owners` : ""}.
            </p>
          ) : null}
          <Card data-testid="csv-preview">
            <CardHeader title="Rows" description={result.rows.length > LISTED ? `Rows with errors and the first ${LISTED} others.` : undefined} />
            <RowList result={result} />
          </Card>
        </section>
      ) : null}

      {apply.data ? (
        <Alert tone="success" title="Imported.">
          {apply.data.plan ? `${totalsLine("items", apply.data.plan.totals.items)}. ` : ""}
          <Link className="font-medium underline" href={`/${workspace}/projects/${project}/register`}>
            Open the register
          </Link>
          .{" "}
          <Badge>{apply.data.preset.name}</Badge>
        </Alert>
      ) : null}
    </div>
  );
}
