"use client";

import { Plus, RotateCcw, X } from "lucide-react";
import { useId, useMemo, useState } from "react";
import { useOwners } from "@/components/phases/use-phases";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Field, inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import {
  buildDecision,
  CONFIDENCE_LABEL,
  failingItemsByKey,
  goRefusal,
  initialRisks,
  OUTCOME_LABEL,
  OUTCOMES,
  riskKeyProblem,
  type DecisionDraft,
  type RiskDraft,
} from "./gate-view-model";
import { apiFieldError } from "./gate-parts";
import { useRecordDecision } from "./use-gates";
import type { GateEvaluation, Outcome } from "./types";

const OUTCOME_HINT: Record<Outcome, string> = {
  go: "Every criterion is met; release.",
  no_go: "Do not release yet.",
  go_with_risks: "Release, accepting the listed items as deferred risks with owners and due dates.",
};

const OUTCOME_CHECKED: Record<Outcome, string> = {
  go: "border-emerald-500 bg-emerald-50 dark:border-emerald-600 dark:bg-emerald-950/40",
  no_go: "border-red-500 bg-red-50 dark:border-red-600 dark:bg-red-950/40",
  go_with_risks: "border-amber-500 bg-amber-50 dark:border-amber-600 dark:bg-amber-950/40",
};

interface Props {
  workspace: string;
  project: string;
  gateId: string;
  evaluation: GateEvaluation;
  onRecorded: (message: string) => void;
}

function ErrorText({ id, children }: { id?: string; children?: string }) {
  if (!children) return null;
  return (
    <p id={id} className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">
      {children}
    </p>
  );
}

export function DecisionForm({ workspace, project, gateId, evaluation, onRecorded }: Props) {
  const record = useRecordDecision(workspace, project, gateId);
  const owners = useOwners(workspace, true);
  const { recommendation, criteria } = evaluation;
  const refusal = goRefusal(criteria);
  const goAllowed = refusal === null;

  const [draft, setDraft] = useState<DecisionDraft>(() => ({
    outcome: recommendation.outcome,
    rationale: "",
    confidence: "medium",
    risks: initialRisks(recommendation.deferredRisks),
  }));
  const [tried, setTried] = useState(false);
  const [newKey, setNewKey] = useState("");
  const [keyProblem, setKeyProblem] = useState<string | null>(null);
  const ids = useId();

  const known = useMemo(() => failingItemsByKey(criteria), [criteria]);
  const clientErrors = tried ? buildDecision(draft, goAllowed).errors : {};
  const error = (field: string) => clientErrors[field] ?? apiFieldError(record.error, field);
  const withRisks = draft.outcome === "go_with_risks";
  const recommendedKeys = recommendation.deferredRisks.map((r) => r.key).join(",");
  const draftKeys = draft.risks.map((r) => r.itemKey.toUpperCase()).join(",");

  const update = (patch: Partial<DecisionDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const updateRisk = (index: number, patch: Partial<RiskDraft>) =>
    setDraft((d) => ({ ...d, risks: d.risks.map((r, i) => (i === index ? { ...r, ...patch } : r)) }));

  const addRisk = () => {
    const problem = riskKeyProblem(newKey, draft.risks);
    setKeyProblem(problem);
    if (problem) return;
    const key = newKey.trim().toUpperCase();
    const item = known.get(key);
    update({ risks: [...draft.risks, { itemKey: key, title: item?.title ?? "", ownerId: item?.ownerId ?? "", dueDate: item?.dueDate ?? "", notes: "" }] });
    setNewKey("");
  };

  const riskFields = draft.risks.flatMap((_, i) => [`deferredRisks.${i}.itemKey`, `deferredRisks.${i}.ownerId`, `deferredRisks.${i}.dueDate`, `deferredRisks.${i}.notes`]);
  // Errors no field shows (a 409 because a required criterion stopped passing) appear by the submit button.
  const formFields = ["outcome", "rationale", "confidence", ...(withRisks ? ["deferredRisks", ...riskFields] : [])];

  return (
    <Card>
      <CardHeader title="Record a decision" description="Decisions are kept with a snapshot of every criterion at this moment; they are never edited, and a new one supersedes the last." />
      <form
        noValidate
        className="space-y-5 p-5"
        onSubmit={(event) => {
          event.preventDefault();
          if (record.isPending) return;
          setTried(true);
          const { body } = buildDecision(draft, goAllowed);
          if (!body) return;
          record.mutate(body, {
            onSuccess: (decision) => {
              onRecorded(`Recorded ${OUTCOME_LABEL[decision.outcome]}.`);
              setTried(false);
              setDraft((d) => ({ ...d, rationale: "" }));
            },
          });
        }}
      >
        {record.isSuccess ? (
          <Alert tone="success" title={`Recorded ${OUTCOME_LABEL[record.data.outcome]}.`}>
            It is at the top of the decision history below.
          </Alert>
        ) : null}

        <fieldset aria-describedby={[refusal ? `${ids}-refusal` : "", error("outcome") ? `${ids}-outcome-error` : ""].filter(Boolean).join(" ") || undefined}>
          <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Outcome</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-3">
            {OUTCOMES.map((outcome) => {
              const disabled = outcome !== "no_go" && !goAllowed;
              const checked = draft.outcome === outcome;
              return (
                <label
                  key={outcome}
                  className={cn(
                    "flex gap-2.5 rounded-md border p-3 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500/40",
                    checked ? OUTCOME_CHECKED[outcome] : "border-zinc-300 bg-white dark:border-zinc-700 dark:bg-zinc-900",
                    disabled ? "cursor-not-allowed opacity-60" : "cursor-pointer",
                  )}
                >
                  <input
                    type="radio"
                    name={`${ids}-outcome`}
                    value={outcome}
                    checked={checked}
                    disabled={disabled}
                    onChange={() => update({ outcome })}
                    className="mt-0.5 accent-brand-600"
                  />
                  <span>
                    <span className="block font-semibold">{OUTCOME_LABEL[outcome]}</span>
                    <span className="mt-0.5 block text-xs text-zinc-600 dark:text-zinc-400">{OUTCOME_HINT[outcome]}</span>
                  </span>
                </label>
              );
            })}
          </div>
          {refusal ? (
            <p id={`${ids}-refusal`} className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
              {refusal}
            </p>
          ) : null}
          <ErrorText id={`${ids}-outcome-error`}>{error("outcome")}</ErrorText>
        </fieldset>

        <Field label="Rationale" error={error("rationale")} hint="Why this outcome: what you weighed, what you accept.">
          {(p) => <textarea {...p} rows={4} className={inputClass} value={draft.rationale} onChange={(e) => update({ rationale: e.target.value })} />}
        </Field>

        <Field label="Confidence" error={error("confidence")} className="max-w-xs">
          {(p) => (
            <select {...p} className={inputClass} value={draft.confidence} onChange={(e) => update({ confidence: e.target.value as DecisionDraft["confidence"] })}>
              {(["low", "medium", "high"] as const).map((c) => (
                <option key={c} value={c}>
                  {CONFIDENCE_LABEL[c]}
                </option>
              ))}
            </select>
          )}
        </Field>

        {withRisks ? (
          <section aria-labelledby={`${ids}-risks`} className="space-y-3">
            <div className="flex flex-wrap items-end justify-between gap-2">
              <div>
                <h3 id={`${ids}-risks`} className="text-sm font-semibold">
                  Deferred risks
                </h3>
                <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">Each item accepted as a known risk needs an owner and a due date.</p>
              </div>
              {recommendation.deferredRisks.length > 0 && recommendedKeys !== draftKeys ? (
                <Button variant="ghost" size="sm" onClick={() => update({ risks: initialRisks(recommendation.deferredRisks) })}>
                  <RotateCcw aria-hidden className="size-4" /> Use the recommended list
                </Button>
              ) : null}
            </div>
            <ErrorText>{error("deferredRisks")}</ErrorText>
            {owners.isError ? <Alert title="The owners could not be loaded.">Reload the page to choose owners.</Alert> : null}
            {draft.risks.length > 0 ? (
              <ul className="space-y-3">
                {draft.risks.map((risk, index) => (
                  <li key={risk.itemKey} className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
                    <div className="flex items-start justify-between gap-2">
                      <p className="min-w-0 text-sm">
                        <span className="font-mono text-xs font-medium">{risk.itemKey}</span>{" "}
                        <span className={risk.title ? "" : "text-zinc-500 dark:text-zinc-400"}>{risk.title || "Not failing a criterion now"}</span>
                      </p>
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={`Remove ${risk.itemKey} from the deferred risks`}
                        onClick={() => update({ risks: draft.risks.filter((_, i) => i !== index) })}
                      >
                        <X aria-hidden className="size-4" />
                      </Button>
                    </div>
                    <ErrorText>{error(`deferredRisks.${index}.itemKey`)}</ErrorText>
                    <div className="mt-2 grid gap-3 sm:grid-cols-2">
                      <Field label="Owner" error={error(`deferredRisks.${index}.ownerId`)}>
                        {(p) => (
                          <select {...p} className={inputClass} value={risk.ownerId} disabled={owners.isPending} onChange={(e) => updateRisk(index, { ownerId: e.target.value })}>
                            <option value="">{owners.isPending ? "Loading owners…" : "Choose an owner"}</option>
                            {(owners.data ?? []).map((o) => (
                              <option key={o.id} value={o.id}>
                                {o.name}
                              </option>
                            ))}
                          </select>
                        )}
                      </Field>
                      <Field label="Due date" error={error(`deferredRisks.${index}.dueDate`)}>
                        {(p) => <input {...p} type="date" className={inputClass} value={risk.dueDate} onChange={(e) => updateRisk(index, { dueDate: e.target.value })} />}
                      </Field>
                      <Field label="Notes (optional)" error={error(`deferredRisks.${index}.notes`)} className="sm:col-span-2">
                        {(p) => <input {...p} className={inputClass} value={risk.notes} onChange={(e) => updateRisk(index, { notes: e.target.value })} />}
                      </Field>
                    </div>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-zinc-500 dark:text-zinc-400">No risks in the list yet. Add the items you accept by their key.</p>
            )}
            <div className="flex flex-wrap items-start gap-2">
              <Field label="Add an item by key" error={keyProblem ?? undefined} className="w-full sm:w-56">
                {(p) => (
                  <input
                    {...p}
                    className={inputClass}
                    placeholder="OCC-12"
                    value={newKey}
                    autoComplete="off"
                    onChange={(e) => {
                      setNewKey(e.target.value);
                      setKeyProblem(null);
                    }}
                    onKeyDown={(e) => {
                      if (e.key === "Enter") {
                        e.preventDefault();
                        addRisk();
                      }
                    }}
                  />
                )}
              </Field>
              <Button variant="secondary" className="sm:mt-6" onClick={addRisk}>
                <Plus aria-hidden className="size-4" /> Add risk
              </Button>
            </div>
          </section>
        ) : null}

        <div className="space-y-3 border-t border-zinc-200 pt-4 dark:border-zinc-800">
          <FormError error={record.error} fields={formFields} />
          <div className="flex flex-wrap items-center justify-end gap-3">
            {evaluation.gate.requiredApprovals > 1 ? (
              <p className="mr-auto text-xs text-zinc-500 dark:text-zinc-400">
                This gate needs {evaluation.gate.requiredApprovals} sign-offs: yours when you record, then the other approvers sign it in the history below.
              </p>
            ) : null}
            <Button type="submit" pending={record.isPending}>
              Record {draft.outcome ? OUTCOME_LABEL[draft.outcome] : "decision"}
            </Button>
          </div>
        </div>
      </form>
    </Card>
  );
}
