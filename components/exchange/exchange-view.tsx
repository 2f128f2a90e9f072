"use client";

import { Lock } from "lucide-react";
import { useState } from "react";
import { ImportView } from "@/components/import/import-view";
import { cn } from "@/components/ui/cn";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { CsvImport } from "./csv-import";
import { ExportPanel } from "./export-panel";
import { JsonImport } from "./json-import";

const FORMATS = [
  { id: "markdown", label: "Markdown plan" },
  { id: "json", label: "Readyroom JSON" },
  { id: "csv", label: "CSV (Jira, Linear, GitHub…)" },
] as const;
type Format = (typeof FORMATS)[number]["id"];

/** The import page: choose what you bring (a Markdown plan, a register, a CSV), and the project's exports. */
export function ExchangeView({ workspace, project, canImport }: { workspace: string; project: string; canImport: boolean }) {
  const [format, setFormat] = useState<Format>("markdown");
  return (
    <div className="space-y-6">
      {canImport ? (
        <>
          <fieldset>
            <legend className="mb-2 text-sm font-medium text-zinc-800 dark:text-zinc-200">What are you importing?</legend>
            <div className="inline-flex flex-wrap gap-1 rounded-lg border border-zinc-200 bg-zinc-50 p-1 dark:border-zinc-800 dark:bg-zinc-900">
              {FORMATS.map((f) => (
                <label
                  key={f.id}
                  className={cn(
                    "cursor-pointer rounded-md px-3 py-1.5 text-sm font-medium focus-within:ring-2 focus-within:ring-brand-500/40",
                    format === f.id ? "bg-white text-zinc-900 shadow-sm dark:bg-zinc-800 dark:text-zinc-100" : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
                  )}
                >
                  <input type="radio" name="import-format" value={f.id} checked={format === f.id} onChange={() => setFormat(f.id)} className="sr-only" />
                  {f.label}
                </label>
              ))}
            </div>
          </fieldset>
          {format === "markdown" ? <ImportView workspace={workspace} project={project} canImport={canImport} /> : null}
          {format === "json" ? <JsonImport workspace={workspace} project={project} /> : null}
          {format === "csv" ? <CsvImport workspace={workspace} project={project} /> : null}
        </>
      ) : (
        <Card>
          <EmptyState icon={Lock} title="Importing needs the member role" description="Viewers read the register; ask an admin to make you a member to bring in plans. You can still export the project below." />
        </Card>
      )}
      <ExportPanel workspace={workspace} project={project} />
    </div>
  );
}
