"use client";

import { X } from "lucide-react";
import Link from "next/link";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { isItemKey } from "./format";
import { StatusBadge } from "./status-badge";
import { itemHref } from "./use-project-data";

const MAX_BLOCKED_BY = 100;

interface Props {
  workspace: string;
  project: string;
  itemKey: string;
  /** Keys of the items that block this one, as edited (saved with the form). */
  blockedBy: string[];
  /** What the server last said about them (key and status). */
  known: { key: string; status: string }[];
  blocks: { key: string; status: string }[];
  /** Absent: read-only. */
  onChange?: (next: string[]) => void;
  /** A refused cycle (422 dependency_cycle), shown in place. */
  cycleMessage?: string | null;
  fieldError?: string;
}

function DependencyRow({ workspace, project, dependency, status, onRemove }: { workspace: string; project: string; dependency: string; status: string | undefined; onRemove?: () => void }) {
  return (
    <li className="flex items-center gap-2 py-1.5">
      <Link href={itemHref(workspace, project, dependency)} className="font-mono text-sm font-medium text-brand-600 hover:underline dark:text-brand-100">
        {dependency}
      </Link>
      {status ? <StatusBadge status={status} /> : <Badge tone="amber">Not saved yet</Badge>}
      {onRemove ? (
        <button type="button" onClick={onRemove} className="ml-auto rounded p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-zinc-100" aria-label={`Remove ${dependency} from blocked by`}>
          <X aria-hidden className="size-4" />
        </button>
      ) : null}
    </li>
  );
}

/** Blocked by (editable: the keys go with the item's Save) and blocks (edited on the other item). */
export function Dependencies({ workspace, project, itemKey, blockedBy, known, blocks, onChange, cycleMessage, fieldError }: Props) {
  const inputId = useId();
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const statusOf = new Map(known.map((k) => [k.key, k.status]));

  const add = () => {
    if (!onChange) return;
    const key = text.trim().toUpperCase();
    if (!key) return;
    if (!isItemKey(key)) return setProblem(`${key} is not an item key such as ${itemKey.replace(/\d+$/, "12")}.`);
    if (key === itemKey.toUpperCase()) return setProblem("An item cannot block itself.");
    if (blockedBy.some((k) => k.toUpperCase() === key)) return setProblem(`${key} already blocks this item.`);
    if (blockedBy.length >= MAX_BLOCKED_BY) return setProblem(`An item can be blocked by at most ${MAX_BLOCKED_BY} items.`);
    setProblem(null);
    setText("");
    onChange([...blockedBy, key]);
  };

  return (
    <div className="grid gap-6 sm:grid-cols-2">
      <div>
        <h4 className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Blocked by</h4>
        {blockedBy.length ? (
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {blockedBy.map((key) => (
              <DependencyRow
                key={key}
                workspace={workspace}
                project={project}
                dependency={key}
                status={statusOf.get(key)}
                onRemove={onChange ? () => onChange(blockedBy.filter((k) => k !== key)) : undefined}
              />
            ))}
          </ul>
        ) : (
          <p className="py-1.5 text-sm text-zinc-500 dark:text-zinc-400">Nothing blocks this item.</p>
        )}
        {onChange ? (
          <div className="mt-2 space-y-1.5">
            <label htmlFor={inputId} className="sr-only">Key of an item that blocks this one</label>
            <div className="flex gap-2">
              <input
                id={inputId}
                className={`${inputClass} py-1.5 font-mono uppercase`}
                placeholder={`e.g. ${itemKey.replace(/\d+$/, "3")}`}
                value={text}
                maxLength={20}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `${inputId}-problem` : undefined}
                onChange={(e) => {
                  setText(e.target.value);
                  setProblem(null);
                }}
                onKeyDown={(e) => {
                  if (e.key === "Enter") {
                    // Enter adds the dependency instead of saving the whole form.
                    e.preventDefault();
                    add();
                  }
                }}
              />
              <Button variant="secondary" size="sm" className="h-auto" onClick={add} disabled={!text.trim()}>
                Add
              </Button>
            </div>
            {problem ? <p id={`${inputId}-problem`} className="text-xs font-medium text-red-600 dark:text-red-400">{problem}</p> : null}
          </div>
        ) : null}
      </div>
      <div>
        <h4 className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Blocks</h4>
        {blocks.length ? (
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {blocks.map((b) => (
              <DependencyRow key={b.key} workspace={workspace} project={project} dependency={b.key} status={b.status} />
            ))}
          </ul>
        ) : (
          <p className="py-1.5 text-sm text-zinc-500 dark:text-zinc-400">No item waits on this one.</p>
        )}
      </div>
      {cycleMessage || fieldError ? (
        <div className="sm:col-span-2">
          <Alert title={cycleMessage ? "These dependencies would form a cycle." : undefined}>{cycleMessage ?? fieldError}</Alert>
        </div>
      ) : null}
    </div>
  );
}
