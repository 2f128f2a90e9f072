"use client";

import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { GripVertical } from "lucide-react";
import { cn } from "@/components/ui/cn";
import type { ItemDto } from "@/lib/validation/item";
import { BoardCard } from "./board-card";

const handleClass =
  "relative z-10 flex w-7 shrink-0 items-start justify-center rounded-l-md pt-3 text-zinc-400 dark:text-zinc-500";

/** The grip drawn on the card under the pointer while it is dragged. */
export function HandleIcon() {
  return (
    <span aria-hidden className={handleClass}>
      <GripVertical className="size-4" />
    </span>
  );
}

/**
 * A card that can be moved: drag its grip, or focus the grip and press Space
 * or Enter to pick it up, arrows to move, Space or Enter to drop, Escape to cancel.
 */
export function SortableCard({ item, href, today, busy }: { item: ItemDto; href: string; today: string; busy: boolean }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: item.id,
    disabled: busy,
    attributes: { roleDescription: "movable card" },
  });
  return (
    <li ref={setNodeRef} style={{ transform: CSS.Translate.toString(transform), transition }} className={cn(isDragging && "opacity-40")}>
      <BoardCard
        item={item}
        href={href}
        today={today}
        busy={busy}
        handle={
          <button
            type="button"
            ref={setActivatorNodeRef}
            {...attributes}
            {...listeners}
            aria-label={`Move ${item.key}: ${item.title}`}
            data-board-handle={item.id}
            className={cn(
              handleClass,
              "cursor-grab touch-none hover:bg-zinc-100 hover:text-zinc-700 active:cursor-grabbing aria-disabled:cursor-wait dark:hover:bg-zinc-800 dark:hover:text-zinc-200",
            )}
          >
            <GripVertical aria-hidden className="size-4" />
          </button>
        }
      />
    </li>
  );
}
