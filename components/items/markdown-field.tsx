"use client";

import { Eye, Pencil } from "lucide-react";
import { useId, useState } from "react";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { Markdown } from "./markdown";

interface Props {
  label: string;
  value: string;
  /** Absent: read-only. */
  onChange?: (next: string) => void;
  error?: string;
  empty: string;
  rows?: number;
  /** Show the label as a small heading (inside a section), or hide it (the section is the label). */
  labelHidden?: boolean;
}

/** A Markdown text: rendered for reading; editors switch to writing and back to a preview. */
export function MarkdownField({ label, value, onChange, error, empty, rows = 6, labelHidden }: Props) {
  const id = useId();
  const [writing, setWriting] = useState(false);
  const editable = Boolean(onChange);
  const errorId = `${id}-error`;
  return (
    <div className="space-y-1.5">
      <div className="flex items-center justify-between gap-2">
        {writing ? (
          <label htmlFor={id} className={cn("text-xs font-medium text-zinc-500 dark:text-zinc-400", labelHidden && "sr-only")}>{label}</label>
        ) : labelHidden ? (
          <span />
        ) : (
          <h4 className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{label}</h4>
        )}
        {editable ? (
          <button
            type="button"
            className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
            onClick={() => setWriting((w) => !w)}
            aria-label={writing ? `Preview ${label.toLowerCase()}` : `Edit ${label.toLowerCase()}`}
          >
            {writing ? <Eye aria-hidden className="size-3.5" /> : <Pencil aria-hidden className="size-3.5" />}
            {writing ? "Preview" : "Edit"}
          </button>
        ) : null}
      </div>
      {writing && onChange ? (
        <>
          <textarea
            id={id}
            autoFocus
            className={`${inputClass} font-mono text-[0.8125rem]`}
            rows={Math.max(rows, Math.min(value.split("\n").length + 1, 30))}
            value={value}
            maxLength={50_000}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : `${id}-hint`}
            onChange={(e) => onChange(e.target.value)}
          />
          {error ? null : <p id={`${id}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">Markdown: **bold**, `code`, lists, tables, [links](https://…).</p>}
        </>
      ) : value.trim() ? (
        <Markdown>{value}</Markdown>
      ) : (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{empty}</p>
      )}
      {error ? <p id={errorId} className="text-xs font-medium text-red-600 dark:text-red-400">{error}</p> : null}
    </div>
  );
}
