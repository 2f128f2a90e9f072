import { z } from "zod";

export const slug = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "must be at least 2 characters")
  .max(40, "must be at most 40 characters")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "may contain only lowercase letters, digits and dashes, and cannot start or end with a dash");

export const name = z.string().trim().min(1, "is required").max(120, "must be at most 120 characters");

export const email = z.string().trim().toLowerCase().pipe(z.email("must be an email address")).pipe(z.string().max(254));

export const role = z.enum(["owner", "admin", "member", "viewer"]);

/**
 * Dates and instants the database can keep and JavaScript can read back:
 * PostgreSQL has no year 0 (ISO 8601's 0000 is 1 BC), and a timestamp after
 * the year 9999 (`9999-12-31T23:59:59-23:59`) is stored but comes back as an
 * invalid Date. Years count in UTC.
 */
const STORABLE_YEARS = "must be between the years 0001 and 9999";
const inStorableYears = (value: string) => {
  const year = new Date(value).getUTCFullYear();
  return year >= 1 && year <= 9999;
};

/** An instant, ISO 8601 with an offset. */
export const isoDate = z.iso.datetime({ offset: true }).refine(inStorableYears, STORABLE_YEARS);
/** A calendar day, YYYY-MM-DD. */
export const isoDay = z.iso.date().refine(inStorableYears, STORABLE_YEARS);

export const cursorQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function toSlug(value: string): string {
  return value
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
}

/** A timestamp in a response: a Date from the database, an ISO 8601 string on the wire (and in the OpenAPI document). */
export const timestamp = z.date().transform((d) => d.toISOString()).pipe(z.string().meta({ format: "date-time" }));
export const nullableTimestamp = timestamp.nullable();
