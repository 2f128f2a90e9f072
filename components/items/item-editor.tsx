"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ExternalLink, GitPullRequest } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import { SeverityBadge } from "@/components/projects/severity";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import { ITEM_KINDS, ITEM_STATUSES, SEVERITIES, type ItemDto } from "@/lib/validation/item";
import { BlockedMessage } from "./blocked-message";
import { Dependencies } from "./dependencies";
import { fieldLabel, formatDateTime, formatDay, isClosed, isOverdue, KIND_LABEL, openBlockerKeys, SEVERITY_LABEL, STATUS_LABEL } from "./format";
import { LabelsInput } from "./labels-input";
import { LinesField } from "./lines-field";
import { MarkdownField } from "./markdown-field";
import { Section } from "./section";
import { BlockerBadge, StatusBadge } from "./status-badge";
import { itemApi, useOwners, usePhases } from "./use-project-data";
import { useNow } from "./use-now";

/** The item's editable fields, named as PATCH takes them. */
export interface Editable {
  title: string;
  description: string;
  kind: ItemDto["kind"];
  severity: ItemDto["severity"];
  status: ItemDto["status"];
  blocker: boolean;
  phaseId: string | null;
  ownerId: string | null;
  effort: string | null;
  dueDate: string | null;
  impact: string;
  reproSteps: string;
  rootCause: string;
  recommendedFix: string;
  fixPrUrl: string | null;
  files: string[];
  auditRefs: string[];
  acceptanceCriteria: string;
  verificationCommand: string | null;
  labels: string[];
  blockedBy: string[];
}

type Fields = Partial<Editable>;

interface Draft {
  fields: Fields;
  /** The version the edit started from: a save against a newer one is a conflict. */
  version: number;
}

export function editableOf(item: ItemDto): Editable {
  return {
    title: item.title,
    description: item.description,
    kind: item.kind,
    severity: item.severity,
    status: item.status,
    blocker: item.blocker,
    phaseId: item.phase?.id ?? null,
    ownerId: item.owner?.id ?? null,
    effort: item.effort,
    dueDate: item.dueDate ? item.dueDate.slice(0, 10) : null,
    impact: item.impact,
    reproSteps: item.reproSteps,
    rootCause: item.rootCause,
    recommendedFix: item.recommendedFix,
    fixPrUrl: item.fixPrUrl,
    files: item.files,
    auditRefs: item.auditRefs,
    acceptanceCriteria: item.acceptanceCriteria,
    verificationCommand: item.verificationCommand,
    labels: item.labels,
    blockedBy: item.blockedBy.map((b) => b.key),
  };
}

const NULLABLE_TEXT = new Set<keyof Editable>(["effort", "dueDate", "fixPrUrl", "verificationCommand"]);

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

/** Codes shown in place (by the status, the dependencies, the conflict dialog) rather than at the Save button. */
const IN_PLACE = new Set(["blocked_by_open_items", "dependency_cycle", "version_conflict"]);
const FIELD_NAMES: (keyof Editable)[] = [
  "title",
  "description",
  "kind",
  "severity",
  "status",
  "blocker",
  "phaseId",
  "ownerId",
  "effort",
  "dueDate",
  "impact",
  "reproSteps",
  "rootCause",
  "recommendedFix",
  "fixPrUrl",
  "files",
  "auditRefs",
  "acceptanceCriteria",
  "verificationCommand",
  "labels",
  "blockedBy",
];

function currentOf(details: unknown): ItemDto | null {
  const current = details && typeof details === "object" ? (details as { current?: unknown }).current : undefined;
  if (!current || typeof current !== "object") return null;
  const candidate = current as Partial<ItemDto>;
  return typeof candidate.key === "string" && typeof candidate.version === "number" && Array.isArray(candidate.blockedBy) ? (candidate as ItemDto) : null;
}

function Property({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex items-baseline justify-between gap-3 py-1.5">
      <dt className="shrink-0 text-xs font-medium text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 text-right text-sm">{children}</dd>
    </div>
  );
}

function Muted({ children }: { children: React.ReactNode }) {
  return <span className="text-zinc-500 dark:text-zinc-400">{children}</span>;
}

interface Props {
  workspace: string;
  project: string;
  item: ItemDto;
  canEdit: boolean;
}

/**
 * Every field of an item. Editors change them in place and save them together
 * with the version they read; a newer version on the server is a conflict the
 * person resolves (reload theirs, or overwrite with mine).
 */
export function ItemEditor({ workspace, project, item, canEdit }: Props) {
  const client = useQueryClient();
  const now = useNow();
  const phases = usePhases(workspace, project);
  const owners = useOwners(workspace);
  const itemQueryKey = queryKeys.item(workspace, project, item.key);
  const url = itemApi(workspace, project, item.key);

  const base = useMemo(() => editableOf(item), [item]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState(false);
  const [conflict, setConflict] = useState<{ current: ItemDto | null } | null>(null);

  const save = useMutation({
    mutationFn: (vars: { fields: Fields; version: number }) => api<ItemDto>(url, { method: "PATCH", body: { ...vars.fields, version: vars.version } }),
    onSuccess: (updated, vars) => {
      client.setQueryData(itemQueryKey, updated);
      // Keep anything typed while the save was in flight.
      setDraft((prev) => {
        if (!prev) return null;
        const rest: Fields = { ...prev.fields };
        for (const [field, value] of Object.entries(vars.fields)) {
          if (sameValue(rest[field as keyof Editable], value)) delete rest[field as keyof Editable];
        }
        return Object.keys(rest).length ? { fields: rest, version: updated.version } : null;
      });
      setSaved(true);
      void client.invalidateQueries({ queryKey: queryKeys.allItems(workspace, project) });
      void client.invalidateQueries({ queryKey: queryKeys.itemPart(workspace, project, item.key, "activity") });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === "version_conflict") setConflict({ current: currentOf(error.details) });
    },
  });

  const resolve = useMutation({
    mutationFn: async (choice: "reload" | "overwrite"): Promise<{ choice: "reload" | "overwrite"; current: ItemDto }> => {
      const current: ItemDto = conflict?.current ?? (await client.fetchQuery<ItemDto>({ queryKey: itemQueryKey, queryFn: () => api<ItemDto>(url), staleTime: 0 }));
      return { choice, current };
    },
    onSuccess: ({ choice, current }) => {
      client.setQueryData(itemQueryKey, current);
      setConflict(null);
      save.reset();
      if (choice === "reload" || !draft) {
        setDraft(null);
        return;
      }
      setDraft({ fields: draft.fields, version: current.version });
      save.mutate({ fields: draft.fields, version: current.version });
    },
  });

  const dirty = draft !== null;
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const get = <K extends keyof Editable>(field: K): Editable[K] => (draft && field in draft.fields ? (draft.fields[field] as Editable[K]) : base[field]);
  const set = <K extends keyof Editable>(field: K, raw: Editable[K]) => {
    const value = (NULLABLE_TEXT.has(field) && raw === "" ? null : raw) as Editable[K];
    if (!save.isPending) save.reset();
    setSaved(false);
    setDraft((prev) => {
      const fields: Fields = { ...(prev?.fields ?? {}) };
      if (sameValue(value, base[field])) delete fields[field];
      else fields[field] = value;
      return Object.keys(fields).length ? { fields, version: prev?.version ?? item.version } : null;
    });
  };
  const onChange = <K extends keyof Editable>(field: K) => (canEdit ? (value: Editable[K]) => set(field, value) : undefined);

  const error = save.error instanceof ApiError ? save.error : null;
  const fieldError = (field: string) => error?.fieldError(field);
  const cycleMessage = error?.code === "dependency_cycle" ? error.message : null;
  const editedBlockedBy = get("blockedBy");
  const openKnownBlockers = item.blockedBy.filter((b) => editedBlockedBy.includes(b.key) && !isClosed(b.status));
  const blockedKeys =
    error?.code === "blocked_by_open_items"
      ? openBlockerKeys(error.details, item.blockedBy)
      : get("status") === "done" && item.status !== "done" && openKnownBlockers.length
        ? openKnownBlockers.map((b) => b.key)
        : null;

  const changed = draft ? Object.keys(draft.fields).map(fieldLabel) : [];
  const status = get("status");
  const phaseOptions = phases.data ?? [];
  const ownerOptions = owners.data ?? [];

  const markdownFields = [
    { field: "impact", label: "Impact", empty: "No impact described." },
    { field: "reproSteps", label: "Repro steps", empty: "No repro steps." },
    { field: "rootCause", label: "Root-cause hypothesis", empty: "No hypothesis yet." },
    { field: "recommendedFix", label: "Recommended fix", empty: "No fix recommended yet." },
    { field: "acceptanceCriteria", label: "Acceptance criteria", empty: "No acceptance criteria." },
  ] as const;

  return (
    <>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (draft && !save.isPending) save.mutate({ fields: draft.fields, version: draft.version });
        }}
      >
        <div className="mb-5 space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={item.status} />
            <SeverityBadge severity={item.severity} />
            {item.blocker ? <BlockerBadge /> : null}
            <Badge>{KIND_LABEL[item.kind]}</Badge>
          </div>
          {canEdit ? (
            <>
              <h2 className="font-mono text-sm text-zinc-500 dark:text-zinc-400">
                <span className="sr-only">Item </span>
                {item.key}
              </h2>
              <Field label="Title" error={fieldError("title")} className="[&>label]:sr-only">
                {(p) => (
                  <input
                    {...p}
                    className={`${inputClass} text-lg font-semibold`}
                    value={get("title")}
                    required
                    maxLength={300}
                    onChange={(e) => set("title", e.target.value)}
                  />
                )}
              </Field>
            </>
          ) : (
            <h2 className="text-xl font-semibold tracking-tight">
              <span className="mr-2 font-mono text-base font-normal text-zinc-500 dark:text-zinc-400">{item.key}</span>
              {item.title}
            </h2>
          )}
        </div>

        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="min-w-0 space-y-6">
            <Section id="description" title="Description">
              <MarkdownField label="Description" labelHidden value={get("description")} onChange={onChange("description")} error={fieldError("description")} empty="No description." rows={10} />
            </Section>

            <Section id="details" title="Details" description="What is wrong, how to see it, and how to know it is fixed.">
              <div className="space-y-5">
                {markdownFields.map(({ field, label, empty }) => (
                  <MarkdownField key={field} label={label} value={get(field)} onChange={onChange(field)} error={fieldError(field)} empty={empty} rows={4} />
                ))}

                {canEdit ? (
                  <Field label="Verification command" hint="The command that shows it is fixed." error={fieldError("verificationCommand")}>
                    {(p) => <input {...p} className={`${inputClass} font-mono text-xs`} value={get("verificationCommand") ?? ""} maxLength={2000} placeholder="npm run test:e2e -- auth" onChange={(e) => set("verificationCommand", e.target.value)} />}
                  </Field>
                ) : (
                  <div className="space-y-1.5">
                    <h4 className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Verification command</h4>
                    {item.verificationCommand ? (
                      <pre tabIndex={0} className="overflow-x-auto rounded-md bg-zinc-100 px-3 py-2 font-mono text-xs dark:bg-zinc-800"><code>{item.verificationCommand}</code></pre>
                    ) : (
                      <p className="text-sm text-zinc-500 dark:text-zinc-400">None.</p>
                    )}
                  </div>
                )}

                {canEdit ? (
                  <Field label="Fix pull request" error={fieldError("fixPrUrl")}>
                    {(p) => <input {...p} type="url" className={inputClass} value={get("fixPrUrl") ?? ""} maxLength={2000} placeholder="https://github.com/org/repo/pull/123" onChange={(e) => set("fixPrUrl", e.target.value)} />}
                  </Field>
                ) : (
                  <div className="space-y-1.5">
                    <h4 className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Fix pull request</h4>
                    {item.fixPrUrl && /^https?:\/\//i.test(item.fixPrUrl) ? (
                      <a href={item.fixPrUrl} target="_blank" rel="noopener noreferrer nofollow" className="inline-flex items-center gap-1.5 break-all text-sm text-brand-600 underline underline-offset-2 dark:text-brand-100">
                        <GitPullRequest aria-hidden className="size-4 shrink-0" /> {item.fixPrUrl}
                      </a>
                    ) : (
                      <p className="text-sm text-zinc-500 dark:text-zinc-400">None yet.</p>
                    )}
                  </div>
                )}
                {canEdit && item.fixPrUrl && /^https?:\/\//i.test(item.fixPrUrl) ? (
                  <a href={item.fixPrUrl} target="_blank" rel="noopener noreferrer nofollow" className="-mt-3 inline-flex items-center gap-1 text-xs text-brand-600 hover:underline dark:text-brand-100">
                    Open the pull request <ExternalLink aria-hidden className="size-3" />
                  </a>
                ) : null}

                <div className="grid gap-5 sm:grid-cols-2">
                  {(["files", "auditRefs"] as const).map((field) =>
                    canEdit ? (
                      <Field key={field} label={field === "files" ? "Files touched" : "Audit references"} hint="One per line." error={fieldError(field)}>
                        {(p) => (
                          <LinesField
                            id={p.id}
                            describedBy={p["aria-describedby"]}
                            invalid={p["aria-invalid"]}
                            value={get(field)}
                            onChange={(next) => set(field, next)}
                            placeholder={field === "files" ? "app/api/v1/items/route.ts" : "AUDIT-2025-04 §3.2"}
                          />
                        )}
                      </Field>
                    ) : (
                      <div key={field} className="space-y-1.5">
                        <h4 className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{field === "files" ? "Files touched" : "Audit references"}</h4>
                        {item[field].length ? (
                          <ul className="space-y-1">
                            {item[field].map((entry) => (
                              <li key={entry} className="break-all font-mono text-xs">{entry}</li>
                            ))}
                          </ul>
                        ) : (
                          <p className="text-sm text-zinc-500 dark:text-zinc-400">None.</p>
                        )}
                      </div>
                    ),
                  )}
                </div>
              </div>
            </Section>

            <Section id="dependencies" title="Dependencies" description="An item cannot be marked done while an item that blocks it is open.">
              <Dependencies
                workspace={workspace}
                project={project}
                itemKey={item.key}
                blockedBy={editedBlockedBy}
                known={item.blockedBy}
                blocks={item.blocks}
                onChange={onChange("blockedBy")}
                cycleMessage={cycleMessage}
                fieldError={fieldError("blockedBy")}
              />
            </Section>
          </div>

          <div className="space-y-6">
            <Section id="properties" title="Properties">
              {canEdit ? (
                <div className="space-y-4">
                  <Field label="Status" error={fieldError("status")}>
                    {(p) => (
                      <select {...p} className={inputClass} value={status} onChange={(e) => set("status", e.target.value as Editable["status"])}>
                        {ITEM_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABEL[s]}</option>)}
                      </select>
                    )}
                  </Field>
                  {blockedKeys ? <BlockedMessage workspace={workspace} project={project} keys={blockedKeys} /> : null}
                  <div className="grid grid-cols-2 gap-3">
                    <Field label="Severity" error={fieldError("severity")}>
                      {(p) => (
                        <select {...p} className={inputClass} value={get("severity")} onChange={(e) => set("severity", e.target.value as Editable["severity"])}>
                          {SEVERITIES.map((s) => <option key={s} value={s}>{SEVERITY_LABEL[s]}</option>)}
                        </select>
                      )}
                    </Field>
                    <Field label="Kind" error={fieldError("kind")}>
                      {(p) => (
                        <select {...p} className={inputClass} value={get("kind")} onChange={(e) => set("kind", e.target.value as Editable["kind"])}>
                          {ITEM_KINDS.map((k) => <option key={k} value={k}>{KIND_LABEL[k]}</option>)}
                        </select>
                      )}
                    </Field>
                  </div>
                  <label className="flex items-start gap-2 text-sm">
                    <input type="checkbox" className="mt-0.5 size-4 accent-brand-600" checked={get("blocker")} onChange={(e) => set("blocker", e.target.checked)} />
                    <span>
                      <span className="font-medium">Release blocker</span>
                      <span className="block text-xs text-zinc-500 dark:text-zinc-400">The release cannot go out while this is open.</span>
                    </span>
                  </label>
                  <Field label="Phase" error={fieldError("phaseId")}>
                    {(p) => (
                      <select {...p} className={inputClass} value={get("phaseId") ?? ""} onChange={(e) => set("phaseId", e.target.value || null)}>
                        <option value="">No phase</option>
                        {item.phase && !phaseOptions.some((ph) => ph.id === item.phase?.id) ? <option value={item.phase.id}>{item.phase.name}</option> : null}
                        {phaseOptions.map((ph) => <option key={ph.id} value={ph.id}>{ph.name}</option>)}
                      </select>
                    )}
                  </Field>
                  <Field label="Owner" error={fieldError("ownerId")}>
                    {(p) => (
                      <select {...p} className={inputClass} value={get("ownerId") ?? ""} onChange={(e) => set("ownerId", e.target.value || null)}>
                        <option value="">Unassigned</option>
                        {item.owner && !ownerOptions.some((o) => o.id === item.owner?.id) ? <option value={item.owner.id}>{item.owner.name}</option> : null}
                        {ownerOptions.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
                      </select>
                    )}
                  </Field>
                  <div className="grid grid-cols-2 gap-3">
                    <Field label="Effort" error={fieldError("effort")}>
                      {(p) => <input {...p} className={inputClass} value={get("effort") ?? ""} maxLength={500} placeholder="2d" onChange={(e) => set("effort", e.target.value)} />}
                    </Field>
                    <Field label="Due date" error={fieldError("dueDate")}>
                      {(p) => <input {...p} type="date" className={inputClass} value={get("dueDate") ?? ""} onChange={(e) => set("dueDate", e.target.value)} />}
                    </Field>
                  </div>
                  <Field label="Labels" error={fieldError("labels")}>
                    {(p) => <LabelsInput id={p.id} describedBy={p["aria-describedby"]} value={get("labels")} onChange={(next) => set("labels", next)} />}
                  </Field>
                </div>
              ) : (
                <dl className="divide-y divide-zinc-100 dark:divide-zinc-800">
                  <Property label="Status"><StatusBadge status={item.status} /></Property>
                  <Property label="Severity"><SeverityBadge severity={item.severity} /></Property>
                  <Property label="Kind">{KIND_LABEL[item.kind]}</Property>
                  <Property label="Release blocker">{item.blocker ? "Yes" : "No"}</Property>
                  <Property label="Phase">{item.phase?.name ?? <Muted>No phase</Muted>}</Property>
                  <Property label="Owner">{item.owner?.name ?? <Muted>Unassigned</Muted>}</Property>
                  <Property label="Effort">{item.effort ?? <Muted>Not estimated</Muted>}</Property>
                  <Property label="Due date">
                    {item.dueDate ? (
                      <span className={isOverdue(item.dueDate, item.status, now) ? "font-medium text-red-600 dark:text-red-400" : undefined}>
                        {formatDay(item.dueDate)}
                        {isOverdue(item.dueDate, item.status, now) ? " (overdue)" : null}
                      </span>
                    ) : (
                      <Muted>None</Muted>
                    )}
                  </Property>
                  <Property label="Labels">
                    {item.labels.length ? (
                      <span className="flex flex-wrap justify-end gap-1">
                        {item.labels.map((l) => <Badge key={l}>{l}</Badge>)}
                      </span>
                    ) : (
                      <Muted>None</Muted>
                    )}
                  </Property>
                </dl>
              )}
              <dl className="mt-4 border-t border-zinc-200 pt-3 text-xs dark:border-zinc-800">
                <Property label="Created">{formatDateTime(item.createdAt)}</Property>
                <Property label="Updated">{formatDateTime(item.updatedAt)}</Property>
                {item.closedAt ? <Property label="Closed">{formatDateTime(item.closedAt)}</Property> : null}
                {item.externalId ? <Property label="External id"><span className="break-all font-mono text-xs">{item.externalId}</span></Property> : null}
                <Property label="Version">{item.version}</Property>
              </dl>
            </Section>
          </div>
        </div>

        {canEdit ? (
          <div className="sticky bottom-0 z-20 -mx-4 mt-6 border-t border-zinc-200 bg-white/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-lg sm:border dark:border-zinc-800 dark:bg-zinc-950/95">
            {save.error && !(error && IN_PLACE.has(error.code)) ? (
              <div className="mb-3 space-y-2">
                <FormError error={save.error} fields={FIELD_NAMES} />
                {error && !error.isFormLevel(FIELD_NAMES) ? <Alert>Not saved: some fields need attention; see the messages beside them.</Alert> : null}
              </div>
            ) : null}
            {error?.code === "blocked_by_open_items" || error?.code === "dependency_cycle" ? (
              <p role="alert" className="mb-2 text-sm font-medium text-red-700 dark:text-red-300">
                Not saved: {error.code === "dependency_cycle" ? "see Dependencies." : "see Status."}
              </p>
            ) : null}
            <div className="flex flex-wrap items-center justify-between gap-3">
              <p className="min-w-0 text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
                {draft ? `Unsaved changes: ${changed.join(", ")}.` : saved ? "All changes saved." : "No unsaved changes."}
              </p>
              <div className="flex gap-2">
                <Button
                  variant="secondary"
                  disabled={!draft || save.isPending}
                  onClick={() => {
                    setDraft(null);
                    save.reset();
                  }}
                >
                  Discard
                </Button>
                <Button type="submit" pending={save.isPending} disabled={!draft}>
                  Save changes
                </Button>
              </div>
            </div>
          </div>
        ) : null}
      </form>

      <Dialog
        open={conflict !== null}
        onClose={() => {
          if (!resolve.isPending) setConflict(null);
        }}
        title="Someone else changed this item"
        description={`${item.key} was saved by someone else after you started editing. Your changes are not saved yet.`}
      >
        <div className="space-y-4 text-sm">
          {changed.length ? <p>Your changes: {changed.join(", ")}.</p> : null}
          <ul className="list-disc space-y-1 pl-5 text-zinc-600 dark:text-zinc-400">
            <li><span className="font-medium text-zinc-900 dark:text-zinc-100">Reload</span> shows their version and discards your changes.</li>
            <li><span className="font-medium text-zinc-900 dark:text-zinc-100">Overwrite</span> saves your changes on top of theirs; fields you did not change keep their values.</li>
          </ul>
          <FormError error={resolve.error} />
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="ghost" disabled={resolve.isPending} onClick={() => setConflict(null)}>Keep editing</Button>
            <Button variant="secondary" pending={resolve.isPending && resolve.variables === "reload"} disabled={resolve.isPending} onClick={() => resolve.mutate("reload")}>
              Reload
            </Button>
            <Button variant="danger" pending={resolve.isPending && resolve.variables === "overwrite"} disabled={resolve.isPending} onClick={() => resolve.mutate("overwrite")}>
              Overwrite
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
