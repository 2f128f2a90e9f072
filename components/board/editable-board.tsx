"use client";

import { DndContext, DragOverlay, MeasuringStrategy } from "@dnd-kit/core";
import { useId, useState } from "react";
import { BoardCard } from "./board-card";
import { EditableCell } from "./board-cell";
import { BoardGrid } from "./board-grid";
import type { BoardLayout, GroupField, MoveFailure } from "./board-model";
import { MoveNotice } from "./move-notice";
import { HandleIcon } from "./sortable-card";
import type { BoardData } from "./use-board-data";
import { useBoardDnd } from "./use-board-dnd";
import { useBoardMove, usePendingMoves } from "./use-board-move";

const measuring = { droppable: { strategy: MeasuringStrategy.Always } };

/** After a refused move the card is drawn again in its old place: give it back the keyboard focus it had. */
function refocusHandle(id: string) {
  requestAnimationFrame(() => {
    if (document.activeElement && document.activeElement !== document.body) return;
    document.querySelector<HTMLElement>(`[data-board-handle="${window.CSS.escape(id)}"]`)?.focus();
  });
}

interface EditableBoardProps {
  ws: string;
  project: string;
  data: BoardData;
  layout: BoardLayout;
  group: GroupField;
  lanes: GroupField | null;
  itemHref: (key: string) => string;
  today: string;
}

/** The board for people who may move cards: drag and drop, keyboard moves, optimistic updates. */
export function EditableBoard({ ws, project, data, layout, group, lanes, itemHref, today }: EditableBoardProps) {
  const [failure, setFailure] = useState<MoveFailure | null>(null);
  const pending = usePendingMoves(ws, project);
  const move = useBoardMove({
    ws,
    project,
    itemsKey: data.itemsKey,
    onFailed: (next, item) => {
      setFailure(next);
      refocusHandle(item.id);
    },
  });
  const dnd = useBoardDnd({
    layout,
    itemsById: data.itemsById,
    group,
    lanes,
    onStart: () => setFailure(null),
    onMove: (item, plan) => move.mutate({ item, plan }),
  });
  const dndId = useId();
  const active = dnd.activeId ? data.itemsById.get(dnd.activeId) : undefined;

  return (
    <div className="space-y-4">
      {failure ? <MoveNotice failure={failure} onDismiss={() => setFailure(null)} /> : null}
      <DndContext id={dndId} measuring={measuring} {...dnd.contextProps}>
        <BoardGrid
          layout={layout}
          containers={dnd.containers}
          renderCell={(cell, ids, label) => (
            <EditableCell cell={cell} ids={ids} itemsById={data.itemsById} label={label} itemHref={itemHref} today={today} pending={pending} />
          )}
        />
        <DragOverlay>{active ? <BoardCard item={active} href={itemHref(active.key)} today={today} overlay handle={<HandleIcon />} /> : null}</DragOverlay>
      </DndContext>
    </div>
  );
}
