"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ExternalLink, Globe } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { api, ApiError } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import { PUBLIC_SECTIONS, type PublicSection, type PublicSettingsOutput, SECTION_LABELS } from "@/lib/validation/public-status";

interface Props {
  workspace: string;
  project: { slug: string; name: string };
  /** Where this deployment is reached, for the snippets. */
  origin: string;
  canPublish: boolean;
}

interface Draft {
  enabled: boolean;
  slug: string;
  show: Record<PublicSection, boolean>;
  origins: string;
}

const toDraft = (s: PublicSettingsOutput, fallbackSlug: string): Draft => ({ enabled: s.enabled, slug: s.slug ?? fallbackSlug, show: s.show, origins: s.embedOrigins.join("\n") });
const sameDraft = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);

function Snippet({ label, value }: { label: string; value: string }) {
  return (
    <div className="space-y-1.5">
      <div className="flex items-center justify-between gap-3">
        <span className="text-sm font-medium text-zinc-800 dark:text-zinc-200">{label}</span>
        <CopyButton value={value} />
      </div>
      <pre tabIndex={0} className="overflow-x-auto rounded-md bg-zinc-50 p-3 text-xs text-zinc-800 dark:bg-zinc-950 dark:text-zinc-200">{value}</pre>
    </div>
  );
}

function PublicStatusForm({ workspace, project, origin, canPublish, saved }: Props & { saved: PublicSettingsOutput }) {
  const client = useQueryClient();
  const initial = toDraft(saved, project.slug);
  const [draft, setDraft] = useState<Draft>(initial);
  const [done, setDone] = useState(false);
  const url = `/api/v1/workspaces/${workspace}/projects/${project.slug}/public-status`;
  const save = useMutation({
    mutationFn: (d: Draft) =>
      api<PublicSettingsOutput>(url, { method: "PUT", body: { enabled: d.enabled, slug: d.slug, show: d.show, embedOrigins: d.origins.split(/\s+/).filter(Boolean) } }),
    onSuccess: (next) => {
      client.setQueryData([...queryKeys.project(workspace, project.slug), "public-status"], next);
      setDraft(toDraft(next, project.slug));
      setDone(true);
    },
  });
  const error = save.error instanceof ApiError ? save.error : null;
  const dirty = !sameDraft(draft, initial);
  const originsError = error?.fieldError("embedOrigins") ?? (Array.isArray(error?.details) ? (error.details as { path?: string; message?: string }[]).find((d) => d.path?.startsWith("embedOrigins."))?.message : undefined);
  const live = saved.enabled && saved.slug;
  const pageUrl = `${origin}/status/${saved.slug}`;
  const set = (patch: Partial<Draft>) => {
    setDone(false);
    setDraft((d) => ({ ...d, ...patch }));
  };

  return (
    <div className="space-y-6">
      <form
        className="space-y-5 p-5"
        onSubmit={(event) => {
          event.preventDefault();
          if (!save.isPending && canPublish) save.mutate(draft);
        }}
      >
        {!canPublish ? <Alert>Only owners and admins publish a project. You can read the settings.</Alert> : null}
        <FormError error={save.error} fields={["slug", "embedOrigins", ...PUBLIC_SECTIONS.map((s) => `show.${s}`)]} />
        {done && !dirty ? <Alert tone="success">Saved. Public pages show the change within 30 seconds.</Alert> : null}
        <label className="flex items-start gap-3">
          <input type="checkbox" className="mt-1 size-4" checked={draft.enabled} disabled={!canPublish} onChange={(e) => set({ enabled: e.target.checked })} />
          <span>
            <span className="block text-sm font-medium">Publish this project&apos;s release status</span>
            <span className="block text-sm text-zinc-500 dark:text-zinc-400">Anyone with the address can read what you choose below. Descriptions, evidence, comments and owners are never shown.</span>
          </span>
        </label>
        <Field label="Public address" hint={`${origin}/status/${draft.slug || "…"}`} error={error?.fieldError("slug")}>
          {(p) => <input {...p} className={inputClass} value={draft.slug} required maxLength={40} disabled={!canPublish} onChange={(e) => set({ slug: e.target.value })} />}
        </Field>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">What the public pages show</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {PUBLIC_SECTIONS.map((section) => (
              <label key={section} className="flex items-center gap-2 text-sm">
                <input type="checkbox" className="size-4" checked={draft.show[section]} disabled={!canPublish} onChange={(e) => set({ show: { ...draft.show, [section]: e.target.checked } })} />
                {SECTION_LABELS[section]}
              </label>
            ))}
          </div>
        </fieldset>
        <Field label="Sites that may embed the widget" hint="One origin per line, such as https://intranet.example.com. No other site can frame it." error={originsError}>
          {(p) => <textarea {...p} className={`${inputClass} font-mono text-xs`} rows={3} value={draft.origins} disabled={!canPublish} placeholder="https://intranet.example.com" onChange={(e) => set({ origins: e.target.value })} />}
        </Field>
        {canPublish ? (
          <div className="flex justify-end">
            <Button type="submit" pending={save.isPending} disabled={!dirty}>
              Save public status
            </Button>
          </div>
        ) : null}
      </form>

      {live ? (
        <div className="space-y-4 border-t border-zinc-200 p-5 dark:border-zinc-800">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h3 className="text-sm font-semibold">Share and embed</h3>
            <a href={pageUrl} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1 text-sm font-medium text-brand-600 hover:underline dark:text-brand-100">
              Open the public page <ExternalLink aria-hidden className="size-3.5" />
            </a>
          </div>
          <Snippet label="Status page" value={pageUrl} />
          <Snippet
            label="Embed (iframe)"
            value={`<iframe src="${origin}/embed/${saved.slug}?sections=decision,phases" title="${project.name} release status" width="420" height="260" style="border:0" loading="lazy"></iframe>`}
          />
          <Snippet label="Badge (Markdown)" value={`[![release](${origin}/badge/${saved.slug}.svg)](${pageUrl})`} />
          <Snippet label="JSON (Statuspage-style summary)" value={`${origin}/api/public/v1/status/${saved.slug}/summary.json`} />
          <Snippet label="shields.io endpoint" value={`https://img.shields.io/endpoint?url=${encodeURIComponent(`${origin}/api/public/v1/status/${saved.slug}/shields.json`)}`} />
        </div>
      ) : null}
    </div>
  );
}

/** Project settings: the public status page, badge and embed. */
export function PublicStatusSettings(props: Props) {
  const { workspace, project } = props;
  const settings = useQuery({
    queryKey: [...queryKeys.project(workspace, project.slug), "public-status"],
    queryFn: () => api<PublicSettingsOutput>(`/api/v1/workspaces/${workspace}/projects/${project.slug}/public-status`),
  });
  return (
    <Card>
      <CardHeader
        title="Public status page"
        description="A read-only page, a badge and an embeddable widget with this project's Go / No-Go, for people outside the workspace."
        actions={settings.data ? <Badge tone={settings.data.enabled ? "green" : "neutral"}>{settings.data.enabled ? "Published" : "Not published"}</Badge> : <Globe aria-hidden className="size-5 text-zinc-400" />}
      />
      {settings.isPending ? (
        <div className="space-y-3 p-5" aria-busy="true">
          <Skeleton className="h-5 w-2/3" />
          <Skeleton className="h-9 w-full" />
          <Skeleton className="h-20 w-full" />
        </div>
      ) : settings.data ? (
        <PublicStatusForm {...props} saved={settings.data} />
      ) : (
        <div className="p-5">
          <QueryError title="The public status settings could not be loaded." error={settings.error} isFetching={settings.isFetching} onRetry={() => void settings.refetch()} />
        </div>
      )}
    </Card>
  );
}
