"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";

interface Props {
  workspace: string;
  project: { slug: string; name: string; description: string; keyPrefix: string };
  canDelete: boolean;
}

export function ProjectSettingsForm({ workspace, project, canDelete }: Props) {
  const router = useRouter();
  const [name, setName] = useState(project.name);
  const [slug, setSlug] = useState(project.slug);
  const [description, setDescription] = useState(project.description);
  const [saved, setSaved] = useState(false);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [confirmText, setConfirmText] = useState("");
  const base = `/api/v1/workspaces/${workspace}/projects/${project.slug}`;

  const save = useMutation({
    mutationFn: () => api<{ slug: string }>(base, { method: "PATCH", body: { name, slug, description } }),
    onSuccess: (updated) => {
      setSaved(true);
      if (updated.slug !== project.slug) router.replace(`/${workspace}/projects/${updated.slug}/settings`);
      router.refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => api(base, { method: "DELETE" }),
    onSuccess: () => {
      router.push(`/${workspace}`);
      router.refresh();
    },
  });
  const error = save.error instanceof ApiError ? save.error : null;
  const dirty = name !== project.name || slug !== project.slug || description !== project.description;

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="General" description={`Items of this project are numbered ${project.keyPrefix}-1, ${project.keyPrefix}-2…`} />
        <form
          className="space-y-4 p-5"
          onSubmit={(event) => {
            event.preventDefault();
            setSaved(false);
            if (!save.isPending) save.mutate();
          }}
        >
          <FormError error={save.error} fields={["name", "slug", "description"]} />
          {saved && !dirty ? <Alert tone="success">Saved.</Alert> : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Name" error={error?.fieldError("name")}>
              {(p) => <input {...p} className={inputClass} value={name} required maxLength={120} onChange={(e) => setName(e.target.value)} />}
            </Field>
            <Field label="URL" hint={`/${workspace}/projects/${slug}`} error={error?.fieldError("slug")}>
              {(p) => <input {...p} className={inputClass} value={slug} required maxLength={40} onChange={(e) => setSlug(e.target.value)} />}
            </Field>
          </div>
          <Field label="Description" error={error?.fieldError("description")}>
            {(p) => <textarea {...p} className={inputClass} rows={4} value={description} maxLength={5000} onChange={(e) => setDescription(e.target.value)} />}
          </Field>
          <div className="flex justify-end">
            <Button type="submit" pending={save.isPending} disabled={!dirty}>Save changes</Button>
          </div>
        </form>
      </Card>

      {canDelete ? (
        <Card className="border-red-200 dark:border-red-900/60">
          <CardHeader title="Delete project" description="Deletes the project with its items, phases, gates and decisions. This cannot be undone." />
          <div className="flex justify-end p-5">
            <Button variant="danger" onClick={() => { setConfirmText(""); remove.reset(); setConfirmOpen(true); }}>Delete project</Button>
          </div>
        </Card>
      ) : null}

      <Dialog open={confirmOpen} onClose={() => setConfirmOpen(false)} title={`Delete ${project.name}?`} description="Everything in the project is deleted with it.">
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (!remove.isPending) remove.mutate();
          }}
        >
          <FormError error={remove.error} />
          <Field label={`Type ${project.slug} to confirm`}>
            {(p) => <input {...p} className={inputClass} value={confirmText} onChange={(e) => setConfirmText(e.target.value)} autoComplete="off" />}
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setConfirmOpen(false)}>Cancel</Button>
            <Button type="submit" variant="danger" pending={remove.isPending} disabled={confirmText !== project.slug}>Delete project</Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
