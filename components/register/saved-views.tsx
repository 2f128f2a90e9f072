"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bookmark, Check, Trash, Users } from "lucide-react";
import { useState } from "react";
import { projectApi } from "@/components/items/use-project-data";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { api, ApiError } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import { Popover } from "./popover";
import { sameView } from "./register-query";

export interface SavedView {
  id: string;
  name: string;
  surface: string;
  query: string;
  shared: boolean;
  mine: boolean;
}

const MAX_QUERY = 2000;

interface Props {
  workspace: string;
  project: string;
  /** The current view's URL query (without "?"). */
  current: string;
  onApply: (query: string) => void;
}

/** Saved register views: personal or shared with the workspace; apply, save the current one, delete your own. */
export function SavedViews({ workspace, project, current, onApply }: Props) {
  const client = useQueryClient();
  const key = queryKeys.views(workspace, project, "register");
  const base = `${projectApi(workspace, project)}/views`;
  const views = useQuery({ queryKey: key, queryFn: () => api<{ data: SavedView[] }>(`${base}?surface=register`) });
  const list = views.data?.data ?? [];
  const active = list.find((v) => sameView(v.query, current));

  const [name, setName] = useState("");
  const [shared, setShared] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: () => api<SavedView>(base, { method: "POST", body: { name: name.trim(), surface: "register", query: current, shared } }),
    onSuccess: () => {
      setName("");
      setShared(false);
      return client.invalidateQueries({ queryKey: key });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`${base}/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => {
      setConfirming(null);
      return client.invalidateQueries({ queryKey: key });
    },
  });
  const saveError = save.error instanceof ApiError ? save.error : null;
  const tooLong = current.length > MAX_QUERY;

  const groups = [
    { title: "Your views", views: list.filter((v) => v.mine && !v.shared) },
    { title: "Shared with the workspace", views: list.filter((v) => v.shared) },
  ];

  return (
    <Popover
      label={active ? `View: ${active.name}` : "Views"}
      icon={<Bookmark aria-hidden className="size-4" />}
      align="end"
      active={Boolean(active)}
      panelClassName="w-80"
    >
      {(close) => (
        <div className="space-y-4">
          {views.isPending ? <p className="text-zinc-500 dark:text-zinc-400">Loading views…</p> : null}
          {views.isError ? (
            <div className="space-y-2">
              <FormError error={views.error} />
              <Button variant="secondary" size="sm" onClick={() => void views.refetch()}>Retry</Button>
            </div>
          ) : null}
          {views.isSuccess && list.length === 0 ? <p className="text-zinc-500 dark:text-zinc-400">No saved views yet. Set filters, sort and columns, then save them here.</p> : null}
          {groups.map((group) =>
            group.views.length ? (
              <section key={group.title} aria-label={group.title}>
                <h3 className="mb-1 text-xs font-medium text-zinc-500 dark:text-zinc-400">{group.title}</h3>
                <ul className="space-y-0.5">
                  {group.views.map((view) => {
                    const isActive = view.id === active?.id;
                    return (
                      <li key={view.id} className="flex items-center gap-1">
                        <button
                          type="button"
                          aria-current={isActive ? "true" : undefined}
                          onClick={() => {
                            onApply(view.query);
                            close();
                          }}
                          className={cn(
                            "flex min-w-0 flex-1 items-center gap-2 rounded px-1.5 py-1 text-left hover:bg-zinc-100 dark:hover:bg-zinc-800",
                            isActive && "font-medium text-brand-700 dark:text-brand-100",
                          )}
                        >
                          {isActive ? <Check aria-hidden className="size-4 shrink-0" /> : <span aria-hidden className="size-4 shrink-0" />}
                          <span className="truncate">{view.name}</span>
                          {view.shared && view.mine ? <Badge className="ml-auto shrink-0">yours</Badge> : null}
                        </button>
                        {view.mine ? (
                          confirming === view.id ? (
                            <Button variant="danger" size="sm" pending={remove.isPending && remove.variables === view.id} onClick={() => remove.mutate(view.id)} aria-label={`Confirm deleting view ${view.name}`}>
                              Delete
                            </Button>
                          ) : (
                            <button
                              type="button"
                              className="rounded p-1.5 text-zinc-500 hover:bg-zinc-100 hover:text-red-600 dark:hover:bg-zinc-800"
                              aria-label={`Delete view ${view.name}`}
                              onClick={() => {
                                remove.reset();
                                setConfirming(view.id);
                              }}
                            >
                              <Trash aria-hidden className="size-4" />
                            </button>
                          )
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              </section>
            ) : null,
          )}
          <FormError error={remove.error} />

          <form
            className="space-y-2 border-t border-zinc-200 pt-3 dark:border-zinc-800"
            onSubmit={(event) => {
              event.preventDefault();
              if (!save.isPending && !tooLong) save.mutate();
            }}
          >
            <Field label="Save the current view as" error={saveError?.fieldError("name")}>
              {(p) => <input {...p} className={`${inputClass} h-8 py-1`} value={name} required maxLength={80} placeholder="e.g. Open criticals by owner" onChange={(e) => setName(e.target.value)} />}
            </Field>
            <label className="flex items-center gap-2">
              <input type="checkbox" className="size-4 accent-brand-600" checked={shared} onChange={(e) => setShared(e.target.checked)} />
              <Users aria-hidden className="size-4 text-zinc-500" /> Share with the workspace
            </label>
            {tooLong ? <p className="text-xs text-red-600 dark:text-red-400">This view has too many filters to save ({current.length} of {MAX_QUERY} characters). Remove some and try again.</p> : null}
            <FormError error={save.error} fields={["name"]} />
            {save.isSuccess ? <p role="status" className="text-xs text-emerald-700 dark:text-emerald-400">Saved “{save.data.name}”.</p> : null}
            <Button type="submit" size="sm" className="w-full" pending={save.isPending} disabled={!name.trim() || tooLong}>
              Save view
            </Button>
          </form>
        </div>
      )}
    </Popover>
  );
}
