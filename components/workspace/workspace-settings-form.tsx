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
  workspace: { slug: string; name: string; allowedDomains: string[]; domainAutoJoin: boolean };
  canEdit: boolean;
  canDelete: boolean;
}

export function WorkspaceSettingsForm({ workspace, canEdit, canDelete }: Props) {
  const router = useRouter();
  const [name, setName] = useState(workspace.name);
  const [domains, setDomains] = useState(workspace.allowedDomains.join(", "));
  const [autoJoin, setAutoJoin] = useState(workspace.domainAutoJoin);
  const [saved, setSaved] = useState(false);
  const base = `/api/v1/workspaces/${workspace.slug}`;
  const domainList = domains.split(/[\s,]+/).map((d) => d.trim()).filter(Boolean);

  const save = useMutation({
    mutationFn: () => api(base, { method: "PATCH", body: { name, allowedDomains: domainList, domainAutoJoin: autoJoin } }),
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
  });
  const error = save.error instanceof ApiError ? save.error : null;
  const domainError = error?.fieldError("allowedDomains") ?? (error && Array.isArray(error.details) ? (error.details as { path: string; message: string }[]).find((d) => d.path.startsWith("allowedDomains"))?.message : undefined);

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="General" description={`Workspace URL: /${workspace.slug}`} />
        <form
          className="space-y-5 p-5"
          onSubmit={(event) => {
            event.preventDefault();
            setSaved(false);
            if (!save.isPending) save.mutate();
          }}
        >
          <FormError error={save.error} fields={["name", "allowedDomains", "domainAutoJoin"]} />
          {saved && !save.isPending && !save.error ? <Alert tone="success">Saved.</Alert> : null}
          <Field label="Workspace name" error={error?.fieldError("name")}>
            {(p) => <input {...p} className={inputClass} value={name} disabled={!canEdit} required maxLength={120} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label="Allowed email domains" hint="Comma-separated. You can add the domain of your own email address; once it is also verified under Single sign-on, people who sign in through SSO with it may join." error={domainError}>
            {(p) => <input {...p} className={inputClass} value={domains} disabled={!canEdit} placeholder="example.com" onChange={(e) => setDomains(e.target.value)} />}
          </Field>
          <label className="flex items-start gap-3 text-sm">
            <input type="checkbox" className="mt-0.5 size-4 rounded border-zinc-300 accent-brand-600" checked={autoJoin} disabled={!canEdit} onChange={(e) => setAutoJoin(e.target.checked)} />
            <span>
              <span className="font-medium">Let people from these domains join as members</span>
              <span className="block text-zinc-500 dark:text-zinc-400">On their first SSO sign-in, with a verified email address. Otherwise they need an invitation.</span>
            </span>
          </label>
          {canEdit ? (
            <div className="flex justify-end">
              <Button type="submit" pending={save.isPending}>Save changes</Button>
            </div>
          ) : (
            <p className="text-sm text-zinc-500 dark:text-zinc-400">Only owners and admins can change these settings.</p>
          )}
        </form>
      </Card>

      {canDelete ? (
        <DangerZone
          title="Delete workspace"
          description="Deletes every project, item, gate and decision in this workspace, for every member. This cannot be undone."
          confirmation={workspace.slug}
          dialogTitle={`Delete ${workspace.name}?`}
          dialogDescription="All members lose access at once."
          onConfirm={() => api(base, { method: "DELETE" })}
          onDone={() => {
            router.push("/");
            router.refresh();
          }}
        />
      ) : null}
    </div>
  );
}
