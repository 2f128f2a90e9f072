import { z } from "zod";
import { CSV_FIELDS, CSV_PRESETS } from "@/lib/domain/exchange/csv-fields";
import { registerV1 } from "@/lib/domain/exchange/register-json";

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

/** `format=json`: the register file (docs/register-json-v1.md), as export writes it and `imports/json` reads it. */
export const registerOutput = registerV1.meta({ id: "Register", description: "A `readyroom.register` version 1 document (docs/register-json-v1.md)." });

const action = z.enum(["create", "update", "unchanged"]);
const actionCount = z.object({ create: z.number(), update: z.number(), unchanged: z.number() });

/** What a register import (JSON or CSV) would do, or did: owners, phases, items and gates with their action and changed fields. */
export const registerPreviewOutput = z
  .object({
    owners: z.array(z.object({ name: z.string(), action: z.enum(["create", "unchanged"]) })),
    phases: z.array(z.object({ ref: z.string(), name: z.string(), action, changes: z.array(z.string()) })),
    items: z.array(
      z.object({
        /** Where the item is in the file: `items.3 (OCC-4)` or `row 5`. */
        label: z.string(),
        key: z.string(),
        externalId: z.string().nullable(),
        title: z.string(),
        action,
        changes: z.array(z.string()),
      }),
    ),
    gates: z.array(z.object({ name: z.string(), action, changes: z.array(z.string()), criteria: actionCount })),
    totals: z.object({ owners: actionCount, phases: actionCount, items: actionCount, gates: actionCount, evidence: z.number(), description: z.boolean().meta({ description: "Whether the project's empty description is filled from the file." }) }),
    warnings: z.array(z.string()),
  })
  .meta({ id: "RegisterImportPlan" });

/** `imports/json`: the preview (or the result) with the file's project and export time. */
export const importJsonOutput = registerPreviewOutput
  .extend({
    applied: z.boolean(),
    format: z.literal("json"),
    from: z.object({ name: z.string(), keyPrefix: z.string(), exportedAt: z.string() }).meta({ description: "The project and time the file was exported from." }),
  })
  .meta({ id: "RegisterJsonImport" });
export type ImportJsonOutput = z.infer<typeof importJsonOutput>;

/** `imports/csv`: the columns, the mapping, sample rows and what each row would do (or did), with row-numbered errors. */
export const importCsvOutput = z
  .object({
    applied: z.boolean(),
    format: z.literal("csv"),
    preset: z.object({ id: z.enum(CSV_PRESETS), name: z.string() }),
    detectedPreset: z.enum(CSV_PRESETS),
    columns: z.array(z.object({ name: z.string(), field: z.enum(CSV_FIELDS).nullable(), samples: z.array(z.string()) })),
    /** Column (header) → field, or null where the column is skipped. */
    mapping: z.record(z.string(), z.enum(CSV_FIELDS).nullable()),
    mappingProblems: z.array(z.object({ path: z.string(), message: z.string() })),
    sample: z.array(z.object({ row: z.number(), values: z.record(z.string(), z.string()) })),
    rowCount: z.number(),
    errors: z.array(z.object({ row: z.number(), message: z.string() })),
    rows: z.array(
      z.object({
        row: z.number(),
        action: z.enum(["create", "update", "unchanged", "error"]),
        key: z.string().nullable(),
        externalId: z.string().nullable(),
        title: z.string(),
        changes: z.array(z.string()),
        errors: z.array(z.string()),
        warnings: z.array(z.string()),
      }),
    ),
    /** Null while the mapping has problems. */
    plan: registerPreviewOutput.nullable(),
  })
  .meta({ id: "RegisterCsvImport" });
export type ImportCsvOutput = z.infer<typeof importCsvOutput>;
