/**
 * `readyroom import <file.json|file.csv>` and `readyroom export`: the
 * command-line side of the register's JSON and CSV exchange and of the
 * Markdown exports (docs/register-json-v1.md). Kept apart from cli/main.ts so
 * that it can be tested without spawning the CLI.
 */
import { extname } from "node:path";
import type { WorkspaceContext } from "@/lib/auth/context";
import { csvColumns, detectPreset, mapCsvRows, proposeMapping, readCsv } from "@/lib/domain/exchange/register-csv";
import { readRegisterJson } from "@/lib/domain/exchange/register-json";
import { AppError } from "@/lib/errors";
import type { Count } from "@/lib/services/exchange/apply-register";
import { exportProject, type ExportFile } from "@/lib/services/exchange/export-project";
import { importRegisterCsv } from "@/lib/services/exchange/import-register-csv";
import { importRegisterJson } from "@/lib/services/exchange/import-register-json";
import { EXPORT_FORMATS, exportQuery } from "@/lib/validation/exchange";

export type ImportFormat = "markdown" | "json" | "csv";

/** By the file's extension: `.json` is a register, `.csv` a CSV, anything else a Markdown plan. */
export function importFormatOf(file: string): ImportFormat {
  const ext = extname(file).toLowerCase();
  return ext === ".json" ? "json" : ext === ".csv" ? "csv" : "markdown";
}

export const exportFormats = EXPORT_FORMATS;

/** An AppError's message with the rows or fields it names, one per line. */
function withDetails(error: unknown): never {
  if (error instanceof AppError && Array.isArray(error.details) && error.details.length > 1) {
    const lines = error.details.slice(0, 50).map((d) => `  ${d.path}: ${d.message}`);
    throw new AppError(error.code, [error.message, ...lines].join("\n"), error.details);
  }
  throw error;
}

/**
 * Reads a JSON register or a CSV file without a database: the checked
 * document, or the rows as the detected preset maps them (with their errors).
 */
export function dryRunWithoutDatabase(format: "json" | "csv", source: string): unknown {
  if (format === "json") {
    const read = readRegisterJson(source);
    if (!read.ok) throw new AppError(read.code, read.message, read.details);
    return read.register;
  }
  const read = readCsv(source);
  if (!read.ok) throw new AppError("invalid_csv", read.message, [{ path: `row ${read.row}`, message: read.message }]);
  const preset = detectPreset(read.table.headers);
  const mapping = proposeMapping(preset, csvColumns(read.table).map((c) => c.name));
  return { preset, mapping, rows: mapCsvRows(read.table, preset, mapping) };
}

const line = (name: string, c: Count) => `  ${name}: ${c.create} to create, ${c.update} to update, ${c.unchanged} unchanged`;

/** Imports (or with `dryRun` previews) a JSON register or a CSV file; returns what to print. */
export async function importExchangeFile({ ctx, format, file, source, project, dryRun, json }: { ctx: WorkspaceContext; format: "json" | "csv"; file: string; source: string; project: string; dryRun: boolean; json: boolean }): Promise<string> {
  const fileName = file.split(/[\\/]/).pop() ?? null;
  const result = await (format === "json"
    ? importRegisterJson({ ctx, projectSlug: project, source, fileName, apply: !dryRun })
    : importRegisterCsv({ ctx, projectSlug: project, source, fileName, apply: !dryRun })
  ).catch(withDetails);
  if (json) return JSON.stringify(result, null, 2);
  const totals = "plan" in result ? result.plan?.totals : result.totals;
  const out = [`${result.applied ? "Imported" : "Would import"} ${file} into ${ctx.workspace.slug}/${project}${"preset" in result ? ` (read as ${result.preset.name})` : ""}:`];
  if (totals) out.push(line("phases", totals.phases), line("items", totals.items), ...(format === "json" ? [line("gates", totals.gates), `  evidence: ${totals.evidence} to add`] : []));
  if ("errors" in result && result.errors.length) out.push(`  ${result.errors.length} row error(s):`, ...result.errors.slice(0, 50).map((e) => `    row ${e.row}: ${e.message}`));
  if ("mappingProblems" in result && result.mappingProblems.length) out.push(...result.mappingProblems.map((p) => `  ${p.path}: ${p.message}`));
  const warnings = "plan" in result ? (result.plan?.warnings ?? []) : result.warnings;
  out.push(...warnings.map((w) => `  warning: ${w}`));
  return out.join("\n");
}

/** One export of a project; `origin` is where item links in a gate checklist point. */
export async function exportFile({ ctx, project, format, gate, origin }: { ctx: WorkspaceContext; project: string; format: string; gate?: string; origin: string }): Promise<ExportFile> {
  const query = exportQuery.parse({ format, ...(gate ? { gate } : {}) });
  return exportProject({ ctx, projectSlug: project, query, origin });
}
