import { z } from "zod";
import { CSV_FIELDS, CSV_PRESETS } from "@/lib/domain/exchange/csv-fields";

/** The largest JSON register or CSV file an import takes, in characters (a register of several thousand items with their evidence). */
export const MAX_EXCHANGE_CHARS = 5_000_000;
/** The request body around it: the file as a JSON string is longer than the file (quotes and line breaks are escaped). */
export const MAX_EXCHANGE_BODY_BYTES = Math.round(MAX_EXCHANGE_CHARS * 1.5);

const source = z.string().min(1, "is empty").max(MAX_EXCHANGE_CHARS, `is larger than ${MAX_EXCHANGE_CHARS} characters`);
const fileName = z.string().trim().min(1).max(255).optional();

export const importJsonInput = z.strictObject({
  /** The register file's text (docs/register-json-v1.md). */
  source,
  fileName,
  /** false (the default): only say what would change; true: apply it in one transaction. */
  apply: z.boolean().default(false),
});
export type ImportJsonInput = z.infer<typeof importJsonInput>;

export const csvMapping = z.record(z.string().min(1).max(300), z.enum(CSV_FIELDS).nullable());

export const importCsvInput = z.strictObject({
  source,
  fileName,
  /** How values are read (ids, lists); default: detected from the header. */
  preset: z.enum(CSV_PRESETS).optional(),
  /** Column (header) → field, or null to skip it; default: the preset's. Columns left out are skipped. */
  mapping: csvMapping.optional(),
  apply: z.boolean().default(false),
});
export type ImportCsvInput = z.infer<typeof importCsvInput>;

export const EXPORT_FORMATS = ["json", "csv", "plan-md", "gate-md"] as const;

export const exportQuery = z.strictObject({
  format: z.enum(EXPORT_FORMATS),
  /** gate-md: the gate's id (default: the project's first gate). */
  gate: z.string().min(1).max(64).optional(),
});
export type ExportQuery = z.infer<typeof exportQuery>;
