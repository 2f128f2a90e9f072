"use client";

import { X } from "lucide-react";
import { useState } from "react";
import { inputClass } from "@/components/ui/field";

const MAX_LABELS = 30;

/** Labels as removable chips; Enter or a comma adds what is typed. */
export function LabelsInput({ id, value, onChange, describedBy }: { id: string; value: string[]; onChange: (next: string[]) => void; describedBy?: string }) {
  const [text, setText] = useState("");
  const add = (raw: string) => {
    const labels = raw.split(",").map((l) => l.trim().slice(0, 60)).filter(Boolean);
    const next = [...new Set([...value, ...labels])].slice(0, MAX_LABELS);
    if (next.length !== value.length) onChange(next);
    setText("");
  };
  return (
    <div>
      {value.length ? (
        <ul className="mb-2 flex flex-wrap gap-1.5" aria-label="Labels">
          {value.map((label) => (
            <li key={label} className="inline-flex items-center gap-1 rounded bg-zinc-100 py-0.5 pl-2 pr-1 text-xs dark:bg-zinc-800">
              {label}
              <button type="button" className="rounded p-0.5 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900 dark:hover:bg-zinc-700 dark:hover:text-zinc-100" aria-label={`Remove label ${label}`} onClick={() => onChange(value.filter((l) => l !== label))}>
                <X aria-hidden className="size-3" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <input
        id={id}
        aria-describedby={describedBy}
        className={inputClass}
        value={text}
        placeholder={value.length >= MAX_LABELS ? `At most ${MAX_LABELS} labels` : "Add a label, then Enter"}
        disabled={value.length >= MAX_LABELS}
        maxLength={200}
        onChange={(e) => {
          const next = e.target.value;
          if (next.includes(",")) add(next);
          else setText(next);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            // Enter adds the label instead of submitting the whole item form.
            e.preventDefault();
            if (text.trim()) add(text);
          } else if (e.key === "Backspace" && !text && value.length) {
            onChange(value.slice(0, -1));
          }
        }}
        onBlur={() => {
          if (text.trim()) add(text);
        }}
      />
    </div>
  );
}
