import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { CSV_PRESET_NAMES, type CsvPresetId } from "@/lib/domain/exchange/csv-fields";
import { csvColumns, detectPreset, mapCsvRows, mappingProblems, proposeMapping, readCsv, type CsvMapping, type MappedRow } from "@/lib/domain/exchange/register-csv";
import type { IncomingRegister } from "@/lib/domain/exchange/types";
import { AppError } from "@/lib/errors";
import { getProjectInWorkspace } from "../projects/get-project";
import { applyRegister, planRegister, type ImportOptions, type RegisterPreview } from "./apply-register";

const OPTIONS: ImportOptions = { format: "csv", exactClosedAt: false, defaultKind: "task" };

const phaseRef = (name: string) => `name:${name.toLowerCase()}`;

/** Rows without errors as the import engine's input: phases and owners by the names the rows give. */
export function rowsToIncoming(rows: MappedRow[]): IncomingRegister {
  const phases = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const r of rows) {
    if (r.phase) phases.set(r.phase.toLowerCase(), phases.get(r.phase.toLowerCase()) ?? r.phase);
    if (r.owner) owners.set(r.owner.toLowerCase(), owners.get(r.owner.toLowerCase()) ?? r.owner);
  }
  return {
    owners: [...owners.values()].map((name) => ({ name, kind: "team", email: null })),
    phases: [...phases.values()].map((name) => ({ ref: phaseRef(name), externalId: null, name })),
    items: rows.map((r) => ({
      label: `row ${r.row}`,
      number: r.number,
      externalId: r.externalId,
      values: r.values,
      ...(r.phase !== undefined ? { phase: r.phase === null ? null : phaseRef(r.phase) } : {}),
      ...(r.owner !== undefined ? { owner: r.owner } : {}),
      ...(r.blockedBy !== undefined ? { blockedBy: r.blockedBy } : {}),
    })),
    gates: [],
    description: null,
  };
}

type RowAction = "create" | "update" | "unchanged" | "error";

/**
 * Imports a CSV file into a project through a column mapping. Without a
 * mapping, the preset detected from the header (Jira, Linear, GitHub, a
 * Readyroom export) proposes one; a person can send another. `apply: false`
 * answers with the columns, the mapping, sample rows and what each row would
 * do (with its errors, by row number); `apply: true` imports in one
 * transaction, and refuses (422, naming the rows) while any row has an error.
 * Re-importing matches rows by their external id (`jira:ABC-12`) and updates
 * them; nothing is duplicated.
 */
export async function importRegisterCsv({
  ctx,
  projectSlug,
  source,
  fileName = null,
  preset,
  mapping: given,
  apply,
}: {
  ctx: WorkspaceContext;
  projectSlug: string;
  source: string;
  fileName?: string | null;
  preset?: CsvPresetId;
  mapping?: CsvMapping;
  apply: boolean;
}) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const read = readCsv(source);
  if (!read.ok) throw new AppError("invalid_csv", read.message, [{ path: `row ${read.row}`, message: read.message }]);
  const { table } = read;
  const columns = csvColumns(table);
  const names = columns.map((c) => c.name);
  const detected = detectPreset(table.headers);
  const used = preset ?? detected;
  const mapping: CsvMapping = given ? { ...Object.fromEntries(names.map((n) => [n, null])), ...given } : proposeMapping(used, names);
  const problems = mappingProblems(mapping, names);
  const rows = problems.length ? [] : mapCsvRows(table, used, mapping);
  const valid = rows.filter((r) => r.errors.length === 0);
  const errors = rows.flatMap((r) => r.errors.map((message) => ({ row: r.row, message })));
  const base = {
    format: "csv" as const,
    preset: { id: used, name: CSV_PRESET_NAMES[used] },
    detectedPreset: detected,
    columns: columns.map((c) => ({ name: c.name, field: mapping[c.name] ?? null, samples: c.samples })),
    mapping,
    mappingProblems: problems,
    sample: table.rows.slice(0, 5).map((r) => ({ row: r.row, values: Object.fromEntries(columns.map((c) => [c.name, c.indexes.map((i) => r.cells[i]!).filter((v) => v.trim()).join(" | ")])) })),
    rowCount: table.rows.length,
    errors,
  };
  const summarize = (preview: RegisterPreview | null) => {
    const byLabel = new Map((preview?.items ?? []).map((i) => [i.label, i]));
    return rows.map((r) => {
      const planned = byLabel.get(`row ${r.row}`);
      return {
        row: r.row,
        action: (r.errors.length || !planned ? "error" : planned.action) as RowAction,
        key: planned?.key ?? null,
        externalId: planned?.externalId ?? r.externalId,
        title: planned?.title ?? r.values.title ?? "",
        changes: planned?.changes ?? [],
        errors: r.errors,
        warnings: r.warnings,
      };
    });
  };

  if (!apply) {
    const preview = problems.length ? null : await planRegister({ ctx, project, incoming: rowsToIncoming(valid), options: OPTIONS });
    return { applied: false, ...base, rows: summarize(preview), plan: preview };
  }
  if (problems.length) throw new AppError("validation_failed", `Invalid ${problems[0]!.path}: ${problems[0]!.message}`, problems);
  if (errors.length) {
    const rowsWithErrors = new Set(errors.map((e) => e.row)).size;
    throw new AppError("validation_failed", `${rowsWithErrors} ${rowsWithErrors === 1 ? "row has" : "rows have"} errors; nothing was imported. First: row ${errors[0]!.row}: ${errors[0]!.message}.`, errors.slice(0, 200).map((e) => ({ path: `row ${e.row}`, message: e.message })));
  }
  if (valid.length === 0) throw new AppError("validation_failed", "The file has no rows to import.", [{ path: "source", message: "no data rows" }]);
  const preview = await applyRegister({ ctx, project, incoming: rowsToIncoming(valid), options: OPTIONS, source, fileName });
  return { applied: true, ...base, rows: summarize(preview), plan: preview };
}
