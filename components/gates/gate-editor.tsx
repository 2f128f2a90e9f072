"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import { draftFromGate, gateBody, KINDS, moveCriterion, newCriterion, removedCriteria, RULE_KINDS, SEVERITIES, type CriterionDraft, type GateDraft } from "./gate-editor-model";
import type { CriterionType, GateSummary } from "./types";
import { gateKeys, gatesUrl } from "./use-gates";

interface Member {
  userId: string;
  name: string | null;
  email: string;
  role: string;
}

const TYPE_LABEL: Record<CriterionType, string> = { rule: "Rule — evaluated from the register", manual: "Manual — a person marks pass or fail", check: "Check — posted by CI through the API" };

const checkboxClass = "size-4 rounded border-zinc-300 accent-brand-600 dark:border-zinc-600";

function fieldError(error: ApiError | null, path: string): string | undefined {
  if (!error || !Array.isArray(error.details)) return undefined;
  return (error.details as { path?: string; message?: string }[]).find((d) => d.path === path || d.path?.startsWith(`${path}.`))?.message;
}

function CheckboxGroup({ legend, options, value, onChange }: { legend: string; options: readonly string[]; value: string[]; onChange: (next: string[]) => void }) {
  return (
    <fieldset>
      <legend className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {options.map((option) => (
          <label key={option} className="inline-flex items-center gap-1.5 text-sm capitalize">
            <input type="checkbox" className={checkboxClass} checked={value.includes(option)} onChange={(e) => onChange(e.target.checked ? [...value, option] : value.filter((v) => v !== option))} />
            {option}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

interface CriterionProps {
  index: number;
  count: number;
  criterion: CriterionDraft;
  phases: { id: string; name: string }[];
  error: ApiError | null;
  onChange: (next: CriterionDraft) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

function CriterionEditor({ index, count, criterion: c, phases, error, onChange, onMove, onRemove }: CriterionProps) {
  const path = `criteria.${index}`;
  const set = <K extends keyof CriterionDraft>(key: K, value: CriterionDraft[K]) => onChange({ ...c, [key]: value });
  const rule = RULE_KINDS.find((r) => r.type === c.ruleType);
  return (
    <li className="space-y-3 rounded-md border border-zinc-200 p-4 dark:border-zinc-800" aria-label={`Criterion ${index + 1}`}>
      <div className="flex items-start gap-2">
        <span className="mt-2 w-6 shrink-0 text-sm font-semibold tabular-nums text-zinc-500">{index + 1}.</span>
        <Field label="Title" className="min-w-0 flex-1" error={fieldError(error, `${path}.title`)}>
          {(p) => <input {...p} className={inputClass} value={c.title} required maxLength={300} autoComplete="off" placeholder="e.g. Phase 1 items complete with tests" onChange={(e) => set("title", e.target.value)} />}
        </Field>
        <div className="mt-6 flex shrink-0 gap-1">
          <Button variant="ghost" size="sm" aria-label={`Move criterion ${index + 1} up`} disabled={index === 0} onClick={() => onMove(-1)}>
            <ArrowUp aria-hidden className="size-4" />
          </Button>
          <Button variant="ghost" size="sm" aria-label={`Move criterion ${index + 1} down`} disabled={index === count - 1} onClick={() => onMove(1)}>
            <ArrowDown aria-hidden className="size-4" />
          </Button>
          <Button variant="ghost" size="sm" aria-label={`Remove criterion ${index + 1}`} onClick={onRemove}>
            <Trash2 aria-hidden className="size-4" />
          </Button>
        </div>
      </div>
      <div className="grid gap-3 pl-8 sm:grid-cols-2">
        <Field label="Type" hint={c.id ? "An existing criterion keeps its type." : undefined} error={fieldError(error, `${path}.type`)}>
          {(p) => (
            <select {...p} className={inputClass} value={c.type} disabled={Boolean(c.id)} onChange={(e) => set("type", e.target.value as CriterionType)}>
              {(Object.keys(TYPE_LABEL) as CriterionType[]).map((t) => (
                <option key={t} value={t}>{TYPE_LABEL[t]}</option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="space-y-1.5">
          <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">When it fails</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name={`${c.key}-required`} className={checkboxClass} checked={c.required} onChange={() => set("required", true)} />
            Required — No-Go
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name={`${c.key}-required`} className={checkboxClass} checked={!c.required} onChange={() => set("required", false)} />
            Advisory — at most Go with known risks
          </label>
        </fieldset>
      </div>
      {c.type === "rule" ? (
        <div className="space-y-3 rounded-md bg-zinc-50 p-3 pl-8 dark:bg-zinc-900/60">
          <Field label="Rule" hint={rule?.hint} error={fieldError(error, `${path}.rule`)}>
            {(p) => (
              <select {...p} className={inputClass} value={c.ruleType} onChange={(e) => set("ruleType", e.target.value as CriterionDraft["ruleType"])}>
                {RULE_KINDS.map((r) => (
                  <option key={r.type} value={r.type}>{r.label}</option>
                ))}
              </select>
            )}
          </Field>
          {c.ruleType === "max_open_items" ? (
            <Field label="N (most open items allowed)" className="max-w-40">
              {(p) => <input {...p} type="number" min={0} max={100_000} step={1} className={inputClass} value={c.max} onChange={(e) => set("max", e.target.value)} />}
            </Field>
          ) : null}
          <p className="text-xs text-zinc-500 dark:text-zinc-400">Which items it looks at: every part you set narrows it; none set means every item of the project.</p>
          <CheckboxGroup legend="Severity" options={SEVERITIES} value={c.severity} onChange={(v) => set("severity", v)} />
          <CheckboxGroup legend="Kind" options={KINDS} value={c.kind} onChange={(v) => set("kind", v)} />
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label="Phase" error={fieldError(error, `${path}.rule.filter.phase`)}>
              {(p) => (
                <select {...p} className={inputClass} value={c.phase} onChange={(e) => set("phase", e.target.value)}>
                  <option value="">Any phase</option>
                  {phases.map((ph) => (
                    <option key={ph.id} value={ph.id}>{ph.name}</option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Labels" hint="Comma-separated; an item matches with any of them.">
              {(p) => <input {...p} className={inputClass} value={c.labels} maxLength={500} autoComplete="off" placeholder="security, ci" onChange={(e) => set("labels", e.target.value)} />}
            </Field>
          </div>
        </div>
      ) : null}
      <Field label="Details" className="pl-8" hint="Optional: what a reader should know to judge it.">
        {(p) => <textarea {...p} className={inputClass} rows={2} maxLength={5000} value={c.description} onChange={(e) => set("description", e.target.value)} />}
      </Field>
    </li>
  );
}

interface EditorProps {
  workspace: string;
  project: string;
  gate: GateSummary | null;
  phases: { id: string; name: string }[];
  onCancel: () => void;
  onSaved: (gate: GateSummary) => void;
}

function GateForm({ workspace, project, gate, phases, onCancel, onSaved }: EditorProps) {
  const [draft, setDraft] = useState<GateDraft>(() => draftFromGate(gate));
  const client = useQueryClient();
  const members = useQuery({
    queryKey: queryKeys.members(workspace),
    queryFn: () => api<{ data: Member[] }>(`/api/v1/workspaces/${workspace}/members`),
    select: (r) => r.data.filter((m) => m.role === "owner" || m.role === "admin"),
  });
  const save = useMutation({
    mutationFn: () =>
      gate
        ? api<GateSummary>(gatesUrl(workspace, project, gate.id), { method: "PATCH", body: gateBody(draft) })
        : api<GateSummary>(gatesUrl(workspace, project), { method: "POST", body: gateBody(draft) }),
    onSuccess: async (saved) => {
      await client.invalidateQueries({ queryKey: gateKeys.all(workspace, project) });
      onSaved(saved);
    },
  });
  const error = save.error instanceof ApiError ? save.error : null;
  const removed = removedCriteria(gate, draft);
  const set = <K extends keyof GateDraft>(key: K, value: GateDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setCriteria = (update: (list: CriterionDraft[]) => CriterionDraft[]) => setDraft((d) => ({ ...d, criteria: update(d.criteria) }));
  const topFields = ["name", "description", "targetDate", "approverIds", "requiredApprovals"];
  const formLevel = error && !topFields.some((f) => fieldError(error, f)) && !fieldError(error, "criteria");

  return (
    <form
      className="space-y-5"
      onSubmit={(event) => {
        event.preventDefault();
        if (!save.isPending) save.mutate();
      }}
    >
      {formLevel ? <FormError error={save.error} /> : null}
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
        <Field label="Gate name" error={fieldError(error, "name")}>
          {(p) => <input {...p} className={inputClass} value={draft.name} required maxLength={200} autoComplete="off" placeholder="v1.0 release" onChange={(e) => set("name", e.target.value)} />}
        </Field>
        <Field label="Target date" error={fieldError(error, "targetDate")}>
          {(p) => <input {...p} type="date" className={inputClass} value={draft.targetDate} onChange={(e) => set("targetDate", e.target.value)} />}
        </Field>
      </div>
      <Field label="Description" error={fieldError(error, "description")}>
        {(p) => <textarea {...p} className={inputClass} rows={2} maxLength={20_000} value={draft.description} onChange={(e) => set("description", e.target.value)} />}
      </Field>

      <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
        <fieldset className="space-y-1.5">
          <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Approvers</legend>
          {members.isPending ? (
            <p className="text-sm text-zinc-500">Loading owners and admins…</p>
          ) : members.isError ? (
            <p className="text-sm text-red-600 dark:text-red-400">Owners and admins could not be loaded; the approvers are kept as they are.</p>
          ) : (
            <ul className="max-h-40 divide-y divide-zinc-100 overflow-y-auto rounded-md border border-zinc-300 dark:divide-zinc-800 dark:border-zinc-700">
              {members.data.map((m) => (
                <li key={m.userId}>
                  <label className="flex items-center gap-2.5 px-3 py-2 text-sm">
                    <input
                      type="checkbox"
                      className={checkboxClass}
                      checked={draft.approverIds.includes(m.userId)}
                      onChange={(e) => set("approverIds", e.target.checked ? [...draft.approverIds, m.userId] : draft.approverIds.filter((id) => id !== m.userId))}
                    />
                    <span className="min-w-0 flex-1 truncate">{m.name ?? m.email}</span>
                    <span className="text-xs capitalize text-zinc-500">{m.role}</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          <p className={fieldError(error, "approverIds") ? "text-xs font-medium text-red-600 dark:text-red-400" : "text-xs text-zinc-500 dark:text-zinc-400"}>
            {fieldError(error, "approverIds") ?? "With approvers checked, only they record and sign decisions; with none, any owner or admin does."}
          </p>
        </fieldset>
        <Field label="Sign-offs required" hint="Approvers who must sign a decision before it takes effect." error={fieldError(error, "requiredApprovals")}>
          {(p) => <input {...p} type="number" min={1} max={20} step={1} className={inputClass} value={draft.requiredApprovals} onChange={(e) => set("requiredApprovals", e.target.value)} />}
        </Field>
      </div>

      <section aria-labelledby="criteria-editor-heading" className="space-y-3">
        <div className="flex items-center justify-between gap-3">
          <h3 id="criteria-editor-heading" className="text-sm font-semibold">Criteria, in order</h3>
          <Button variant="secondary" size="sm" onClick={() => setCriteria((list) => [...list, newCriterion()])}>
            <Plus aria-hidden className="size-4" /> Add criterion
          </Button>
        </div>
        {fieldError(error, "criteria") && !draft.criteria.some((_, i) => fieldError(error, `criteria.${i}`)) ? (
          <Alert>{fieldError(error, "criteria")}</Alert>
        ) : null}
        {draft.criteria.length === 0 ? (
          <p className="rounded-md border border-dashed border-zinc-300 p-4 text-sm text-zinc-500 dark:border-zinc-700">A gate without criteria recommends Go. Add what the release must meet.</p>
        ) : (
          <ol className="space-y-3">
            {draft.criteria.map((c, index) => (
              <CriterionEditor
                key={c.key}
                index={index}
                count={draft.criteria.length}
                criterion={c}
                phases={phases}
                error={error}
                onChange={(next) => setCriteria((list) => list.map((x) => (x.key === c.key ? next : x)))}
                onMove={(delta) => setCriteria((list) => moveCriterion(list, index, delta))}
                onRemove={() => setCriteria((list) => list.filter((x) => x.key !== c.key))}
              />
            ))}
          </ol>
        )}
      </section>

      {removed.length ? (
        <Alert title="Removing criteria">
          Saving removes {removed.map((t) => `“${t}”`).join(", ")} with {removed.length === 1 ? "its" : "their"} marks and check results. Recorded decisions keep their snapshots.
        </Alert>
      ) : null}

      <div className="flex justify-end gap-2 pt-1">
        <Button variant="secondary" onClick={onCancel}>Cancel</Button>
        <Button type="submit" pending={save.isPending}>{gate ? "Save gate" : "Create gate"}</Button>
      </div>
    </form>
  );
}

/** Create a gate (`gate` null) or edit one: name, date, approvers, sign-offs and the ordered criteria. */
export function GateEditorDialog({ open, onClose, gate, ...rest }: Omit<EditorProps, "onCancel"> & { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} wide title={gate ? `Edit ${gate.name}` : "New release gate"} description={gate ? undefined : "The criteria a release must meet, ending in a recorded Go or No-Go decision."}>
      <GateForm key={gate?.id ?? "new"} gate={gate} onCancel={onClose} {...rest} />
    </Dialog>
  );
}
