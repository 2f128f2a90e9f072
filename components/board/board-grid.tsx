import { useId } from "react";
import { cn } from "@/components/ui/cn";
import { cellName, columnCount, type BoardCell, type BoardLayout, type Containers } from "./board-model";

const columnWidth = "w-[min(18rem,80vw)] shrink-0";
const cellBox = "flex flex-col rounded-lg border border-zinc-200 bg-zinc-100/70 dark:border-zinc-800 dark:bg-zinc-900/50";

function Count({ count }: { count: number }) {
  return (
    <span className="rounded-full bg-zinc-200 px-1.5 text-xs font-medium tabular-nums text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
      <span className="sr-only">, </span>
      {count}
      <span className="sr-only"> {count === 1 ? "item" : "items"}</span>
    </span>
  );
}

interface GridProps {
  layout: BoardLayout;
  /** Ids per cell as shown now (moved while a card is held). */
  containers: Containers;
  renderCell: (cell: BoardCell, ids: string[], label: string) => React.ReactNode;
}

/**
 * The columns side by side, scrolling sideways when they do not fit (a phone),
 * and with swimlanes one row of cells per lane under a shared header row.
 */
export function BoardGrid({ layout, containers, renderCell }: GridProps) {
  const idPrefix = useId();
  const hasLanes = layout.lanes.some((lane) => lane.lane !== null);
  const cellOf = (id: string) => ({ cell: layout.cells[id]!, ids: containers[id] ?? [] });

  return (
    <div className="relative -mx-4 overflow-x-auto px-4 pb-4 sm:mx-0 sm:px-0">
      {hasLanes ? (
        <div className="flex min-w-max flex-col gap-5">
          <div className="flex gap-3">
            {layout.columns.map((column) => (
              <div key={column.key} className={cn(columnWidth, "flex items-center justify-between gap-2 px-3 text-sm font-semibold")}>
                <span className="truncate">{column.label}</span>
                <Count count={columnCount(layout, containers, column)} />
              </div>
            ))}
          </div>
          {layout.lanes.map(({ lane, cellIds }, index) => {
            const headingId = `${idPrefix}-lane-${index}`;
            const laneCount = cellIds.reduce((sum, id) => sum + (containers[id]?.length ?? 0), 0);
            return (
              <section key={lane?.key ?? "all"} aria-labelledby={headingId} className="space-y-2">
                <h2 id={headingId} className="sticky left-0 flex w-fit items-center gap-2 text-sm font-semibold text-zinc-700 dark:text-zinc-300">
                  {lane?.label}
                  <Count count={laneCount} />
                </h2>
                <div className="flex gap-3">
                  {cellIds.map((id) => {
                    const { cell, ids } = cellOf(id);
                    return (
                      <div key={id} className={cn(columnWidth, cellBox)}>
                        {renderCell(cell, ids, cellName(cell))}
                      </div>
                    );
                  })}
                </div>
              </section>
            );
          })}
        </div>
      ) : (
        <div className="flex min-w-max gap-3">
          {layout.lanes[0]?.cellIds.map((id, index) => {
            const { cell, ids } = cellOf(id);
            const headingId = `${idPrefix}-column-${index}`;
            return (
              <section key={id} aria-labelledby={headingId} className={cn(columnWidth, cellBox)}>
                <h2 id={headingId} className="flex items-center justify-between gap-2 px-3 pt-2.5 text-sm font-semibold">
                  <span className="truncate">{cell.column.label}</span>
                  <Count count={ids.length} />
                </h2>
                {renderCell(cell, ids, cellName(cell))}
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}
