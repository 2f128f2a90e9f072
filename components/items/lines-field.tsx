"use client";

import { useState } from "react";
import { inputClass } from "@/components/ui/field";

function toLines(text: string): string[] {
  return text.split("\n").map((l) => l.trim()).filter(Boolean);
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** A list of strings (files touched, audit references) edited as one line each. */
export function LinesField({ id, value, onChange, describedBy, invalid, rows = 3, placeholder }: { id: string; value: string[]; onChange: (next: string[]) => void; describedBy?: string; invalid?: boolean; rows?: number; placeholder?: string }) {
  const [text, setText] = useState(value.join("\n"));
  const [seen, setSeen] = useState(value);
  // A new value from outside (saved, reloaded, discarded) replaces the text unless it is what the text already says.
  if (!same(value, seen)) {
    setSeen(value);
    if (!same(value, toLines(text))) setText(value.join("\n"));
  }
  return (
    <textarea
      id={id}
      aria-describedby={describedBy}
      aria-invalid={invalid}
      className={`${inputClass} font-mono text-xs`}
      rows={Math.max(rows, Math.min(value.length + 1, 12))}
      value={text}
      placeholder={placeholder}
      onChange={(e) => {
        setText(e.target.value);
        onChange(toLines(e.target.value));
      }}
    />
  );
}
