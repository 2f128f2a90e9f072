"use client";

import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { cn } from "@/components/ui/cn";
import type { ItemDto } from "@/lib/validation/item";
import { BoardCard } from "./board-card";
import type { BoardCell } from "./board-model";
import { SortableCard } from "./sortable-card";

interface CellProps {
  cell: BoardCell;
  /** Ids of the cell's cards, in order. */
  ids: string[];
  itemsById: ReadonlyMap<string, ItemDto>;
  /** Accessible name of the list, e.g. "Open" or "Open, lane High". */
  label: string;
  itemHref: (key: string) => string;
  today: string;
}

const listClass = "flex min-h-24 flex-1 flex-col gap-2 p-2";

function cardsOf(ids: string[], itemsById: ReadonlyMap<string, ItemDto>): ItemDto[] {
  return ids.flatMap((id) => {
    const item = itemsById.get(id);
    return item ? [item] : [];
  });
}

/** A cell people may drop cards into: sortable cards, or a drop zone when empty. */
export function EditableCell({ cell, ids, itemsById, label, itemHref, today, pending }: CellProps & { pending: ReadonlySet<string> }) {
  const { setNodeRef, isOver } = useDroppable({ id: cell.id });
  const items = cardsOf(ids, itemsById);
  return (
    <SortableContext id={cell.id} items={items.map((item) => item.id)} strategy={verticalListSortingStrategy}>
      <ul ref={setNodeRef} aria-label={label} className={listClass}>
        {items.map((item) => (
          <SortableCard key={item.id} item={item} href={itemHref(item.key)} today={today} busy={pending.has(item.id)} />
        ))}
        {items.length === 0 ? (
          <li
            className={cn(
              "flex flex-1 items-center justify-center rounded-md border-2 border-dashed px-3 py-6 text-center text-xs text-zinc-600 dark:text-zinc-400",
              isOver ? "border-brand-500 bg-brand-50 text-brand-700 dark:bg-brand-500/10 dark:text-brand-100" : "border-zinc-300 dark:border-zinc-700",
            )}
          >
            Drop cards here
          </li>
        ) : null}
      </ul>
    </SortableContext>
  );
}

/** A cell for viewers: the same cards, nothing to move. */
export function ReadOnlyCell({ ids, itemsById, label, itemHref, today }: CellProps) {
  const items = cardsOf(ids, itemsById);
  return (
    <ul aria-label={label} className={listClass}>
      {items.map((item) => (
        <li key={item.id}>
          <BoardCard item={item} href={itemHref(item.key)} today={today} />
        </li>
      ))}
      {items.length === 0 ? <li className="px-3 py-6 text-center text-xs text-zinc-500 dark:text-zinc-400">No items</li> : null}
    </ul>
  );
}
