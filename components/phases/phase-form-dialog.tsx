"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { ApiError } from "@/lib/client/api";
import type { PhaseOutput, UpdatePhaseInput } from "@/lib/validation/phase";
import { useSavePhase, type OwnerKind, type OwnerOption, type PhaseDraft } from "./use-phases";

interface Values {
  name: string;
  objective: string;
  deliverables: string;
  acceptanceCriteria: string;
  exitCriteria: string;
  risks: string;
  estimate: string;
  estimateDays: string;
  defaultOwnerId: string;
  dependsOn: string[];
}

type TextField = Exclude<keyof Values, "dependsOn">;

const FIELDS: (keyof Values)[] = ["name", "objective", "deliverables", "acceptanceCriteria", "exitCriteria", "risks", "estimate", "estimateDays", "defaultOwnerId", "dependsOn"];

const KIND_GROUPS: { kind: OwnerKind; label: string }[] = [
  { kind: "member", label: "Members" },
  { kind: "team", label: "Teams" },
  { kind: "vendor", label: "Vendors" },
  { kind: "agent", label: "Agents" },
];

function initialValues(phase: PhaseOutput | null): Values {
  return {
    name: phase?.name ?? "",
    objective: phase?.objective ?? "",
    deliverables: phase?.deliverables ?? "",
    acceptanceCriteria: phase?.acceptanceCriteria ?? "",
    exitCriteria: phase?.exitCriteria ?? "",
    risks: phase?.risks ?? "",
    estimate: phase?.estimate ?? "",
    estimateDays: phase?.estimateDays === null || phase?.estimateDays === undefined ? "" : String(phase.estimateDays),
    defaultOwnerId: phase?.defaultOwner?.id ?? "",
    dependsOn: phase?.dependsOn ?? [],
  };
}

function toDraft(values: Values): PhaseDraft {
  return {
    name: values.name.trim(),
    objective: values.objective,
    deliverables: values.deliverables,
    acceptanceCriteria: values.acceptanceCriteria,
    exitCriteria: values.exitCriteria,
    risks: values.risks,
    estimate: values.estimate.trim() || null,
    estimateDays: values.estimateDays.trim() === "" ? null : Number(values.estimateDays),
    defaultOwnerId: values.defaultOwnerId || null,
    dependsOn: values.dependsOn,
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id) => b.includes(id));

/** Only what changed, so an edit does not overwrite fields someone else changed meanwhile. */
function changes(initial: PhaseDraft, next: PhaseDraft): UpdatePhaseInput {
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof PhaseDraft)[]) {
    const before = initial[key];
    const after = next[key];
    const same = Array.isArray(before) && Array.isArray(after) ? sameSet(before, after) : before === after;
    if (!same) body[key] = after;
  }
  return body as UpdatePhaseInput;
}

/** A field's message from a validation error, including array entries ("dependsOn.0"). */
function fieldMessage(error: ApiError | null, field: string): string | undefined {
  if (!error) return undefined;
  const direct = error.fieldError(field);
  if (direct) return direct;
  if (Array.isArray(error.details)) {
    return (error.details as { path?: string; message?: string }[]).find((d) => d.path?.startsWith(`${field}.`))?.message;
  }
  return undefined;
}

function cycleOf(error: ApiError | null): string[] {
  if (error?.code !== "dependency_cycle") return [];
  const cycle = (error.details as { cycle?: unknown } | undefined)?.cycle;
  return Array.isArray(cycle) ? cycle.filter((n): n is string => typeof n === "string") : [];
}

interface FormProps {
  workspace: string;
  project: string;
  phase: PhaseOutput | null;
  phases: PhaseOutput[];
  owners: { data: OwnerOption[] | undefined; isPending: boolean; isError: boolean };
  onCancel: () => void;
  onSaved: (phase: PhaseOutput, created: boolean) => void;
}

function PhaseForm({ workspace, project, phase, phases, owners, onCancel, onSaved }: FormProps) {
  const [initial] = useState(() => initialValues(phase));
  const [values, setValues] = useState(initial);
  const save = useSavePhase(workspace, project);
  const dependsOnId = useId();
  const error = save.error instanceof ApiError ? save.error : null;
  const isCycle = error?.code === "dependency_cycle";
  const cycleNames = cycleOf(error);
  const dependsOnError = isCycle ? error.message : fieldMessage(error, "dependsOn");
  const formLevel = save.error && !isCycle && FIELDS.every((f) => !fieldMessage(error, f));

  const set = (key: TextField) => (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    setValues((v) => ({ ...v, [key]: event.target.value }));

  const toggleDependency = (id: string, checked: boolean) => {
    // The refused cycle was about the old selection; changing it starts over.
    if (isCycle) save.reset();
    setValues((v) => ({ ...v, dependsOn: checked ? [...v.dependsOn, id] : v.dependsOn.filter((d) => d !== id) }));
  };

  const candidates = phases.filter((p) => p.id !== phase?.id).sort((a, b) => a.position - b.position);
  const ownerList = owners.data ?? [];
  const currentOwner = phase?.defaultOwner && !ownerList.some((o) => o.id === phase.defaultOwner?.id) ? phase.defaultOwner : null;
  const ownerHint = owners.isPending ? "Loading owners…" : owners.isError ? "Owners could not be loaded; the current owner is kept." : "Who answers for this phase.";

  const submit = () => {
    if (save.isPending) return;
    const draft = toDraft(values);
    if (phase === null) {
      save.mutate({ id: null, body: draft }, { onSuccess: (saved) => onSaved(saved, true) });
      return;
    }
    const body = changes(toDraft(initial), draft);
    if (Object.keys(body).length === 0) {
      onSaved(phase, false);
      return;
    }
    save.mutate({ id: phase.id, body }, { onSuccess: (saved) => onSaved(saved, false) });
  };

  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {formLevel ? <FormError error={save.error} /> : null}
      <Field label="Name" error={fieldMessage(error, "name")}>
        {(p) => <input {...p} className={inputClass} value={values.name} required maxLength={120} autoComplete="off" onChange={set("name")} />}
      </Field>
      <Field label="Objective" error={fieldMessage(error, "objective")}>
        {(p) => <textarea {...p} className={inputClass} rows={2} maxLength={20_000} value={values.objective} onChange={set("objective")} />}
      </Field>
      <Field label="Deliverables" hint="One per line." error={fieldMessage(error, "deliverables")}>
        {(p) => <textarea {...p} className={inputClass} rows={3} maxLength={20_000} value={values.deliverables} onChange={set("deliverables")} />}
      </Field>
      <Field label="Acceptance criteria" error={fieldMessage(error, "acceptanceCriteria")}>
        {(p) => <textarea {...p} className={inputClass} rows={3} maxLength={20_000} value={values.acceptanceCriteria} onChange={set("acceptanceCriteria")} />}
      </Field>
      <Field label="Exit criteria" error={fieldMessage(error, "exitCriteria")}>
        {(p) => <textarea {...p} className={inputClass} rows={3} maxLength={20_000} value={values.exitCriteria} onChange={set("exitCriteria")} />}
      </Field>
      <Field label="Risks" error={fieldMessage(error, "risks")}>
        {(p) => <textarea {...p} className={inputClass} rows={2} maxLength={20_000} value={values.risks} onChange={set("risks")} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Estimate" hint="As the plan puts it, e.g. “2 weeks”." error={fieldMessage(error, "estimate")}>
          {(p) => <input {...p} className={inputClass} value={values.estimate} maxLength={100} autoComplete="off" onChange={set("estimate")} />}
        </Field>
        <Field label="Estimate in days" hint="Used to find the critical path." error={fieldMessage(error, "estimateDays")}>
          {(p) => (
            <input {...p} type="number" inputMode="decimal" min={0} max={10_000} step="any" className={inputClass} value={values.estimateDays} onChange={set("estimateDays")} />
          )}
        </Field>
      </div>
      <Field label="Default owner" hint={ownerHint} error={fieldMessage(error, "defaultOwnerId")}>
        {(p) => (
          <select {...p} className={inputClass} value={values.defaultOwnerId} onChange={set("defaultOwnerId")}>
            <option value="">No default owner</option>
            {currentOwner ? <option value={currentOwner.id}>{currentOwner.name}</option> : null}
            {KIND_GROUPS.map(({ kind, label }) => {
              const group = ownerList.filter((o) => o.kind === kind).sort((a, b) => a.name.localeCompare(b.name));
              return group.length ? (
                <optgroup key={kind} label={label}>
                  {group.map((o) => (
                    <option key={o.id} value={o.id}>{o.name}</option>
                  ))}
                </optgroup>
              ) : null;
            })}
          </select>
        )}
      </Field>

      <fieldset className="space-y-1.5" aria-describedby={dependsOnError ? `${dependsOnId}-error` : `${dependsOnId}-hint`} aria-invalid={dependsOnError ? true : undefined}>
        <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Depends on</legend>
        {candidates.length === 0 ? (
          <p id={`${dependsOnId}-hint`} className="text-sm text-zinc-500 dark:text-zinc-400">
            There are no other phases to depend on yet.
          </p>
        ) : (
          <>
            <ul
              className={cn(
                "max-h-48 divide-y divide-zinc-100 overflow-y-auto rounded-md border dark:divide-zinc-800",
                dependsOnError ? "border-red-500" : "border-zinc-300 dark:border-zinc-700",
              )}
            >
              {candidates.map((candidate) => {
                const checked = values.dependsOn.includes(candidate.id);
                const inCycle = checked && cycleNames.includes(candidate.name);
                return (
                  <li key={candidate.id}>
                    <label className="flex cursor-pointer items-center gap-2.5 px-3 py-2 text-sm hover:bg-zinc-50 dark:hover:bg-zinc-800/60">
                      <input
                        type="checkbox"
                        className="size-4 rounded border-zinc-300 accent-brand-600 dark:border-zinc-600"
                        checked={checked}
                        onChange={(e) => toggleDependency(candidate.id, e.target.checked)}
                      />
                      <span className="min-w-0 flex-1 truncate">{candidate.name}</span>
                      {inCycle ? <span className="shrink-0 text-xs font-medium text-red-600 dark:text-red-400">in the cycle</span> : null}
                    </label>
                  </li>
                );
              })}
            </ul>
            {dependsOnError ? null : (
              <p id={`${dependsOnId}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
                This phase starts after the phases you check. A phase cannot depend on itself, directly or through others.
              </p>
            )}
          </>
        )}
        {dependsOnError ? (
          <p id={`${dependsOnId}-error`} role="alert" className="text-xs font-medium text-red-600 dark:text-red-400" data-testid="depends-on-error">
            {dependsOnError}
          </p>
        ) : null}
      </fieldset>

      <div className="flex justify-end gap-2 pt-2">
        <Button variant="secondary" onClick={onCancel}>Cancel</Button>
        <Button type="submit" pending={save.isPending}>{phase ? "Save changes" : "Create phase"}</Button>
      </div>
    </form>
  );
}

interface PhaseFormDialogProps extends Omit<FormProps, "onCancel"> {
  open: boolean;
  onClose: () => void;
}

/** Create a phase (`phase` null) or edit one, with its dependencies; a refused cycle is shown by the dependencies. */
export function PhaseFormDialog({ open, onClose, phase, ...rest }: PhaseFormDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={phase ? `Edit ${phase.name}` : "New phase"}
      description={phase ? undefined : "A stage of the release: what it delivers, when it is done and what must come first."}
    >
      <PhaseForm key={phase?.id ?? "new"} phase={phase} onCancel={onClose} {...rest} />
    </Dialog>
  );
}
