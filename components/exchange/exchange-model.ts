/** Shapes and helpers the exchange components share: what the import routes answer, badges, totals. */
import type { CsvField, CsvPresetId } from "@/lib/domain/exchange/csv-fields";

/** The largest file an import takes (lib/validation/exchange.ts). */
export const MAX_SOURCE_CHARS = 5_000_000;

export type Action = "create" | "update" | "unchanged" | "error";
export type Count = { create: number; update: number; unchanged: number };

export const ACTION: Record<Action, { label: string; tone: "green" | "blue" | "neutral" | "red" }> = {
  create: { label: "New", tone: "green" },
  update: { label: "Updated", tone: "blue" },
  unchanged: { label: "Unchanged", tone: "neutral" },
  error: { label: "Error", tone: "red" },
};

export function totalsLine(name: string, c: Count): string {
  return `${c.create} new, ${c.update} updated, ${c.unchanged} unchanged ${name}`;
}

export interface PlanPreview {
  owners: { name: string; action: "create" | "unchanged" }[];
  phases: { ref: string; name: string; action: Action; changes: string[] }[];
  items: { label: string; key: string; externalId: string | null; title: string; action: Action; changes: string[] }[];
  gates: { name: string; action: Action; changes: string[]; criteria: Count }[];
  totals: { owners: Count; phases: Count; items: Count; gates: Count; evidence: number; description: boolean };
  warnings: string[];
}

export interface JsonImportResult extends PlanPreview {
  applied: boolean;
  format: "json";
  from: { name: string; keyPrefix: string; exportedAt: string };
}

export interface CsvRow {
  row: number;
  action: Action;
  key: string | null;
  externalId: string | null;
  title: string;
  changes: string[];
  errors: string[];
  warnings: string[];
}

export interface CsvImportResult {
  applied: boolean;
  format: "csv";
  preset: { id: CsvPresetId; name: string };
  detectedPreset: CsvPresetId;
  columns: { name: string; field: CsvField | null; samples: string[] }[];
  mapping: Record<string, CsvField | null>;
  mappingProblems: { path: string; message: string }[];
  sample: { row: number; values: Record<string, string> }[];
  rowCount: number;
  errors: { row: number; message: string }[];
  rows: CsvRow[];
  plan: PlanPreview | null;
}

export function importUrl(workspace: string, project: string, format: "json" | "csv"): string {
  return `/api/v1/workspaces/${workspace}/projects/${project}/imports/${format}`;
}

export function exportUrl(workspace: string, project: string, format: "json" | "csv" | "plan-md" | "gate-md", gate?: string): string {
  const query = new URLSearchParams({ format, ...(gate ? { gate } : {}) });
  return `/api/v1/workspaces/${workspace}/projects/${project}/export?${query}`;
}
