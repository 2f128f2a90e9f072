"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { FileUp, Lock } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";

type Action = "create" | "update" | "unchanged";
type Count = { create: number; update: number; unchanged: number };

interface ItemDiff {
  ref: string;
  title: string;
  status: string;
  action: Action;
  changes: string[];
}

interface ImportResult {
  applied: boolean;
  title: string | null;
  unmapped: { at: string; text: string }[];
  diff: {
    phases: { ref: string; name: string; dependsOn: string[]; owner: string | null; action: Action; changes: string[]; items: ItemDiff[] }[];
    unphasedItems: ItemDiff[];
    owners: { name: string; kind: string; action: Action }[];
    gates: { ref: string; name: string; action: Action; criteria: { title: string; required: boolean; type: string }[] }[];
    totals: { phases: Count; items: Count; gates: Count };
  };
}

/** The largest plan accepted (lib/validation/import.ts). */
const MAX_CHARS = 2_000_000;

const ACTION: Record<Action, { label: string; tone: "green" | "blue" | "neutral" }> = {
  create: { label: "New", tone: "green" },
  update: { label: "Updated", tone: "blue" },
  unchanged: { label: "Unchanged", tone: "neutral" },
};

function ActionBadge({ action }: { action: Action }) {
  return <Badge tone={ACTION[action].tone}>{ACTION[action].label}</Badge>;
}

function totalsLine(name: string, c: Count): string {
  return `${c.create} new, ${c.update} updated, ${c.unchanged} unchanged ${name}`;
}

function ItemList({ items }: { items: ItemDiff[] }) {
  if (items.length === 0) return <p className="px-5 pb-4 text-sm text-zinc-500 dark:text-zinc-400">No items.</p>;
  return (
    <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
      {items.map((item) => (
        <li key={item.ref} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-5 py-2 text-sm">
          <ActionBadge action={item.action} />
          <span className="min-w-0 flex-1">{item.title}</span>
          {item.changes.length ? <span className="text-xs text-zinc-500 dark:text-zinc-400">{item.changes.join(", ")}</span> : null}
          <span className="text-xs text-zinc-500 dark:text-zinc-400">{item.status.replace("_", " ")}</span>
        </li>
      ))}
    </ul>
  );
}

function Preview({ result }: { result: ImportResult }) {
  const { diff } = result;
  const names = new Map(diff.phases.map((p) => [p.ref, p.name]));
  return (
    <div className="space-y-4" data-testid="import-preview">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        {result.title ? <span className="font-medium">{result.title}: </span> : null}
        {[
          totalsLine("phases", diff.totals.phases),
          totalsLine("items", diff.totals.items),
          ...(diff.totals.gates.create + diff.totals.gates.update + diff.totals.gates.unchanged ? [totalsLine("gates", diff.totals.gates)] : []),
        ].join("; ")}
        .
      </p>
      {diff.phases.map((phase) => (
        <Card key={phase.ref}>
          <div className="flex flex-wrap items-center gap-2 px-5 pt-4 pb-2">
            <ActionBadge action={phase.action} />
            <h3 className="text-sm font-semibold">{phase.name}</h3>
            <span className="text-xs text-zinc-500 dark:text-zinc-400">
              {phase.dependsOn.length ? `after ${phase.dependsOn.map((d) => names.get(d) ?? d).join(", ")}` : "first"}
              {phase.owner ? ` · owner ${phase.owner}` : ""}
              {phase.changes.length ? ` · changes ${phase.changes.join(", ")}` : ""}
            </span>
          </div>
          <ItemList items={phase.items} />
        </Card>
      ))}
      {diff.unphasedItems.length ? (
        <Card>
          <CardHeader title="Items in no phase" />
          <ItemList items={diff.unphasedItems} />
        </Card>
      ) : null}
      {diff.gates.length ? (
        <Card>
          <CardHeader title="Gates" />
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {diff.gates.map((gate) => (
              <li key={gate.ref} className="space-y-2 px-5 py-3 text-sm">
                <p className="flex items-center gap-2">
                  <ActionBadge action={gate.action} /> <span className="font-medium">{gate.name}</span>
                </p>
                <ul className="space-y-1 pl-1">
                  {gate.criteria.map((c) => (
                    <li key={c.title} className="flex flex-wrap gap-2">
                      <Badge tone={c.required ? "brand" : "neutral"}>{c.required ? "Required" : "Advisory"}</Badge>
                      <Badge>{c.type}</Badge>
                      <span>{c.title}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {diff.owners.length ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Owners: {diff.owners.map((o) => `${o.name} (${o.kind}${o.action === "create" ? ", new" : ""})`).join(", ")}
        </p>
      ) : null}
      {result.unmapped.length ? (
        <Card>
          <CardHeader title="Kept as text" description="These sections map to no field; they go into the project’s description (when it is empty) so nothing is lost." />
          <ul className="divide-y divide-zinc-100 px-5 text-sm dark:divide-zinc-800">
            {result.unmapped.map((u, index) => (
              <li key={`${u.at}-${index}`} className="py-2">
                <details>
                  <summary className="cursor-pointer">{u.at}</summary>
                  <pre className="mt-2 max-h-48 overflow-auto whitespace-pre-wrap rounded bg-zinc-50 p-2 text-xs dark:bg-zinc-900">{u.text}</pre>
                </details>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}

/** Paste or upload a Markdown plan, see what it would change by phase, then import it. */
export function ImportView({ workspace, project, canImport }: { workspace: string; project: string; canImport: boolean }) {
  const [source, setSource] = useState("");
  const [fileError, setFileError] = useState<string | null>(null);
  const client = useQueryClient();
  const url = `/api/v1/workspaces/${workspace}/projects/${project}/imports`;
  const preview = useMutation({ mutationFn: (text: string) => api<ImportResult>(url, { method: "POST", body: { source: text } }) });
  const apply = useMutation({
    mutationFn: (text: string) => api<ImportResult>(url, { method: "POST", body: { source: text, apply: true } }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.project(workspace, project) }),
  });
  const sourceError = preview.error instanceof ApiError ? preview.error.fieldError("source") : undefined;
  const tooLarge = source.length > MAX_CHARS;

  if (!canImport) {
    return (
      <Card>
        <EmptyState icon={Lock} title="Importing needs the member role" description="Viewers read the register; ask an admin to make you a member to bring in plans." />
      </Card>
    );
  }

  const readFile = async (file: File | undefined) => {
    setFileError(null);
    if (!file) return;
    if (file.size > MAX_CHARS) {
      setFileError(`${file.name} is ${(file.size / 1_000_000).toFixed(1)} MB; plans of up to 2 MB can be imported.`);
      return;
    }
    setSource(await file.text());
    preview.reset();
    apply.reset();
  };

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="Bring your plan" description="A Markdown plan: phases, batches, milestones or workstreams as headings, items as lists or task blocks, a release-gate section. Importing it again updates what it created; nothing is duplicated." />
        <form
          className="space-y-4 p-5"
          onSubmit={(event) => {
            event.preventDefault();
            if (!preview.isPending && source.trim() && !tooLarge) {
              apply.reset();
              preview.mutate(source);
            }
          }}
        >
          <div className="flex flex-wrap items-center gap-3">
            <label className={buttonClass("secondary", "sm", "cursor-pointer")}>
              <FileUp aria-hidden className="size-4" /> Choose a file
              <input type="file" accept=".md,.markdown,text/markdown,text/plain" className="sr-only" onChange={(e) => void readFile(e.target.files?.[0])} />
            </label>
            <span className="text-xs text-zinc-500 dark:text-zinc-400">or paste it below (up to 2 MB)</span>
          </div>
          {fileError ? <Alert>{fileError}</Alert> : null}
          <div className="space-y-1.5">
            <label htmlFor="plan-source" className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
              Plan (Markdown)
            </label>
            <textarea
              id="plan-source"
              className={`${inputClass} font-mono text-xs`}
              rows={14}
              value={source}
              aria-invalid={sourceError || tooLarge ? true : undefined}
              placeholder={"## Phase 1 — Security blockers\n- Fix token storage in `renderer/auth.js`\n\n## Release Gates (Go/No-Go)\nRelease is **No-Go** until:\n- Phase 1 items complete with tests."}
              onChange={(e) => {
                setSource(e.target.value);
                preview.reset();
                apply.reset();
              }}
            />
            {tooLarge ? <p className="text-xs font-medium text-red-600 dark:text-red-400">The plan is larger than 2 MB.</p> : null}
            {sourceError ? <p className="text-xs font-medium text-red-600 dark:text-red-400">{sourceError}</p> : null}
          </div>
          <FormError error={preview.error} fields={["source"]} />
          <div className="flex justify-end">
            <Button type="submit" variant="secondary" pending={preview.isPending} disabled={!source.trim() || tooLarge}>
              Preview
            </Button>
          </div>
        </form>
      </Card>

      {preview.isPending ? (
        <p role="status" className="text-sm text-zinc-500 dark:text-zinc-400">
          Reading the plan…
        </p>
      ) : null}

      {preview.data && !apply.data ? (
        <section aria-labelledby="preview-heading" className="space-y-4">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id="preview-heading" className="text-base font-semibold">
              What the import will do
            </h2>
            <Button pending={apply.isPending} onClick={() => !apply.isPending && apply.mutate(source)}>
              Import
            </Button>
          </div>
          <FormError error={apply.error} />
          <Preview result={preview.data} />
        </section>
      ) : null}

      {apply.data ? (
        <Alert tone="success" title="Imported.">
          {totalsLine("phases", apply.data.diff.totals.phases)}; {totalsLine("items", apply.data.diff.totals.items)}.{" "}
          <Link className="font-medium underline" href={`/${workspace}/projects/${project}/register`}>
            Open the register
          </Link>{" "}
          or{" "}
          <Link className="font-medium underline" href={`/${workspace}/projects/${project}/phases`}>
            the phases
          </Link>
          .
        </Alert>
      ) : null}
    </div>
  );
}
