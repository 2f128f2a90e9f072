"use client";

import { Columns3 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { CheckRow, Popover } from "./popover";
import { COLUMNS, DEFAULT_COLUMNS, isRequiredColumn, toggleColumn, type ColumnId } from "./register-query";

export function ColumnChooser({ cols, onChange }: { cols: ColumnId[]; onChange: (next: ColumnId[]) => void }) {
  const isDefault = cols.length === DEFAULT_COLUMNS.length && cols.every((c, i) => c === DEFAULT_COLUMNS[i]);
  return (
    <Popover label="Columns" icon={<Columns3 aria-hidden className="size-4" />} align="end" panelClassName="w-56">
      {() => (
        <fieldset>
          <legend className="mb-1 text-xs font-medium text-zinc-500 dark:text-zinc-400">Columns shown</legend>
          {COLUMNS.map((column) => (
            <CheckRow key={column.id} checked={cols.includes(column.id)} disabled={isRequiredColumn(column.id)} onChange={() => onChange(toggleColumn(cols, column.id))}>
              {column.label}
            </CheckRow>
          ))}
          {!isDefault ? (
            <Button variant="ghost" size="sm" className="mt-2 w-full" onClick={() => onChange([...DEFAULT_COLUMNS])}>
              Reset to default columns
            </Button>
          ) : null}
        </fieldset>
      )}
    </Popover>
  );
}
