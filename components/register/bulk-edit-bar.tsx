"use client";

import { X } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { SEVERITY_LABEL, STATUS_LABEL } from "@/components/items/format";
import { itemHref, type OwnerOption } from "@/components/items/use-project-data";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { ITEM_STATUSES, SEVERITIES, type BulkEditInput } from "@/lib/validation/item";
import type { PhaseOutput } from "@/lib/validation/phase";
import { parseLabelList, UNASSIGNED, type Refusal } from "./register-query";

export type BulkSet = BulkEditInput["set"];

/** The bulk endpoint takes at most this many keys at once. */
export const MAX_BULK = 500;

interface Props {
  workspace: string;
  project: string;
  count: number;
  phases: PhaseOutput[];
  owners: OwnerOption[];
  pending: boolean;
  error: unknown;
  refusals: Refusal[];
  onApply: (set: BulkSet) => void;
  onClear: () => void;
}

const NO_CHANGE = "";

export function BulkEditBar({ workspace, project, count, phases, owners, pending, error, refusals, onApply, onClear }: Props) {
  const [status, setStatus] = useState(NO_CHANGE);
  const [severity, setSeverity] = useState(NO_CHANGE);
  const [owner, setOwner] = useState(NO_CHANGE);
  const [phase, setPhase] = useState(NO_CHANGE);
  const [addLabels, setAddLabels] = useState("");
  const [removeLabels, setRemoveLabels] = useState("");

  const set: BulkSet = {};
  if (status) set.status = status as NonNullable<BulkSet["status"]>;
  if (severity) set.severity = severity as NonNullable<BulkSet["severity"]>;
  if (owner) set.ownerId = owner === UNASSIGNED ? null : owner;
  if (phase) set.phaseId = phase === UNASSIGNED ? null : phase;
  const add = parseLabelList(addLabels);
  const remove = parseLabelList(removeLabels);
  if (add.length) set.addLabels = add;
  if (remove.length) set.removeLabels = remove;
  const changes = Object.keys(set).length;
  const tooMany = count > MAX_BULK;

  return (
    <section aria-label="Bulk edit" className="mb-3 rounded-lg border border-brand-100 bg-brand-50/60 p-3 dark:border-brand-500/30 dark:bg-brand-500/10">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!pending && changes > 0 && !tooMany) onApply(set);
        }}
      >
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm font-medium" aria-live="polite">
            {count} {count === 1 ? "item" : "items"} selected
          </p>
          <Button variant="ghost" size="sm" onClick={onClear}>
            <X aria-hidden className="size-4" /> Clear selection
          </Button>
        </div>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[repeat(6,minmax(0,1fr))_auto] lg:items-start">
          <Field label="Status">
            {(p) => (
              <select {...p} className={`${inputClass} py-1.5`} value={status} onChange={(e) => setStatus(e.target.value)}>
                <option value={NO_CHANGE}>No change</option>
                {ITEM_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABEL[s]}</option>)}
              </select>
            )}
          </Field>
          <Field label="Owner">
            {(p) => (
              <select {...p} className={`${inputClass} py-1.5`} value={owner} onChange={(e) => setOwner(e.target.value)}>
                <option value={NO_CHANGE}>No change</option>
                <option value={UNASSIGNED}>Unassigned</option>
                {owners.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
              </select>
            )}
          </Field>
          <Field label="Phase">
            {(p) => (
              <select {...p} className={`${inputClass} py-1.5`} value={phase} onChange={(e) => setPhase(e.target.value)}>
                <option value={NO_CHANGE}>No change</option>
                <option value={UNASSIGNED}>No phase</option>
                {phases.map((ph) => <option key={ph.id} value={ph.id}>{ph.name}</option>)}
              </select>
            )}
          </Field>
          <Field label="Severity">
            {(p) => (
              <select {...p} className={`${inputClass} py-1.5`} value={severity} onChange={(e) => setSeverity(e.target.value)}>
                <option value={NO_CHANGE}>No change</option>
                {SEVERITIES.map((s) => <option key={s} value={s}>{SEVERITY_LABEL[s]}</option>)}
              </select>
            )}
          </Field>
          <Field label="Add labels" hint="Comma-separated">
            {(p) => <input {...p} className={`${inputClass} py-1.5`} value={addLabels} placeholder="security, api" onChange={(e) => setAddLabels(e.target.value)} />}
          </Field>
          <Field label="Remove labels" hint="Comma-separated">
            {(p) => <input {...p} className={`${inputClass} py-1.5`} value={removeLabels} onChange={(e) => setRemoveLabels(e.target.value)} />}
          </Field>
          <Button type="submit" pending={pending} disabled={changes === 0 || tooMany} className="lg:mt-6.5">
            Apply to {count}
          </Button>
        </div>
        {tooMany ? (
          <p className="mt-2 text-sm text-red-700 dark:text-red-300">A bulk edit takes at most {MAX_BULK} items at once; narrow the selection with filters.</p>
        ) : null}
      </form>
      {refusals.length ? (
        <Alert className="mt-3" title={`Nothing was changed: ${refusals.length} of ${count} ${count === 1 ? "item" : "items"} cannot take this edit.`}>
          <ul className="mt-1 space-y-0.5">
            {refusals.map((r) => (
              <li key={r.key}>
                <Link href={itemHref(workspace, project, r.key)} className="font-mono font-medium underline underline-offset-2">{r.key}</Link>: {r.reason}
              </li>
            ))}
          </ul>
        </Alert>
      ) : (
        <div className="mt-3 empty:hidden">
          <FormError error={error} />
        </div>
      )}
    </section>
  );
}
