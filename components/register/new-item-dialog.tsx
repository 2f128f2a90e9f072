"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { KIND_LABEL, SEVERITY_LABEL } from "@/components/items/format";
import { itemHref, projectApi, useOwners, usePhases } from "@/components/items/use-project-data";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import { ITEM_KINDS, SEVERITIES, type CreateItemInput, type ItemDto } from "@/lib/validation/item";

const FIELDS = ["title", "severity", "kind", "phaseId", "ownerId"];

interface Draft {
  title: string;
  severity: ItemDto["severity"];
  kind: ItemDto["kind"];
  phaseId: string;
  ownerId: string;
}

const EMPTY: Draft = { title: "", severity: "medium", kind: "finding", phaseId: "", ownerId: "" };

export function NewItemButton({ workspace, project }: { workspace: string; project: string }) {
  const router = useRouter();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const phases = usePhases(workspace, project);
  const owners = useOwners(workspace);

  const create = useMutation({
    mutationFn: (body: CreateItemInput) => api<ItemDto>(`${projectApi(workspace, project)}/items`, { method: "POST", body }),
    onSuccess: (item) => {
      void client.invalidateQueries({ queryKey: queryKeys.allItems(workspace, project) });
      client.setQueryData(queryKeys.item(workspace, project, item.key), item);
      router.push(itemHref(workspace, project, item.key));
    },
  });
  const error = create.error instanceof ApiError ? create.error : null;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  return (
    <>
      <Button
        size="sm"
        onClick={() => {
          create.reset();
          setDraft(EMPTY);
          setOpen(true);
        }}
      >
        <Plus aria-hidden className="size-4" /> New item
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="New item" description="Add a finding, task, deliverable or risk to the register. Everything else can be filled in on the item’s page.">
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (create.isPending || create.isSuccess) return;
            create.mutate({
              title: draft.title.trim(),
              severity: draft.severity,
              kind: draft.kind,
              ...(draft.phaseId ? { phaseId: draft.phaseId } : {}),
              ...(draft.ownerId ? { ownerId: draft.ownerId } : {}),
            });
          }}
        >
          <FormError error={create.error} fields={FIELDS} />
          <Field label="Title" error={error?.fieldError("title")}>
            {(p) => <input {...p} className={inputClass} value={draft.title} required maxLength={300} autoFocus onChange={(e) => set("title", e.target.value)} />}
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Severity" error={error?.fieldError("severity")}>
              {(p) => (
                <select {...p} className={inputClass} value={draft.severity} onChange={(e) => set("severity", e.target.value as Draft["severity"])}>
                  {SEVERITIES.map((s) => <option key={s} value={s}>{SEVERITY_LABEL[s]}</option>)}
                </select>
              )}
            </Field>
            <Field label="Kind" error={error?.fieldError("kind")}>
              {(p) => (
                <select {...p} className={inputClass} value={draft.kind} onChange={(e) => set("kind", e.target.value as Draft["kind"])}>
                  {ITEM_KINDS.map((k) => <option key={k} value={k}>{KIND_LABEL[k]}</option>)}
                </select>
              )}
            </Field>
            <Field label="Phase" error={error?.fieldError("phaseId")} hint={phases.isError ? "Phases could not be loaded." : undefined}>
              {(p) => (
                <select {...p} className={inputClass} value={draft.phaseId} onChange={(e) => set("phaseId", e.target.value)}>
                  <option value="">No phase</option>
                  {(phases.data ?? []).map((phase) => <option key={phase.id} value={phase.id}>{phase.name}</option>)}
                </select>
              )}
            </Field>
            <Field label="Owner" error={error?.fieldError("ownerId")} hint={owners.isError ? "Owners could not be loaded." : undefined}>
              {(p) => (
                <select {...p} className={inputClass} value={draft.ownerId} onChange={(e) => set("ownerId", e.target.value)}>
                  <option value="">Unassigned</option>
                  {(owners.data ?? []).map((owner) => <option key={owner.id} value={owner.id}>{owner.name}</option>)}
                </select>
              )}
            </Field>
          </div>
          <div className="flex justify-end gap-2 pt-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" pending={create.isPending || create.isSuccess} disabled={!draft.title.trim()}>Create item</Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
