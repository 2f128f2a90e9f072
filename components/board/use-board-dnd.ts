"use client";

import {
  closestCenter,
  getFirstCollision,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type DroppableContainers,
  type KeyboardCoordinateGetter,
  type ScreenReaderInstructions,
} from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { useEffect, useRef, useState } from "react";
import type { ItemDto } from "@/lib/validation/item";
import {
  cardName,
  cellName,
  describePlace,
  findCell,
  isCellId,
  moveAcross,
  planMove,
  settleDrop,
  type BoardLayout,
  type Containers,
  type GroupField,
  type MovePlan,
} from "./board-model";

export const screenReaderInstructions: ScreenReaderInstructions = {
  draggable:
    "To move this card, press Space or Enter to pick it up. Use the arrow keys to move it between columns and up or down between cards. Press Space or Enter to drop it, or Escape to cancel.",
};

function place(index: number, count: number): string {
  return `position ${index + 1} of ${count}`;
}

/**
 * Drag and drop across cells, by pointer and by keyboard. While a card is held
 * the board shows `containers` (ids per cell, moved as the card crosses
 * cells). On drop the move is planned and handed to `onMove`; the dropped
 * order stays on screen until the items in the cache change (the optimistic
 * update), so the card never flashes back to where it came from.
 */
export function useBoardDnd(options: {
  layout: BoardLayout;
  itemsById: ReadonlyMap<string, ItemDto>;
  group: GroupField;
  lanes: GroupField | null;
  onStart: () => void;
  onMove: (item: ItemDto, plan: MovePlan) => void;
}) {
  const { layout, itemsById, group, lanes, onStart, onMove } = options;
  const [held, setHeld] = useState<{ value: Containers; base: Containers } | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  // dnd-kit calls back between renders: these refs hold what the callbacks must see at once.
  const live = useRef<Containers | null>(null);
  const origin = useRef<string | null>(null);
  const lastOver = useRef<string | null>(null);
  const crossed = useRef(false);
  const overMessage = useRef<string | undefined>(undefined);
  const dropMessage = useRef("");

  const current = () => live.current ?? layout.containers;

  /**
   * sortableKeyboardCoordinates, aiming the arrow keys at cards and at empty
   * cells only: a cell with cards is entered through its nearest card, so the
   * held card lands next to it instead of jumping to the end of the column.
   * Left and right always leave the card's own cell: its neighbours there sit
   * at nearly the same x and would otherwise be taken for "the next column".
   */
  const coordinateGetter: KeyboardCoordinateGetter = (event, args) => {
    const all = args.context.droppableContainers;
    const containers = current();
    const sideways = event.code === "ArrowLeft" || event.code === "ArrowRight";
    const home = sideways ? findCell(containers, String(args.active)) : undefined;
    const targets = [...all.entries()].filter(([rawId]) => {
      const id = String(rawId);
      if (isCellId(id)) return (containers[id]?.length ?? 0) === 0 && id !== home;
      // The held card itself stays: dnd-kit measures the move from it.
      return !home || id === String(args.active) || findCell(containers, id) !== home;
    });
    const ContainersMap = all.constructor as new (entries: typeof targets) => DroppableContainers;
    return sortableKeyboardCoordinates(event, { ...args, context: { ...args.context, droppableContainers: new ContainersMap(targets) } });
  };

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter }),
  );

  // The "just crossed into another cell" flag lasts one frame, while the layout settles.
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      crossed.current = false;
    });
    return () => cancelAnimationFrame(frame);
  }, [held]);

  const hold = (next: Containers | null) => {
    live.current = next;
    setHeld(next ? { value: next, base: layout.containers } : null);
  };

  /** Over a cell with cards, aim at its nearest card; keep the last target while the layout shifts. */
  const collisionDetection: CollisionDetection = (args) => {
    const within = pointerWithin(args);
    let overId = getFirstCollision(within.length > 0 ? within : rectIntersection(args), "id");
    if (overId != null) {
      const ids = current()[String(overId)];
      if (ids && ids.length > 0) {
        const cards = args.droppableContainers.filter((c) => c.id !== overId && ids.includes(String(c.id)));
        overId = closestCenter({ ...args, droppableContainers: cards })[0]?.id ?? overId;
      }
      lastOver.current = String(overId);
      return [{ id: overId }];
    }
    if (crossed.current) lastOver.current = String(args.active.id);
    return lastOver.current ? [{ id: lastOver.current }] : [];
  };

  const nameOf = (id: string | number) => cardName(itemsById.get(String(id)));

  const onDragStart = ({ active }: DragStartEvent) => {
    const start = current();
    origin.current = findCell(start, String(active.id)) ?? null;
    lastOver.current = null;
    setActiveId(String(active.id));
    hold(start);
    onStart();
  };

  const onDragOver = ({ active, over }: DragOverEvent) => {
    const id = String(active.id);
    const containers = live.current;
    if (!over || !containers) {
      overMessage.current = `${nameOf(id)} is no longer over a column.`;
      return;
    }
    const overId = String(over.id);
    const translated = active.rect.current.translated;
    const below = !isCellId(overId) && translated != null && translated.top > over.rect.top + over.rect.height;
    const next = moveAcross(containers, id, overId, below);
    let target = describePlace(containers, id, overId);
    if (next !== containers) {
      crossed.current = true;
      hold(next);
      // It now sits where it was put in the new cell (the next target is the card itself).
      const cell = findCell(next, id)!;
      target = { cellId: cell, index: next[cell]!.indexOf(id), count: next[cell]!.length };
    }
    overMessage.current = target ? `${nameOf(id)} is over ${cellName(layout.cells[target.cellId])}, ${place(target.index, target.count)}.` : undefined;
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const id = String(active.id);
    const containers = live.current;
    const item = itemsById.get(id);
    setActiveId(null);
    if (!over || !containers || !item) {
      dropMessage.current = item
        ? `${nameOf(id)} was dropped outside the board and stays in ${cellName(layout.cells[origin.current ?? ""])}.`
        : "The card no longer exists; nothing was moved.";
      hold(null);
      return;
    }
    const final = settleDrop(containers, id, String(over.id));
    const cell = findCell(final, id);
    const plan = cell && layout.cells[cell] ? planMove({ item, ids: final[cell]!, cell: layout.cells[cell]!, group, lanes, itemsById }) : null;
    if (!cell || !plan) {
      dropMessage.current = `${nameOf(id)} was dropped back where it was, in ${cellName(layout.cells[origin.current ?? ""])}.`;
      hold(null);
      return;
    }
    const ids = final[cell]!;
    dropMessage.current = `${nameOf(id)} was moved to ${cellName(layout.cells[cell])}, ${place(ids.indexOf(id), ids.length)}.`;
    hold(final);
    live.current = null;
    onMove(item, plan);
  };

  const onDragCancel = () => {
    setActiveId(null);
    hold(null);
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      const id = String(active.id);
      const cell = findCell(current(), id);
      const ids = cell ? current()[cell]! : [];
      return `Picked up ${nameOf(id)} in ${cellName(layout.cells[cell ?? ""])}, ${place(ids.indexOf(id), ids.length)}.`;
    },
    // Worked out by onDragOver above, which runs first and knows whether the card just changed cells.
    onDragOver: () => overMessage.current,
    onDragEnd: () => dropMessage.current,
    onDragCancel: ({ active }) => `Move cancelled. ${nameOf(active.id)} is back in ${cellName(layout.cells[origin.current ?? ""])}.`,
  };

  const showHeld = held !== null && (activeId !== null || held.base === layout.containers);
  return {
    /** Ids per cell as shown right now. */
    containers: showHeld ? held.value : layout.containers,
    activeId,
    contextProps: { sensors, collisionDetection, onDragStart, onDragOver, onDragEnd, onDragCancel, accessibility: { announcements, screenReaderInstructions } },
  };
}
