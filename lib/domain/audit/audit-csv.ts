/**
 * The audit log as CSV: pure, no I/O (csv-stringify, synchronous). The export
 * route writes it in chunks, the header with the first; RFC 4180 (CRLF) with a
 * UTF-8 BOM for spreadsheets, and every cell a spreadsheet would run as a
 * formula written with a leading apostrophe (as the register's CSV export).
 */
import { stringify } from "csv-stringify/sync";
import { guardCsvCell } from "@/lib/domain/exchange/register-csv";

/** The most rows one export writes; the newest come first, so a capped export is missing the oldest. */
export const AUDIT_EXPORT_ROW_LIMIT = 100_000;

export const AUDIT_CSV_HEADER = ["Time", "Actor", "Actor id", "Action", "Object type", "Object id", "IP", "Request id", "Details"] as const;

export interface AuditCsvRow {
  createdAt: Date;
  /** A member's name or email, "API key <name> (<prefix>)" or "System". */
  actor: string;
  /** As the `actor` filter takes it: a user id or `api-key:<id>`; empty for System. */
  actorId: string;
  action: string;
  targetType: string;
  targetId: string | null;
  ip: string | null;
  requestId: string | null;
  metadata: unknown;
}

function cells(row: AuditCsvRow): string[] {
  return [
    row.createdAt.toISOString(),
    row.actor,
    row.actorId,
    row.action,
    row.targetType,
    row.targetId ?? "",
    row.ip ?? "",
    row.requestId ?? "",
    row.metadata === undefined || row.metadata === null ? "" : JSON.stringify(row.metadata),
  ].map(guardCsvCell);
}

/** Rows as CSV text, each ending in CRLF; with `header`, the BOM and the header row first. */
export function auditCsv(rows: readonly AuditCsvRow[], { header }: { header: boolean }): string {
  const records = [...(header ? [[...AUDIT_CSV_HEADER]] : []), ...rows.map(cells)];
  if (records.length === 0) return "";
  return stringify(records, { bom: header, record_delimiter: "\r\n", quoted_match: /[\r\n]/ });
}
