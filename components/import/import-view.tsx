"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Lock } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { inlineSelectClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { SourceField } from "@/components/ui/source-field";
import { usePhases } from "@/components/phases/use-phases";
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
  otherHeadings: string[];
  diff: {
    phases: { ref: string; name: string; dependsOn: string[]; owner: string | null; action: Action; changes: string[]; into: { id: string; name: string } | null; items: ItemDiff[] }[];
    unphasedItems: ItemDiff[];
    owners: { name: string; kind: string; action: Action }[];
    gates: { ref: string; name: string; action: Action; criteria: { title: string; required: boolean; type: string }[] }[];
    totals: { phases: Count; items: Count; gates: Count };
  };
}

/** The largest plan accepted (lib/validation/import.ts). */
const MAX_CHARS = 2_000_000;
/** Plans from this size on show how far their upload has got. */
const PROGRESS_FROM_CHARS = 200_000;

/** The mapping step (lib/validation/import.ts): headings read as stages, stages imported into existing phases. */
interface Mapping {
  stages: string[];
  phases: Record<string, string>;
}

const NO_MAPPING: Mapping = { stages: [], phases: {} };

interface MappingControls {
  mapping: Mapping;
  existingPhases: { id: string; name: string }[];
  disabled: boolean;
  onChange: (mapping: Mapping) => void;
}

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

function PhaseTarget({ phase, controls }: { phase: ImportResult["diff"]["phases"][number]; controls: MappingControls }) {
  const { mapping, existingPhases, disabled, onChange } = controls;
  // A stage that matched a phase by its ref needs no choice; a new one (or one already mapped) can go into an existing phase.
  if (phase.action !== "create" && !phase.into) return null;
  if (existingPhases.length === 0) return null;
  return (
    <label className="ml-auto flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
      Import as
      <select
        className={inlineSelectClass}
        value={mapping.phases[phase.ref] ?? ""}
        disabled={disabled}
        aria-label={`Import ${phase.name} as`}
        onChange={(e) => {
          const phases = { ...mapping.phases };
          if (e.target.value) phases[phase.ref] = e.target.value;
          else delete phases[phase.ref];
          onChange({ ...mapping, phases });
        }}
      >
        <option value="">a new phase</option>
        {existingPhases.map((p) => (
          <option key={p.id} value={p.id}>
            into “{p.name}”
          </option>
        ))}
      </select>
    </label>
  );
}

function OtherHeadings({ headings, controls }: { headings: string[]; controls: MappingControls }) {
  const { mapping, disabled, onChange } = controls;
  const all = [...new Set([...mapping.stages, ...headings])];
  if (all.length === 0) return null;
  return (
    <Card>
      <CardHeader title="Headings read as no stage" description="Tick a heading to import it as a phase, with its lists as items. The preview updates." />
      <ul className="divide-y divide-zinc-100 px-5 text-sm dark:divide-zinc-800">
        {all.map((heading) => (
          <li key={heading} className="py-2">
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                className="size-4 rounded border-zinc-300 dark:border-zinc-600"
                checked={mapping.stages.includes(heading)}
                disabled={disabled}
                onChange={(e) => onChange({ ...mapping, stages: e.target.checked ? [...mapping.stages, heading] : mapping.stages.filter((h) => h !== heading) })}
              />
              <span>{heading}</span>
            </label>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function Preview({ result, controls }: { result: ImportResult; controls: MappingControls }) {
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
              {phase.into ? `into “${phase.into.name}” · ` : ""}
              {phase.dependsOn.length ? `after ${phase.dependsOn.map((d) => names.get(d) ?? d).join(", ")}` : "first"}
              {phase.owner ? ` · owner ${phase.owner}` : ""}
              {phase.changes.length ? ` · changes ${phase.changes.join(", ")}` : ""}
            </span>
            <PhaseTarget phase={phase} controls={controls} />
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
      <OtherHeadings headings={result.otherHeadings} controls={controls} />
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

/** Where a request stands: how much of a large plan has been sent, then the server reading (or importing) it. */
function Progress({ fraction, applying }: { fraction: number | null; applying: boolean }) {
  const reading = applying ? "Importing the plan…" : "Reading the plan…";
  if (fraction === null || fraction >= 1) {
    return (
      <p role="status" className="text-sm text-zinc-500 dark:text-zinc-400">
        {reading}
      </p>
    );
  }
  const percent = Math.round(fraction * 100);
  return (
    <div role="status" className="space-y-1.5">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Sending the plan… {percent}%</p>
      <div role="progressbar" aria-label="Sending the plan" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-1.5 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800">
        <div className="h-full rounded-full bg-brand-600 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

/** Paste or upload a Markdown plan, see what it would change by phase, then import it. */
export function ImportView({ workspace, project, canImport }: { workspace: string; project: string; canImport: boolean }) {
  const [source, setSource] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Mapping>(NO_MAPPING);
  const [progress, setProgress] = useState<number | null>(null);
  /** The last preview, kept on screen while a changed mapping is previewed again. */
  const [shown, setShown] = useState<ImportResult | null>(null);
  const client = useQueryClient();
  const phases = usePhases(workspace, project);
  const url = `/api/v1/workspaces/${workspace}/projects/${project}/imports`;
  const send = (body: { source: string; mapping: Mapping; fileName: string | null; apply?: boolean }) => {
    const large = body.source.length >= PROGRESS_FROM_CHARS;
    setProgress(large ? 0 : null);
    return api<ImportResult>(url, { method: "POST", body, onUploadProgress: large ? setProgress : undefined });
  };
  const preview = useMutation({
    mutationFn: (input: { text: string; mapping: Mapping }) => send({ source: input.text, mapping: input.mapping, fileName }),
    onSuccess: setShown,
  });
  const apply = useMutation({
    mutationFn: (input: { text: string; mapping: Mapping }) => send({ source: input.text, mapping: input.mapping, fileName, apply: true }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.project(workspace, project) }),
  });
  const sourceError = preview.error instanceof ApiError ? preview.error.fieldError("source") : undefined;
  const tooLarge = source.length > MAX_CHARS;
  const previewed = preview.variables?.mapping ?? NO_MAPPING;
  const controls: MappingControls = {
    mapping: previewed,
    existingPhases: (phases.data?.data ?? []).map((p) => ({ id: p.id, name: p.name })),
    disabled: preview.isPending || apply.isPending,
    onChange: (next) => {
      setMapping(next);
      apply.reset();
      preview.mutate({ text: source, mapping: next });
    },
  };

  if (!canImport) {
    return (
      <Card>
        <EmptyState icon={Lock} title="Importing needs the member role" description="Viewers read the register; ask an admin to make you a member to bring in plans." />
      </Card>
    );
  }

  const changeSource = (text: string, name: string | null) => {
    setSource(text);
    setFileName(name);
    if (name) setMapping(NO_MAPPING);
    setShown(null);
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
              preview.mutate({ text: source, mapping });
            }
          }}
        >
          <SourceField
            label="Plan (Markdown)"
            accept=".md,.markdown,text/markdown,text/plain"
            maxChars={MAX_CHARS}
            rows={14}
            value={source}
            error={sourceError}
            placeholder={"## Phase 1 — Security blockers\n- Fix token storage in `renderer/auth.js`\n\n## Release Gates (Go/No-Go)\nRelease is **No-Go** until:\n- Phase 1 items complete with tests."}
            onChange={changeSource}
          />
          <FormError error={preview.error} fields={["source"]} />
          <div className="flex justify-end">
            <Button type="submit" variant="secondary" pending={preview.isPending} disabled={!source.trim() || tooLarge}>
              Preview
            </Button>
          </div>
        </form>
      </Card>

      {preview.isPending || apply.isPending ? <Progress fraction={progress} applying={apply.isPending} /> : null}

      {shown && !apply.data ? (
        <section aria-labelledby="preview-heading" className="space-y-4">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id="preview-heading" className="text-base font-semibold">
              What the import will do
            </h2>
            <Button pending={apply.isPending} disabled={preview.isPending || !preview.data} onClick={() => !apply.isPending && apply.mutate({ text: source, mapping: previewed })}>
              Import
            </Button>
          </div>
          <FormError error={apply.error} />
          <Preview result={shown} controls={controls} />
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
