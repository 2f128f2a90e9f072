"use client";

import { FileUp } from "lucide-react";
import { useId, useState } from "react";
import { Alert } from "./alert";
import { buttonClass } from "./button";
import { inputClass } from "./field";

/**
 * Paste or upload a file's text: the file's name is kept (the import records
 * it); a file over the limit is refused here, before anything is sent.
 */
export function SourceField({
  label,
  accept,
  placeholder,
  value,
  maxChars,
  rows = 10,
  error,
  onChange,
}: {
  label: string;
  accept: string;
  placeholder: string;
  value: string;
  /** The largest text the import takes. */
  maxChars: number;
  rows?: number;
  error?: string;
  onChange: (source: string, fileName: string | null) => void;
}) {
  const id = useId();
  const [fileError, setFileError] = useState<string | null>(null);
  const limit = `${maxChars / 1_000_000} MB`;
  const tooLarge = value.length > maxChars;
  const readFile = async (file: File | undefined) => {
    setFileError(null);
    if (!file) return;
    if (file.size > maxChars) {
      setFileError(`${file.name} is ${(file.size / 1_000_000).toFixed(1)} MB; files of up to ${limit} can be imported.`);
      return;
    }
    onChange(await file.text(), file.name);
  };
  const problem = tooLarge ? `The file is larger than ${limit}.` : error;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <label className={buttonClass("secondary", "sm", "cursor-pointer focus-within:ring-2 focus-within:ring-brand-500/40")}>
          <FileUp aria-hidden className="size-4" /> Choose a file
          <input type="file" accept={accept} className="sr-only" onChange={(e) => void readFile(e.target.files?.[0])} />
        </label>
        <span className="text-xs text-zinc-500 dark:text-zinc-400">or paste it below (up to {limit})</span>
      </div>
      {fileError ? <Alert>{fileError}</Alert> : null}
      <div className="space-y-1.5">
        <label htmlFor={id} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
          {label}
        </label>
        <textarea
          id={id}
          className={`${inputClass} font-mono text-xs`}
          rows={rows}
          value={value}
          spellCheck={false}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-error` : undefined}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value, null)}
        />
        {problem ? (
          <p id={`${id}-error`} className="text-xs font-medium text-red-600 dark:text-red-400">
            {problem}
          </p>
        ) : null}
      </div>
    </div>
  );
}
