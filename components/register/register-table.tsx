"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { AlertCircle, ArrowDown, ArrowUp, ChevronsUpDown } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { formatDateTime, formatDay, formatRelative, isOverdue, KIND_LABEL } from "@/components/items/format";
import { BlockerBadge, StatusBadge } from "@/components/items/status-badge";
import { itemHref } from "@/components/items/use-project-data";
import { SeverityBadge } from "@/components/projects/severity";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ItemDto } from "@/lib/validation/item";
import { ariaSort, columnDef, type ColumnId, type RegisterSort, type SortField } from "./register-query";

const ROW_HEIGHT = 44;
const CHECKBOX_WIDTH = 44;
/** Start loading the next page this many rows before the end. */
const PREFETCH_ROWS = 40;

interface Props {
  workspace: string;
  project: string;
  rows: ItemDto[];
  total: number;
  cols: ColumnId[];
  sort: RegisterSort;
  onSort: (field: SortField) => void;
  selectable: boolean;
  selected: ReadonlySet<string>;
  onToggle: (index: number, range: boolean) => void;
  onToggleAll: () => void;
  refusals: ReadonlyMap<string, string>;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  nextPageFailed: boolean;
  fetchNextPage: () => void;
}

function None({ label }: { label: string }) {
  return (
    <span className="text-zinc-400 dark:text-zinc-600">
      <span aria-hidden>—</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}

function Cell({ column, item, workspace, project, now }: { column: ColumnId; item: ItemDto; workspace: string; project: string; now: number }) {
  switch (column) {
    case "key":
      return <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{item.key}</span>;
    case "title":
      return (
        <Link href={itemHref(workspace, project, item.key)} className="block truncate font-medium hover:text-brand-600 hover:underline dark:hover:text-brand-100" title={item.title}>
          {item.title}
        </Link>
      );
    case "severity":
      return <SeverityBadge severity={item.severity} />;
    case "status":
      return <StatusBadge status={item.status} />;
    case "kind":
      return <>{KIND_LABEL[item.kind]}</>;
    case "phase":
      return item.phase ? <span title={item.phase.name}>{item.phase.name}</span> : <None label="No phase" />;
    case "owner":
      return item.owner ? <span title={item.owner.name}>{item.owner.name}</span> : <None label="Unassigned" />;
    case "effort":
      return item.effort ? <span title={item.effort}>{item.effort}</span> : <None label="No estimate" />;
    case "dueDate": {
      if (!item.dueDate) return <None label="No due date" />;
      const overdue = isOverdue(item.dueDate, item.status, now);
      return (
        <time dateTime={item.dueDate} className={cn(overdue && "font-medium text-red-600 dark:text-red-400")}>
          {formatDay(item.dueDate)}
          {overdue ? <span className="sr-only"> (overdue)</span> : null}
        </time>
      );
    }
    case "labels":
      return item.labels.length ? (
        <span className="flex gap-1 overflow-hidden" title={item.labels.join(", ")}>
          {item.labels.map((l) => (
            <span key={l} className="shrink-0 rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">{l}</span>
          ))}
        </span>
      ) : (
        <None label="No labels" />
      );
    case "blocker":
      return item.blocker ? <BlockerBadge /> : <None label="Not a blocker" />;
    case "updatedAt":
      return (
        <time dateTime={item.updatedAt} title={formatDateTime(item.updatedAt)} className="text-zinc-500 dark:text-zinc-400">
          {formatRelative(item.updatedAt, now)}
        </time>
      );
  }
}

function SortIcon({ state }: { state: "ascending" | "descending" | "none" }) {
  if (state === "ascending") return <ArrowUp aria-hidden className="size-3.5" />;
  if (state === "descending") return <ArrowDown aria-hidden className="size-3.5" />;
  return <ChevronsUpDown aria-hidden className="size-3.5 opacity-0 group-hover:opacity-60 group-focus-visible:opacity-60" />;
}

/**
 * The register as a real table whose rows are virtualised: only the rows in
 * view (and a few around them) are in the DOM, with spacer rows above and
 * below, so thousands of items scroll smoothly. Pages load as the end nears.
 */
export function RegisterTable(props: Props) {
  const { workspace, project, rows, total, cols, sort, onSort, selectable, selected, onToggle, onToggleAll, refusals, hasNextPage, isFetchingNextPage, nextPageFailed, fetchNextPage } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [now] = useState(() => Date.now());
  const count = rows.length + (hasNextPage ? 1 : 0);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render on purpose; this component is not memoised.
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Rows render before the container is measured (and on the server).
    initialRect: { width: 1024, height: 720 },
    getItemKey: (index) => rows[index]?.id ?? "next-page",
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastIndex = virtualRows.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !nextPageFailed && lastIndex >= rows.length - PREFETCH_ROWS) fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, nextPageFailed, lastIndex, rows.length, fetchNextPage]);

  const paddingTop = virtualRows[0]?.start ?? 0;
  const paddingBottom = virtualRows.length ? virtualizer.getTotalSize() - (virtualRows.at(-1)?.end ?? 0) : 0;
  const columnCount = cols.length + (selectable ? 1 : 0);
  const minWidth = cols.reduce((sum, c) => sum + columnDef(c).width, selectable ? CHECKBOX_WIDTH : 0);

  const selectedLoaded = selectable ? rows.filter((r) => selected.has(r.key)).length : 0;
  const allSelected = rows.length > 0 && selectedLoaded === rows.length;
  const someSelected = selectedLoaded > 0 && !allSelected;

  return (
    <div ref={scrollRef} className="relative max-h-[max(20rem,calc(100dvh-16rem))] overflow-auto rounded-lg border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full table-fixed border-separate border-spacing-0 text-left text-sm" style={{ minWidth }} aria-rowcount={total + 1} aria-label="Items">
        <colgroup>
          {selectable ? <col style={{ width: CHECKBOX_WIDTH }} /> : null}
          {cols.map((c) => (
            <col key={c} style={c === "title" ? undefined : { width: columnDef(c).width }} />
          ))}
        </colgroup>
        <thead className="sticky top-0 z-10 bg-zinc-50 text-xs text-zinc-500 dark:bg-zinc-950 dark:text-zinc-400">
          <tr aria-rowindex={1}>
            {selectable ? (
              <th scope="col" className="border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
                <input
                  type="checkbox"
                  className="size-4 align-middle accent-brand-600"
                  aria-label={hasNextPage ? `Select all ${rows.length} loaded items` : "Select all items"}
                  checked={allSelected}
                  ref={(el) => {
                    if (el) el.indeterminate = someSelected;
                  }}
                  disabled={rows.length === 0}
                  onChange={onToggleAll}
                />
              </th>
            ) : null}
            {cols.map((c) => {
              const def = columnDef(c);
              const field: SortField | null = def.sort;
              const state = ariaSort(sort, field);
              return (
                <th key={c} scope="col" aria-sort={field ? state : undefined} className="whitespace-nowrap border-b border-zinc-200 px-3 py-2 font-medium dark:border-zinc-800">
                  {field ? (
                    <button
                      type="button"
                      className={cn("group -mx-1 inline-flex items-center gap-1 rounded px-1 py-0.5 hover:text-zinc-900 dark:hover:text-zinc-100", state !== "none" && "text-zinc-900 dark:text-zinc-100")}
                      onClick={() => onSort(field)}
                    >
                      {def.label}
                      <SortIcon state={state} />
                    </button>
                  ) : (
                    def.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {paddingTop > 0 ? (
            <tr aria-hidden>
              <td colSpan={columnCount} style={{ height: paddingTop, padding: 0 }} />
            </tr>
          ) : null}
          {virtualRows.map((virtualRow) => {
            const item = rows[virtualRow.index];
            if (!item) {
              return (
                <tr key="next-page" style={{ height: ROW_HEIGHT }}>
                  <td colSpan={columnCount} className="px-3 text-center text-sm text-zinc-500 dark:text-zinc-400">
                    {nextPageFailed ? (
                      <span className="inline-flex items-center gap-2" role="alert">
                        More items could not be loaded.
                        <Button variant="secondary" size="sm" onClick={fetchNextPage}>Retry</Button>
                      </span>
                    ) : (
                      <span role="status">Loading more items…</span>
                    )}
                  </td>
                </tr>
              );
            }
            const isSelected = selected.has(item.key);
            const refusal = refusals.get(item.key);
            return (
              <tr
                key={item.id}
                aria-rowindex={virtualRow.index + 2}
                style={{ height: ROW_HEIGHT }}
                className={cn(
                  "hover:bg-zinc-50 dark:hover:bg-zinc-800/50",
                  isSelected && "bg-brand-50/70 dark:bg-brand-500/10",
                  refusal && "bg-red-50 dark:bg-red-950/30",
                )}
              >
                {selectable ? (
                  <td className="border-b border-zinc-100 px-3 dark:border-zinc-800">
                    <input
                      type="checkbox"
                      className="size-4 align-middle accent-brand-600"
                      aria-label={`Select ${item.key}`}
                      checked={isSelected}
                      onChange={(event) => onToggle(virtualRow.index, (event.nativeEvent as MouseEvent).shiftKey === true)}
                    />
                  </td>
                ) : null}
                {cols.map((c) => (
                  <td key={c} className="truncate whitespace-nowrap border-b border-zinc-100 px-3 dark:border-zinc-800">
                    {c === "key" && refusal ? (
                      <span className="inline-flex items-center gap-1 text-red-700 dark:text-red-300" title={refusal}>
                        <AlertCircle aria-hidden className="size-3.5 shrink-0" />
                        <span className="font-mono text-xs">{item.key}</span>
                        <span className="sr-only">, refused: {refusal}</span>
                      </span>
                    ) : (
                      <Cell column={c} item={item} workspace={workspace} project={project} now={now} />
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
          {paddingBottom > 0 ? (
            <tr aria-hidden>
              <td colSpan={columnCount} style={{ height: paddingBottom, padding: 0 }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
