"use client";

import { Search, X } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { CheckRow, Popover } from "./popover";
import { parseLabelList, toggleValue } from "./register-query";

export interface Option<T extends string = string> {
  value: T;
  label: string;
}

const SEARCH_DELAY_MS = 300;

/**
 * The search box over titles and descriptions. Typing updates the URL after a
 * short pause (Enter at once); a change of the URL from elsewhere (a saved
 * view, "Clear filters", Back) replaces what is typed.
 */
export function SearchBox({ value, onCommit }: { value: string; onCommit: (q: string) => void }) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const commitRef = useRef(onCommit);
  useEffect(() => {
    commitRef.current = onCommit;
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  if (value !== seen) {
    setSeen(value);
    if (value !== text.trim()) setText(value);
  }

  const commitNow = (next: string) => {
    clearTimeout(timer.current);
    commitRef.current(next.trim());
  };

  return (
    <form
      role="search"
      className="relative min-w-48 flex-1 sm:max-w-xs"
      onSubmit={(event) => {
        event.preventDefault();
        commitNow(text);
      }}
    >
      <Search aria-hidden className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-zinc-400" />
      <input
        type="search"
        aria-label="Search titles and descriptions"
        placeholder="Search titles and descriptions"
        className={`${inputClass} h-8 py-1 pl-8`}
        value={text}
        maxLength={200}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => commitRef.current(next.trim()), SEARCH_DELAY_MS);
        }}
      />
    </form>
  );
}

/** A multi-value filter (severity, status, kind, phase, owner) as a list of checkboxes. */
export function CheckboxFilter<T extends string>({
  label,
  options,
  selected,
  onChange,
}: {
  label: string;
  options: Option<T>[];
  selected: T[];
  onChange: (next: T[]) => void;
}) {
  // Values in the URL that are no longer offered (a deleted phase) stay visible so they can be removed.
  const known = new Set(options.map((o) => o.value));
  const all: Option<T>[] = [...options, ...selected.filter((v) => !known.has(v)).map((v) => ({ value: v, label: `Unknown (${v})` }))];
  return (
    <Popover label={label} count={selected.length} active={selected.length > 0}>
      {() => (
        <fieldset>
          <legend className="mb-1 flex w-full items-center justify-between text-xs font-medium text-zinc-500 dark:text-zinc-400">Show items with {label.toLowerCase()}</legend>
          {all.length === 0 ? <p className="px-1.5 py-1 text-zinc-500 dark:text-zinc-400">Nothing to choose from yet.</p> : null}
          {all.map((option) => (
            <CheckRow key={option.value} checked={selected.includes(option.value)} onChange={() => onChange(toggleValue(selected, option.value))}>
              {option.label}
            </CheckRow>
          ))}
          {selected.length ? (
            <Button variant="ghost" size="sm" className="mt-2 w-full" onClick={() => onChange([])}>
              Clear {label.toLowerCase()} filter
            </Button>
          ) : null}
        </fieldset>
      )}
    </Popover>
  );
}

/** Labels: pick from the labels seen in the register, or type any label. */
export function LabelFilter({ selected, known, onChange }: { selected: string[]; known: string[]; onChange: (next: string[]) => void }) {
  const [text, setText] = useState("");
  const listId = useId();
  const all = [...new Set([...selected, ...known])].sort((a, b) => a.localeCompare(b));
  const add = () => {
    const labels = parseLabelList(text);
    if (labels.length) onChange([...new Set([...selected, ...labels])]);
    setText("");
  };
  return (
    <Popover label="Label" count={selected.length} active={selected.length > 0}>
      {() => (
        <div className="space-y-2">
          <form
            className="flex gap-1.5"
            onSubmit={(event) => {
              event.preventDefault();
              add();
            }}
          >
            <input
              aria-label="Label to filter by"
              placeholder="Type a label"
              list={listId}
              className={`${inputClass} h-8 py-1`}
              value={text}
              maxLength={60}
              onChange={(e) => setText(e.target.value)}
            />
            <datalist id={listId}>
              {known.map((l) => (
                <option key={l} value={l} />
              ))}
            </datalist>
            <Button type="submit" variant="secondary" size="sm" disabled={!text.trim()}>
              Add
            </Button>
          </form>
          {all.length ? (
            <fieldset>
              <legend className="mb-1 text-xs font-medium text-zinc-500 dark:text-zinc-400">Items with any of these labels</legend>
              {all.map((l) => (
                <CheckRow key={l} checked={selected.includes(l)} onChange={() => onChange(toggleValue(selected, l))}>
                  {l}
                </CheckRow>
              ))}
            </fieldset>
          ) : (
            <p className="text-xs text-zinc-500 dark:text-zinc-400">No labels in the loaded items yet.</p>
          )}
          {selected.length ? (
            <Button variant="ghost" size="sm" className="w-full" onClick={() => onChange([])}>
              <X aria-hidden className="size-4" /> Clear label filter
            </Button>
          ) : null}
        </div>
      )}
    </Popover>
  );
}

const BLOCKER_OPTIONS: { value: boolean | null; label: string }[] = [
  { value: null, label: "Blockers and others" },
  { value: true, label: "Blockers only" },
  { value: false, label: "Not blockers" },
];

export function BlockerFilter({ value, onChange }: { value: boolean | null; onChange: (next: boolean | null) => void }) {
  const name = useId();
  return (
    <Popover label={value === null ? "Blocker" : value ? "Blockers only" : "Not blockers"} active={value !== null}>
      {() => (
        <fieldset>
          <legend className="mb-1 text-xs font-medium text-zinc-500 dark:text-zinc-400">Release blocker flag</legend>
          {BLOCKER_OPTIONS.map((option) => (
            <label key={String(option.value)} className="flex cursor-pointer items-center gap-2 rounded px-1.5 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800">
              <input
                type="radio"
                name={name}
                className="size-4 accent-brand-600"
                checked={value === option.value}
                onChange={() => onChange(option.value)}
              />
              {option.label}
            </label>
          ))}
        </fieldset>
      )}
    </Popover>
  );
}
