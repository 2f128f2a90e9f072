"use client";

import { RotateCw, SquareKanban } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ApiError } from "@/lib/client/api";
import { useProjectEvents } from "@/lib/client/use-project-events";
import { ReadOnlyCell } from "./board-cell";
import { BoardGrid } from "./board-grid";
import { activeFilterNames, localToday, readBoardSettings, withBoardSettings, withoutFilters, type BoardSettings } from "./board-model";
import { BoardSkeleton } from "./board-skeleton";
import { BoardToolbar } from "./board-toolbar";
import { EditableBoard } from "./editable-board";
import { useBoardData, type BoardData } from "./use-board-data";

interface BoardViewProps {
  ws: string;
  project: string;
  /** The viewer may move cards (items.write); viewers get a read-only board. */
  canEdit: boolean;
}

/** The project's kanban board: grouping, swimlanes and filters come from the URL. */
export function BoardView({ ws, project, canEdit }: BoardViewProps) {
  const router = useRouter();
  const pathname = usePathname();
  const query = useSearchParams().toString();
  const settings = useMemo(() => readBoardSettings(new URLSearchParams(query)), [query]);
  const live = useProjectEvents(ws, project);
  const data = useBoardData(ws, project, settings);
  const [today] = useState(localToday);

  const base = `/${ws}/projects/${project}`;
  const go = (next: string) => router.replace(next ? `${pathname}?${next}` : pathname, { scroll: false });
  const clearFilters = () => go(withoutFilters(new URLSearchParams(query)));

  return (
    <div className="space-y-4">
      <BoardToolbar
        group={settings.group}
        lanes={settings.lanes}
        onGroup={(group) => go(withBoardSettings(new URLSearchParams(query), { group }))}
        onLanes={(lanes) => go(withBoardSettings(new URLSearchParams(query), { lanes }))}
        filters={activeFilterNames(settings.filters)}
        onClearFilters={clearFilters}
        registerHref={settings.filters ? `${base}/register?${settings.filters}` : `${base}/register`}
        live={live}
        readOnly={!canEdit}
      />
      <BoardBody
        ws={ws}
        project={project}
        canEdit={canEdit}
        settings={settings}
        data={data}
        today={today}
        itemHref={(key) => `${base}/items/${encodeURIComponent(key)}`}
        registerHref={`${base}/register`}
        onClearFilters={clearFilters}
      />
    </div>
  );
}

interface BodyProps {
  ws: string;
  project: string;
  canEdit: boolean;
  settings: BoardSettings;
  data: BoardData;
  today: string;
  itemHref: (key: string) => string;
  registerHref: string;
  onClearFilters: () => void;
}

function BoardBody({ ws, project, canEdit, settings, data, today, itemHref, registerHref, onClearFilters }: BodyProps) {
  if (data.error) return <BoardError error={data.error} retrying={data.retrying} onRetry={data.retry} />;
  if (data.isPending || !data.layout) return <BoardSkeleton />;
  if (data.items.length === 0) {
    return (
      <Card>
        {settings.filters ? (
          <EmptyState
            icon={SquareKanban}
            title="No items match these filters"
            description="Clear the filters to see every item of the project on the board."
            action={<Button variant="secondary" onClick={onClearFilters}>Clear filters</Button>}
          />
        ) : (
          <EmptyState
            icon={SquareKanban}
            title="No items yet"
            description="Findings, tasks, deliverables and risks appear here as cards once they are in the register."
            action={<Link href={registerHref} className={buttonClass("secondary")}>Go to the register</Link>}
          />
        )}
      </Card>
    );
  }
  if (!canEdit) {
    const layout = data.layout;
    return (
      <BoardGrid
        layout={layout}
        containers={layout.containers}
        renderCell={(cell, ids, label) => <ReadOnlyCell cell={cell} ids={ids} itemsById={data.itemsById} label={label} itemHref={itemHref} today={today} />}
      />
    );
  }
  return (
    <EditableBoard
      ws={ws}
      project={project}
      data={data}
      layout={data.layout}
      group={settings.group}
      lanes={settings.lanes}
      itemHref={itemHref}
      today={today}
    />
  );
}

function BoardError({ error, retrying, onRetry }: { error: unknown; retrying: boolean; onRetry: () => void }) {
  const apiError = error instanceof ApiError ? error : null;
  return (
    <div className="space-y-3">
      <Alert title="The board could not be loaded." requestId={apiError && apiError.status >= 500 ? apiError.requestId : undefined}>
        {apiError?.message ?? "Something went wrong. Try again."}
      </Alert>
      <Button variant="secondary" pending={retrying} onClick={onRetry}>
        {retrying ? null : <RotateCw aria-hidden className="size-4" />}
        Try again
      </Button>
    </div>
  );
}
