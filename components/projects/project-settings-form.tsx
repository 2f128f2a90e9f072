"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { DangerZone } from "@/components/ui/danger-zone";
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
  const base = `/api/v1/workspaces/${workspace}/projects/${project.slug}`;

  const save = useMutation({
    mutationFn: () => api<{ slug: string }>(base, { method: "PATCH", body: { name, slug, description } }),
    onSuccess: (updated) => {
      setSaved(true);
      if (updated.slug !== project.slug) router.replace(`/${workspace}/projects/${updated.slug}/settings`);
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
        <DangerZone
          title="Delete project"
          description="Deletes the project with its items, phases, gates and decisions. This cannot be undone."
          confirmation={project.slug}
          dialogTitle={`Delete ${project.name}?`}
          dialogDescription="Everything in the project is deleted with it."
          onConfirm={() => api(base, { method: "DELETE" })}
          onDone={() => {
            router.push(`/${workspace}`);
            router.refresh();
          }}
        />
      ) : null}
    </div>
  );
}
