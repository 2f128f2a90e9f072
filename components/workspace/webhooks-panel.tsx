"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ChevronDown, ChevronRight, Webhook as WebhookIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatDateTime, formatRelative } from "@/components/items/format";
import { useNow } from "@/components/items/use-now";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { api, ApiError } from "@/lib/client/api";

export interface WebhookRow {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  failureCount: number;
}

interface Attempt {
  attempt: number;
  responseStatus: number | null;
  durationMs: number;
  responseExcerpt: string | null;
  error: string | null;
  createdAt: string;
}

interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  status: "pending" | "succeeded" | "failed";
  attempts: Attempt[];
  deliveredAt: string | null;
  createdAt: string;
}

const STATUS_TONE = { pending: "neutral", succeeded: "green", failed: "red" } as const;
const STATUS_LABEL = { pending: "Pending", succeeded: "Delivered", failed: "Failed" } as const;

export function WebhooksPanel({ workspace, webhooks, events }: { workspace: string; webhooks: WebhookRow[]; events: { type: string; description: string }[] }) {
  const router = useRouter();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [chosen, setChosen] = useState<string[]>(events.map((e) => e.type));
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const create = useMutation({
    mutationFn: () => api<{ url: string; secret: string }>(`/api/v1/workspaces/${workspace}/webhooks`, { method: "POST", body: { url, description, events: chosen } }),
    onSuccess: (hook) => {
      setCreated({ url: hook.url, secret: hook.secret });
      setUrl("");
      setDescription("");
      router.refresh();
    },
  });
  const error = create.error instanceof ApiError ? create.error : null;
  const autoDisabled = webhooks.filter((w) => !w.enabled && w.failureCount > 0);

  return (
    <div className="space-y-6">
      {autoDisabled.length > 0 ? (
        <Alert title={autoDisabled.length === 1 ? "An endpoint was disabled after repeated failed deliveries" : `${autoDisabled.length} endpoints were disabled after repeated failed deliveries`}>
          Events for {autoDisabled.length === 1 ? "it are" : "them are"} no longer sent. Check the delivery log, fix the receiver, send a test event, then enable it again.
        </Alert>
      ) : null}
      <Card>
        <CardHeader title="Add an endpoint" description="Readyroom POSTs each event as JSON, signed per Standard Webhooks with the endpoint's secret. Failed deliveries are retried with backoff for about half an hour." />
        <form
          className="space-y-4 p-5"
          onSubmit={(event) => {
            event.preventDefault();
            setCreated(null);
            if (!create.isPending) create.mutate();
          }}
        >
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Endpoint URL" error={error?.fieldError("url")}>
              {(p) => <input {...p} type="url" className={inputClass} value={url} required maxLength={2000} placeholder="https://hooks.example.com/readyroom" onChange={(e) => setUrl(e.target.value)} />}
            </Field>
            <Field label="Description (optional)" error={error?.fieldError("description")}>
              {(p) => <input {...p} className={inputClass} value={description} maxLength={500} placeholder="Release bot in #launch" onChange={(e) => setDescription(e.target.value)} />}
            </Field>
          </div>
          <fieldset>
            <legend className="text-sm font-medium">Events</legend>
            <div className="mt-2 grid gap-2 sm:grid-cols-2">
              {events.map((event) => (
                <label key={event.type} className="flex items-start gap-2 rounded-md border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800">
                  <input
                    type="checkbox"
                    className="mt-0.5"
                    checked={chosen.includes(event.type)}
                    onChange={(e) => setChosen((list) => (e.target.checked ? [...list, event.type] : list.filter((t) => t !== event.type)))}
                  />
                  <span>
                    <span className="font-mono text-xs font-medium">{event.type}</span>
                    <span className="block text-xs text-zinc-500 dark:text-zinc-400">{event.description}</span>
                  </span>
                </label>
              ))}
            </div>
            {error?.fieldError("events") ? <p className="mt-1 text-xs text-red-600 dark:text-red-400">Events {error.fieldError("events")}</p> : null}
          </fieldset>
          <FormError error={create.error} fields={["url", "description", "events"]} />
          {created ? (
            <OneTimeSecret
              title={`Endpoint ${created.url} added`}
              hint="This is its signing secret. Copy it into the receiver now: Readyroom cannot show it again."
              value={created.secret}
              copyLabel="Copy secret"
              testId="webhook-secret"
            />
          ) : null}
          <div className="flex justify-end">
            <Button type="submit" pending={create.isPending} disabled={chosen.length === 0}>
              Add endpoint
            </Button>
          </div>
        </form>
      </Card>

      <Card>
        <CardHeader title="Endpoints" />
        {webhooks.length === 0 ? (
          <EmptyState icon={WebhookIcon} title="No endpoints" description="Add one to tell chat, a deploy pipeline or a tracker when a gate changes or a decision is recorded." />
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {webhooks.map((hook) => (
              <EndpointRow key={hook.id} workspace={workspace} hook={hook} />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

function EndpointRow({ workspace, hook }: { workspace: string; hook: WebhookRow }) {
  const router = useRouter();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const path = `/api/v1/workspaces/${workspace}/webhooks/${hook.id}`;
  const deliveriesKey = ["webhook-deliveries", workspace, hook.id];
  const test = useMutation({
    mutationFn: () => api(`${path}/test`, { method: "POST" }),
    onSuccess: () => {
      setOpen(true);
      void client.invalidateQueries({ queryKey: deliveriesKey });
    },
  });
  const toggle = useMutation({ mutationFn: () => api(path, { method: "PATCH", body: { enabled: !hook.enabled } }), onSuccess: () => router.refresh() });
  const remove = useMutation({ mutationFn: () => api(path, { method: "DELETE" }), onSuccess: () => router.refresh() });

  return (
    <li className="px-5 py-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <span className="break-all font-mono text-sm font-medium">{hook.url}</span>
            {hook.enabled ? <Badge tone="green">Active</Badge> : <Badge tone="red">Disabled</Badge>}
          </div>
          {hook.description ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{hook.description}</p> : null}
          <div className="flex flex-wrap gap-1">
            {hook.events.map((event) => (
              <Badge key={event} className="font-mono">{event}</Badge>
            ))}
          </div>
          {!hook.enabled && hook.disabledReason ? <p className="text-xs text-red-700 dark:text-red-400">{hook.disabledReason}</p> : null}
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" size="sm" pending={test.isPending} onClick={() => test.mutate()}>
            Send test event
          </Button>
          <Button variant="secondary" size="sm" pending={toggle.isPending} onClick={() => toggle.mutate()}>
            {hook.enabled ? "Disable" : "Enable"}
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setConfirmDelete(true)}>
            Delete
          </Button>
        </div>
      </div>
      <div className="mt-2 space-y-2">
        <FormError error={test.error ?? toggle.error} />
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setOpen((v) => !v)}
          className="inline-flex items-center gap-1 text-sm font-medium text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
        >
          {open ? <ChevronDown aria-hidden className="size-4" /> : <ChevronRight aria-hidden className="size-4" />}
          Recent deliveries
        </button>
        {open ? <DeliveryLog path={path} queryKey={deliveriesKey} enabled={hook.enabled} /> : null}
      </div>
      <Dialog open={confirmDelete} onClose={() => setConfirmDelete(false)} title="Delete this endpoint?" description={`${hook.url} stops receiving events, and its delivery log is deleted.`}>
        <div className="space-y-4">
          <FormError error={remove.error} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setConfirmDelete(false)}>
              Cancel
            </Button>
            <Button variant="danger" pending={remove.isPending} onClick={() => remove.mutate()}>
              Delete endpoint
            </Button>
          </div>
        </div>
      </Dialog>
    </li>
  );
}

function DeliveryLog({ path, queryKey, enabled }: { path: string; queryKey: string[]; enabled: boolean }) {
  const client = useQueryClient();
  const now = useNow(10_000);
  const deliveries = useQuery({
    queryKey,
    queryFn: () => api<{ data: Delivery[] }>(`${path}/deliveries`).then((r) => r.data),
    // While something is still being attempted, watch it land.
    refetchInterval: (query) => (query.state.data?.some((d) => d.status === "pending") ? 1500 : false),
  });
  const resend = useMutation({
    mutationFn: (id: string) => api(`${path}/deliveries/${id}/resend`, { method: "POST" }),
    onSuccess: () => void client.invalidateQueries({ queryKey }),
  });

  if (deliveries.isPending) {
    return (
      <div className="space-y-2" aria-label="Loading deliveries">
        <Skeleton className="h-9 w-full" />
        <Skeleton className="h-9 w-full" />
      </div>
    );
  }
  if (deliveries.isError) return <QueryError title="Could not load the deliveries" error={deliveries.error} isFetching={deliveries.isFetching} onRetry={() => void deliveries.refetch()} />;
  if (deliveries.data.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">Nothing sent yet. Send a test event to check the receiver.</p>;
  return (
    <div className="space-y-2">
      <FormError error={resend.error} />
      <ul className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" aria-label="Deliveries">
        {deliveries.data.map((delivery) => {
          const last = delivery.attempts.at(-1);
          return (
            <li key={delivery.id} className="px-3 py-2 text-sm">
              <details className="group">
                <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-3 gap-y-1">
                  <Badge tone={STATUS_TONE[delivery.status]}>{STATUS_LABEL[delivery.status]}</Badge>
                  <span className="font-mono text-xs font-medium">{delivery.eventType}</span>
                  <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
                    {last ? `${last.responseStatus ?? "no response"} · ${last.durationMs} ms · ` : ""}
                    {delivery.attempts.length} {delivery.attempts.length === 1 ? "attempt" : "attempts"}
                  </span>
                  <span className="ml-auto text-xs text-zinc-500 dark:text-zinc-400" title={formatDateTime(delivery.createdAt)}>
                    {formatRelative(delivery.createdAt, now)}
                  </span>
                </summary>
                <div className="mt-2 space-y-2">
                  <p className="font-mono text-xs text-zinc-500 dark:text-zinc-400">webhook-id: {delivery.eventId}</p>
                  {delivery.attempts.length === 0 ? <p className="text-xs text-zinc-500 dark:text-zinc-400">Queued; the first attempt is on its way.</p> : null}
                  <ol className="space-y-1.5">
                    {delivery.attempts.map((attempt) => (
                      <li key={attempt.attempt} className="rounded-md bg-zinc-50 px-2.5 py-1.5 text-xs dark:bg-zinc-800/60">
                        <p className="font-medium tabular-nums">
                          Attempt {attempt.attempt} · {attempt.responseStatus ? `HTTP ${attempt.responseStatus}` : "no response"} · {attempt.durationMs} ms · {formatDateTime(attempt.createdAt)}
                        </p>
                        {attempt.error && !attempt.responseStatus ? <p className="text-red-700 dark:text-red-400">{attempt.error}</p> : null}
                        {attempt.responseExcerpt ? <pre className="mt-1 max-h-32 overflow-auto whitespace-pre-wrap break-all font-mono text-zinc-600 dark:text-zinc-400">{attempt.responseExcerpt}</pre> : null}
                      </li>
                    ))}
                  </ol>
                  {delivery.status !== "pending" && (enabled || delivery.eventType === "webhook.test") ? (
                    <div className="flex justify-end">
                      <Button variant="secondary" size="sm" pending={resend.isPending && resend.variables === delivery.id} onClick={() => resend.mutate(delivery.id)}>
                        Resend
                      </Button>
                    </div>
                  ) : null}
                </div>
              </details>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
