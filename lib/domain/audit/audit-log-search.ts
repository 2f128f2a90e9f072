/**
 * The audit log page's URL (`?actor=…&action=…&from=2026-01-01&to=2026-01-31`)
 * as the API's filter parameters. The page takes calendar days in UTC, `to`
 * included, where the API takes instants with `to` excluded; empty fields (a
 * GET form sends every field) are no filter. Pure: the page and its tests.
 */
export const AUDIT_SEARCH_FIELDS = ["actor", "action", "targetType", "targetId", "from", "to"] as const;
export type AuditSearchField = (typeof AUDIT_SEARCH_FIELDS)[number];

export interface AuditLogSearch {
  /** What the form shows: each field as given, trimmed ("" when absent). */
  values: Record<AuditSearchField, string>;
  /** The API's query parameters for the filters that are set. */
  query: Partial<Record<AuditSearchField, string>>;
  /** Problems the page finds before the API's schema does, by field. */
  errors: Partial<Record<AuditSearchField, string>>;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(value: string): Date | null {
  const m = value.match(DAY);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value ? date : null;
}

export function auditLogSearch(params: Record<string, string | string[] | undefined>): AuditLogSearch {
  const first = (key: string) => {
    const value = params[key];
    return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
  };
  const values = Object.fromEntries(AUDIT_SEARCH_FIELDS.map((f) => [f, first(f)])) as Record<AuditSearchField, string>;
  const query: AuditLogSearch["query"] = {};
  const errors: AuditLogSearch["errors"] = {};
  for (const field of ["actor", "action", "targetType", "targetId"] as const) if (values[field]) query[field] = values[field];

  const from = values.from ? parseDay(values.from) : null;
  const to = values.to ? parseDay(values.to) : null;
  if (values.from && !from) errors.from = "must be a date (YYYY-MM-DD)";
  if (values.to && !to) errors.to = "must be a date (YYYY-MM-DD)";
  if (from && to && to < from) errors.to = "must not be before the from date";
  if (from) query.from = from.toISOString();
  // The whole `to` day is included: the API's exclusive bound is the next midnight.
  if (to) query.to = new Date(to.getTime() + 86_400_000).toISOString();
  return { values, query, errors };
}

/** A query string of the set parameters, with `extra` (a cursor) after them; "" when there are none. */
export function searchString(params: Partial<Record<string, string>>, extra: Record<string, string> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...params, ...extra })) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}
