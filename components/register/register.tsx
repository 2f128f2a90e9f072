"use client";

import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Inbox, SearchX } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { KIND_LABEL, SEVERITY_LABEL, STATUS_LABEL } from "@/components/items/format";
import { projectApi, useOwners, usePhases } from "@/components/items/use-project-data";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { api, ApiError } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import { useProjectEvents, type LiveState } from "@/lib/client/use-project-events";
import { ITEM_KINDS, ITEM_STATUSES, SEVERITIES, type ItemListDto } from "@/lib/validation/item";
import { BulkEditBar, type BulkSet } from "./bulk-edit-bar";
import { ColumnChooser } from "./column-chooser";
import { NewItemButton } from "./new-item-dialog";
import { BlockerFilter, CheckboxFilter, LabelFilter, SearchBox } from "./register-filters";
import {
  clearFilters,
  hasFilters,
  parseRefusals,
  parseRegisterQuery,
  serializeRegisterQuery,
  toApiQuery,
  toggleSort,
  UNASSIGNED,
  withCursor,
  type RegisterState,
} from "./register-query";
import { RegisterTableSkeleton } from "./register-skeleton";
import { RegisterTable } from "./register-table";
import { SavedViews } from "./saved-views";

interface Props {
  workspace: string;
  project: string;
  canEdit: boolean;
}

interface Selection {
  /** The API query the selection was made in; a new filter or sort starts a new selection. */
  query: string;
  keys: ReadonlySet<string>;
  /** The row last toggled, for shift-click ranges. */
  anchor: number | null;
}

const NO_KEYS: ReadonlySet<string> = new Set();
const MAX_KNOWN_LABELS = 200;

const LIVE_TEXT: Record<LiveState, string> = { connecting: "Connecting to live updates…", live: "Live", offline: "Live updates paused. Reload to see changes." };

function LiveIndicator({ state }: { state: LiveState }) {
  return (
    <span role="status" className="inline-flex items-center gap-1.5">
      <span aria-hidden className={cn("size-2 rounded-full", state === "live" ? "bg-emerald-500" : state === "connecting" ? "bg-amber-400" : "bg-zinc-400")} />
      {LIVE_TEXT[state]}
    </span>
  );
}

/** The issue register: filters, sort and columns from the URL; virtualised rows; bulk edit; saved views. */
export function Register({ workspace, project, canEdit }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const client = useQueryClient();
  const live = useProjectEvents(workspace, project);

  const search = searchParams.toString();
  const state = useMemo(() => parseRegisterQuery(search), [search]);
  const currentQuery = serializeRegisterQuery(state);

  const navigate = useCallback(
    (next: RegisterState, mode: "push" | "replace" = "push") => {
      const query = serializeRegisterQuery(next);
      router[mode](query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [pathname, router],
  );
  const update = (patch: Partial<RegisterState>, mode: "push" | "replace" = "push") => navigate({ ...state, ...patch }, mode);

  const base = projectApi(workspace, project);
  const apiQuery = toApiQuery(state);
  const items = useInfiniteQuery({
    // "register:" keeps these paged (infinite) entries apart from any plain list query on the same key space.
    queryKey: queryKeys.items(workspace, project, `register:${apiQuery}`),
    queryFn: ({ pageParam }) => api<ItemListDto>(`${base}/items?${withCursor(apiQuery, pageParam)}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = useMemo(() => items.data?.pages.flatMap((page) => page.data) ?? [], [items.data]);
  const total = items.data?.pages[0]?.total ?? 0;
  const knownLabels = useMemo(() => {
    const labels = new Set<string>();
    for (const row of rows) {
      for (const l of row.labels) labels.add(l);
      if (labels.size >= MAX_KNOWN_LABELS) break;
    }
    return [...labels].sort((a, b) => a.localeCompare(b));
  }, [rows]);

  const phases = usePhases(workspace, project);
  const owners = useOwners(workspace);
  const phaseOptions = [{ value: UNASSIGNED, label: "No phase" }, ...(phases.data ?? []).map((p) => ({ value: p.id, label: p.name }))];
  const ownerOptions = [{ value: UNASSIGNED, label: "Unassigned" }, ...(owners.data ?? []).map((o) => ({ value: o.id, label: o.name }))];

  // Selection (editors only), keyed by item key; only loaded rows count.
  const [selection, setSelection] = useState<Selection>({ query: apiQuery, keys: NO_KEYS, anchor: null });
  const [notice, setNotice] = useState<string | null>(null);
  const selected = selection.query === apiQuery ? selection.keys : NO_KEYS;
  const selectedKeys = useMemo(() => rows.filter((r) => selected.has(r.key)).map((r) => r.key), [rows, selected]);

  const bulk = useMutation({
    mutationFn: (body: { keys: string[]; set: BulkSet }) => api<{ updated: number }>(`${base}/items/bulk`, { method: "POST", body }),
    onSuccess: (result) => {
      setNotice(`Updated ${result.updated} ${result.updated === 1 ? "item" : "items"}.`);
      setSelection({ query: apiQuery, keys: NO_KEYS, anchor: null });
      return client.invalidateQueries({ queryKey: queryKeys.allItems(workspace, project) });
    },
  });
  // Refusals belong to the selection they were made for.
  const sameSelection = selection.query === apiQuery;
  const refusals = useMemo(() => (sameSelection && bulk.error instanceof ApiError ? parseRefusals(bulk.error.details) : []), [sameSelection, bulk.error]);
  const refusalMap = useMemo(() => new Map(refusals.map((r) => [r.key, r.reason])), [refusals]);

  const startSelecting = () => {
    if (!bulk.isPending) bulk.reset();
    setNotice(null);
  };

  const toggleRow = (index: number, range: boolean) => {
    const item = rows[index];
    if (!item) return;
    startSelecting();
    setSelection((prev) => {
      const same = prev.query === apiQuery;
      const keys = new Set(same ? prev.keys : NO_KEYS);
      const on = !keys.has(item.key);
      const anchor = same ? prev.anchor : null;
      const [from, to] = range && anchor !== null ? [Math.min(anchor, index), Math.max(anchor, index)] : [index, index];
      for (let i = from; i <= to; i++) {
        const key = rows[i]?.key;
        if (!key) continue;
        if (on) keys.add(key);
        else keys.delete(key);
      }
      return { query: apiQuery, keys, anchor: index };
    });
  };

  const toggleAll = () => {
    startSelecting();
    const all = rows.length > 0 && selectedKeys.length === rows.length;
    setSelection({ query: apiQuery, keys: all ? NO_KEYS : new Set(rows.map((r) => r.key)), anchor: null });
  };

  const clearSelection = () => {
    startSelecting();
    setSelection({ query: apiQuery, keys: NO_KEYS, anchor: null });
  };

  const filtered = hasFilters(state);
  const { fetchNextPage } = items;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  let body: React.ReactNode;
  if (items.isPending) {
    body = <RegisterTableSkeleton />;
  } else if (items.isError && !items.data) {
    const error = items.error instanceof ApiError ? items.error : null;
    body = (
      <div className="space-y-3 rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
        <Alert title="The register could not be loaded." requestId={error && error.status >= 500 ? error.requestId : undefined}>
          {error ? error.message : "Something went wrong. Try again."}
        </Alert>
        <Button variant="secondary" pending={items.isFetching} onClick={() => void items.refetch()}>Retry</Button>
      </div>
    );
  } else if (rows.length === 0) {
    body = (
      <div className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        {filtered ? (
          <EmptyState
            icon={SearchX}
            title="No items match"
            description="Nothing in the register matches these filters and this search."
            action={<Button variant="secondary" onClick={() => navigate(clearFilters(state))}>Clear filters</Button>}
          />
        ) : (
          <EmptyState
            icon={Inbox}
            title="No items yet"
            description={canEdit ? "Add the first finding, task, deliverable or risk, or import a plan." : "Items appear here once the team adds them."}
            action={canEdit ? <NewItemButton workspace={workspace} project={project} /> : undefined}
          />
        )}
      </div>
    );
  } else {
    body = (
      <RegisterTable
        key={apiQuery}
        workspace={workspace}
        project={project}
        rows={rows}
        total={total}
        cols={state.cols}
        sort={state.sort}
        onSort={(field) => update({ sort: toggleSort(state.sort, field) })}
        selectable={canEdit}
        selected={selected}
        onToggle={toggleRow}
        onToggleAll={toggleAll}
        refusals={refusalMap}
        hasNextPage={items.hasNextPage}
        isFetchingNextPage={items.isFetchingNextPage}
        nextPageFailed={items.isFetchNextPageError}
        fetchNextPage={loadMore}
      />
    );
  }

  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <SearchBox value={state.q} onCommit={(q) => update({ q }, "replace")} />
        <CheckboxFilter label="Severity" options={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABEL[s] }))} selected={state.severity} onChange={(severity) => update({ severity })} />
        <CheckboxFilter label="Status" options={ITEM_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))} selected={state.status} onChange={(status) => update({ status })} />
        <CheckboxFilter label="Phase" options={phaseOptions} selected={state.phase} onChange={(phase) => update({ phase })} />
        <CheckboxFilter label="Owner" options={ownerOptions} selected={state.owner} onChange={(owner) => update({ owner })} />
        <CheckboxFilter label="Kind" options={ITEM_KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))} selected={state.kind} onChange={(kind) => update({ kind })} />
        <LabelFilter selected={state.label} known={knownLabels} onChange={(label) => update({ label })} />
        <BlockerFilter value={state.blocker} onChange={(blocker) => update({ blocker })} />
        {filtered ? (
          <Button variant="ghost" size="sm" onClick={() => navigate(clearFilters(state))}>
            Clear filters
          </Button>
        ) : null}
        <div className="ml-auto flex flex-wrap gap-2">
          <ColumnChooser cols={state.cols} onChange={(cols) => update({ cols }, "replace")} />
          <SavedViews workspace={workspace} project={project} current={currentQuery} onApply={(query) => navigate(parseRegisterQuery(query))} />
          {canEdit ? <NewItemButton workspace={workspace} project={project} /> : null}
        </div>
      </div>

      <div className="mb-2 flex flex-wrap items-center justify-between gap-2 text-xs text-zinc-500 dark:text-zinc-400">
        <p aria-live="polite">
          {items.isPending
            ? "Loading items…"
            : items.data
              ? `${total} ${total === 1 ? "item" : "items"}${filtered ? " match" : ""}${rows.length < total ? ` · ${rows.length} loaded` : ""}${items.isPlaceholderData ? " · updating…" : ""}`
              : null}
        </p>
        <LiveIndicator state={live} />
      </div>

      {notice ? (
        <Alert tone="success" className="mb-3">{notice}</Alert>
      ) : null}
      {items.isRefetchError && items.data ? (
        <Alert className="mb-3" title="The register could not be refreshed.">
          Showing what was loaded before.{" "}
          <button type="button" className="font-medium underline underline-offset-2" onClick={() => void items.refetch()}>Retry</button>
        </Alert>
      ) : null}

      {canEdit && selectedKeys.length > 0 ? (
        <BulkEditBar
          workspace={workspace}
          project={project}
          count={selectedKeys.length}
          phases={phases.data ?? []}
          owners={owners.data ?? []}
          pending={bulk.isPending}
          error={refusals.length ? null : bulk.error}
          refusals={refusals}
          onApply={(set) => {
            setNotice(null);
            bulk.mutate({ keys: selectedKeys, set });
          }}
          onClear={clearSelection}
        />
      ) : null}

      {body}
    </div>
  );
}
