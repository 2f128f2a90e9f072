"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FileText, Link2, Paperclip, StickyNote, Terminal } from "lucide-react";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Skeleton } from "@/components/ui/skeleton";
import { api, ApiError } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import type { CreateEvidenceInput } from "@/lib/validation/item";
import { formatDateTime, formatRelative } from "./format";
import { Section } from "./section";
import { itemApi } from "./use-project-data";
import { useNow } from "./use-now";

export interface EvidenceDto {
  id: string;
  kind: "link" | "command" | "note" | "file";
  url: string | null;
  command: string | null;
  output: string | null;
  note: string | null;
  filePath: string | null;
  createdAt: string;
  createdBy: { name: string } | null;
}

type Kind = EvidenceDto["kind"];

const KINDS: { value: Kind; label: string; icon: typeof Link2 }[] = [
  { value: "link", label: "Link", icon: Link2 },
  { value: "command", label: "Command", icon: Terminal },
  { value: "note", label: "Note", icon: StickyNote },
  { value: "file", label: "File", icon: FileText },
];

const FIELDS = ["kind", "url", "command", "output", "note", "filePath"];
/** Outputs longer than this many lines start collapsed. */
const LONG_OUTPUT_LINES = 12;

function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

function EvidenceBody({ evidence }: { evidence: EvidenceDto }) {
  const note = evidence.note?.trim() ? <p className="whitespace-pre-wrap break-words text-sm text-zinc-700 dark:text-zinc-300">{evidence.note}</p> : null;
  switch (evidence.kind) {
    case "link":
      return (
        <div className="space-y-1">
          {evidence.url && isHttpUrl(evidence.url) ? (
            <a href={evidence.url} target="_blank" rel="noopener noreferrer nofollow" className="break-all text-sm font-medium text-brand-600 underline underline-offset-2 dark:text-brand-100">
              {evidence.url}
            </a>
          ) : (
            <p className="break-all text-sm">{evidence.url}</p>
          )}
          {note}
        </div>
      );
    case "command": {
      const output = evidence.output ?? "";
      const lines = output ? output.split("\n").length : 0;
      return (
        <div className="space-y-1.5">
          <pre tabIndex={0} className="overflow-x-auto rounded-md bg-zinc-900 px-3 py-2 font-mono text-xs text-zinc-100"><code><span aria-hidden className="select-none text-zinc-500">$ </span>{evidence.command}</code></pre>
          {output ? (
            <details open={lines <= LONG_OUTPUT_LINES} className="group">
              <summary className="cursor-pointer text-xs font-medium text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200">
                Output ({lines} {lines === 1 ? "line" : "lines"})
              </summary>
              <pre className="mt-1 max-h-96 overflow-auto rounded-md bg-zinc-100 px-3 py-2 font-mono text-xs dark:bg-zinc-800"><code>{output}</code></pre>
            </details>
          ) : (
            <p className="text-xs text-zinc-500 dark:text-zinc-400">No output recorded.</p>
          )}
          {note}
        </div>
      );
    }
    case "file":
      return (
        <div className="space-y-1">
          <code className="break-all rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-800">{evidence.filePath}</code>
          {note}
        </div>
      );
    case "note":
      return note ?? <p className="text-sm text-zinc-500">Empty note.</p>;
  }
}

function AddEvidenceForm({ url, onAdded }: { url: string; onAdded: () => Promise<void> }) {
  const radioName = useId();
  const [kind, setKind] = useState<Kind>("link");
  const [link, setLink] = useState("");
  const [command, setCommand] = useState("");
  const [output, setOutput] = useState("");
  const [filePath, setFilePath] = useState("");
  const [note, setNote] = useState("");
  const add = useMutation({
    mutationFn: (body: CreateEvidenceInput) => api<EvidenceDto>(url, { method: "POST", body }),
    onSuccess: async () => {
      setLink("");
      setCommand("");
      setOutput("");
      setFilePath("");
      setNote("");
      await onAdded();
    },
  });
  const error = add.error instanceof ApiError ? add.error : null;
  const withNote = note.trim() ? { note } : {};
  const body = (): CreateEvidenceInput => {
    switch (kind) {
      case "link":
        return { kind, url: link.trim(), ...withNote };
      case "command":
        return { kind, command, output, ...withNote };
      case "file":
        return { kind, filePath: filePath.trim(), ...withNote };
      case "note":
        return { kind, note: note.trim() };
    }
  };
  const ready = kind === "link" ? link.trim() : kind === "command" ? command.trim() : kind === "file" ? filePath.trim() : note.trim();

  return (
    <form
      className="space-y-3 border-t border-zinc-200 pt-4 dark:border-zinc-800"
      onSubmit={(event) => {
        event.preventDefault();
        if (!add.isPending && ready) add.mutate(body());
      }}
    >
      <fieldset>
        <legend className="mb-1.5 text-sm font-medium">Add evidence</legend>
        <div className="inline-flex flex-wrap rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700">
          {KINDS.map(({ value, label, icon: Icon }) => (
            <label
              key={value}
              className={cn(
                "inline-flex cursor-pointer items-center gap-1.5 rounded px-2.5 py-1 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500",
                kind === value ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800",
              )}
            >
              <input type="radio" name={radioName} value={value} checked={kind === value} onChange={() => setKind(value)} className="sr-only" />
              <Icon aria-hidden className="size-3.5" /> {label}
            </label>
          ))}
        </div>
      </fieldset>
      <FormError error={add.error} fields={FIELDS} />
      {kind === "link" ? (
        <Field label="URL" error={error?.fieldError("url")}>
          {(p) => <input {...p} type="url" required className={inputClass} value={link} placeholder="https://github.com/org/repo/actions/runs/…" maxLength={2000} onChange={(e) => setLink(e.target.value)} />}
        </Field>
      ) : null}
      {kind === "command" ? (
        <>
          <Field label="Command" error={error?.fieldError("command")}>
            {(p) => <input {...p} required className={`${inputClass} font-mono`} value={command} placeholder="npm test -- --run" maxLength={5000} onChange={(e) => setCommand(e.target.value)} />}
          </Field>
          <Field label="Output" hint="Optional. Paste what the command printed." error={error?.fieldError("output")}>
            {(p) => <textarea {...p} className={`${inputClass} font-mono text-xs`} rows={5} value={output} maxLength={200_000} onChange={(e) => setOutput(e.target.value)} />}
          </Field>
        </>
      ) : null}
      {kind === "file" ? (
        <Field label="File path" error={error?.fieldError("filePath")}>
          {(p) => <input {...p} required className={`${inputClass} font-mono`} value={filePath} placeholder="reports/load-test-2025-06.pdf" maxLength={1000} onChange={(e) => setFilePath(e.target.value)} />}
        </Field>
      ) : null}
      <Field label={kind === "note" ? "Note" : "Note (optional)"} error={error?.fieldError("note")}>
        {(p) => <textarea {...p} required={kind === "note"} className={inputClass} rows={kind === "note" ? 4 : 2} value={note} maxLength={kind === "note" ? 20_000 : 5000} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-zinc-500 dark:text-zinc-400">Evidence is append-only: once added it cannot be edited or removed.</p>
        <Button type="submit" size="sm" pending={add.isPending} disabled={!ready}>
          <Paperclip aria-hidden className="size-4" /> Add evidence
        </Button>
      </div>
    </form>
  );
}

export function EvidenceSection({ workspace, project, itemKey, canEdit }: { workspace: string; project: string; itemKey: string; canEdit: boolean }) {
  const client = useQueryClient();
  const now = useNow();
  const url = `${itemApi(workspace, project, itemKey)}/evidence`;
  const key = queryKeys.itemPart(workspace, project, itemKey, "evidence");
  const evidence = useQuery({ queryKey: key, queryFn: () => api<{ data: EvidenceDto[] }>(url) });
  const list = evidence.data ? [...evidence.data.data].sort((a, b) => a.createdAt.localeCompare(b.createdAt)) : [];

  return (
    <Section id="evidence" title="Evidence" description="Links, command output, notes and files that show the work is done.">
      {evidence.isPending ? (
        <div className="space-y-3" role="status" aria-label="Loading evidence">
          <Skeleton className="h-12" />
          <Skeleton className="h-12" />
        </div>
      ) : evidence.isError ? (
        <div className="space-y-2">
          <Alert title="Evidence could not be loaded.">{evidence.error instanceof ApiError ? evidence.error.message : "Something went wrong."}</Alert>
          <Button variant="secondary" size="sm" pending={evidence.isFetching} onClick={() => void evidence.refetch()}>Retry</Button>
        </div>
      ) : list.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No evidence yet.</p>
      ) : (
        <ol className="space-y-4">
          {list.map((item) => {
            const kind = KINDS.find((k) => k.value === item.kind);
            const Icon = kind?.icon ?? FileText;
            return (
              <li key={item.id} className="flex gap-3">
                <span className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full bg-zinc-100 dark:bg-zinc-800" title={kind?.label}>
                  <Icon aria-hidden className="size-3.5 text-zinc-600 dark:text-zinc-300" />
                  <span className="sr-only">{kind?.label ?? item.kind}</span>
                </span>
                <div className="min-w-0 flex-1 space-y-1">
                  <EvidenceBody evidence={item} />
                  <p className="text-xs text-zinc-500 dark:text-zinc-400">
                    {item.createdBy?.name ?? "An API key or import"} ·{" "}
                    <time dateTime={item.createdAt} title={formatDateTime(item.createdAt)}>{formatRelative(item.createdAt, now)}</time>
                  </p>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {canEdit ? (
        <div className="mt-4">
          <AddEvidenceForm
            url={url}
            // The item's key prefixes its evidence, comments and activity: one invalidation refreshes them all.
            onAdded={() => client.invalidateQueries({ queryKey: queryKeys.item(workspace, project, itemKey) })}
          />
        </div>
      ) : null}
    </Section>
  );
}
