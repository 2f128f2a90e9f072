"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { apiFieldError } from "./gate-parts";
import { useMarkCriterion } from "./use-gates";

const FIELDS = ["result", "justification", "evidenceUrl"];

interface Props {
  workspace: string;
  project: string;
  gateId: string;
  criterionId: string;
  criterionTitle: string;
  onDone: (message: string) => void;
}

/** Pass or fail a manual criterion, with a justification and optional evidence link. */
export function ManualMarkForm({ workspace, project, gateId, criterionId, criterionTitle, onDone }: Props) {
  const mark = useMarkCriterion(workspace, project, gateId, criterionId);
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<"pass" | "fail" | null>(null);
  const [justification, setJustification] = useState("");
  const [evidenceUrl, setEvidenceUrl] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const legendId = useId();

  if (!open) {
    return (
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        Mark pass or fail
      </Button>
    );
  }

  const error = (field: string) => errors[field] ?? apiFieldError(mark.error, field);

  return (
    <form
      noValidate
      className="space-y-3 rounded-md border border-zinc-200 bg-zinc-50 p-4 dark:border-zinc-800 dark:bg-zinc-950/40"
      aria-label={`Mark “${criterionTitle}”`}
      onSubmit={(event) => {
        event.preventDefault();
        if (mark.isPending) return;
        const next: Record<string, string> = {};
        if (!result) next.result = "Choose pass or fail.";
        if (!justification.trim()) next.justification = "Say why: the justification is required.";
        const url = evidenceUrl.trim();
        if (url && !/^https?:\/\/\S+$/i.test(url)) next.evidenceUrl = "Enter a link starting with https:// or http://.";
        setErrors(next);
        if (Object.keys(next).length > 0 || !result) return;
        mark.mutate(
          { result, justification: justification.trim(), ...(url ? { evidenceUrl: url } : {}) },
          {
            onSuccess: () => {
              onDone(`Marked “${criterionTitle}” as ${result === "pass" ? "passing" : "failing"}.`);
              setOpen(false);
              setResult(null);
              setJustification("");
              setEvidenceUrl("");
              mark.reset();
            },
          },
        );
      }}
    >
      <FormError error={mark.error} fields={FIELDS} />
      <fieldset aria-describedby={error("result") ? `${legendId}-error` : undefined}>
        <legend id={legendId} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
          Result
        </legend>
        <div className="mt-1.5 flex gap-2">
          {(["pass", "fail"] as const).map((value) => (
            <label
              key={value}
              className={cn(
                "flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500/40",
                result === value
                  ? value === "pass"
                    ? "border-emerald-400 bg-emerald-50 text-emerald-800 dark:border-emerald-700 dark:bg-emerald-950/40 dark:text-emerald-200"
                    : "border-red-400 bg-red-50 text-red-800 dark:border-red-700 dark:bg-red-950/40 dark:text-red-200"
                  : "border-zinc-300 bg-white dark:border-zinc-700 dark:bg-zinc-900",
              )}
            >
              <input type="radio" name={`result-${criterionId}`} value={value} checked={result === value} onChange={() => setResult(value)} className="accent-brand-600" />
              {value === "pass" ? "Pass" : "Fail"}
            </label>
          ))}
        </div>
        {error("result") ? (
          <p id={`${legendId}-error`} className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">
            {error("result")}
          </p>
        ) : null}
      </fieldset>
      <Field label="Justification" error={error("justification")} hint="What you checked and what you found.">
        {(p) => <textarea {...p} rows={3} className={inputClass} value={justification} onChange={(e) => setJustification(e.target.value)} />}
      </Field>
      <Field label="Evidence link (optional)" error={error("evidenceUrl")}>
        {(p) => <input {...p} type="url" inputMode="url" placeholder="https://…" className={inputClass} value={evidenceUrl} onChange={(e) => setEvidenceUrl(e.target.value)} />}
      </Field>
      <div className="flex flex-wrap justify-end gap-2">
        <Button
          variant="secondary"
          size="sm"
          disabled={mark.isPending}
          onClick={() => {
            setOpen(false);
            setErrors({});
            mark.reset();
          }}
        >
          Cancel
        </Button>
        <Button type="submit" size="sm" pending={mark.isPending}>
          Save mark
        </Button>
      </div>
    </form>
  );
}
