/**
 * When a gate could reach Go, at the rate the team has been closing items:
 * pure functions, no I/O, no clock. Days are UTC calendar days written
 * YYYY-MM-DD.
 */

export interface GoForecast {
  date: string | null;
  ratePerDay: number;
  remaining: number;
  windowDays: number;
  /** One sentence explaining the method and the numbers, for the page. */
  method: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Milliseconds since the epoch of a YYYY-MM-DD day's UTC midnight; a RangeError for anything else, 2026-02-30 included. */
function parseDay(day: string): number {
  const match = DAY.exec(day);
  if (!match) throw new RangeError(`Expected a day as YYYY-MM-DD, got “${day}”.`);
  const [year, month, date] = match.slice(1).map(Number) as [number, number, number];
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, date);
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== date) {
    throw new RangeError(`“${day}” is not a calendar day.`);
  }
  return utc.getTime();
}

/** The day `days` after a YYYY-MM-DD day (before it when negative), or null when that falls outside years 0000–9999. */
function shiftDay(day: string, days: number): string | null {
  const shifted = new Date(parseDay(day) + days * MS_PER_DAY);
  const year = shifted.getUTCFullYear();
  if (Number.isNaN(year) || year < 0 || year > 9999) return null;
  return shifted.toISOString().slice(0, 10);
}

/** The day `days` calendar days after `day` (YYYY-MM-DD, UTC); `days` may be negative but must be a whole number. */
export function addDays(day: string, days: number): string {
  if (!Number.isSafeInteger(days)) throw new RangeError(`Expected a whole number of days, got ${days}.`);
  const shifted = shiftDay(day, days);
  if (shifted === null) throw new RangeError(`${day} + ${days} days falls outside the years 0000–9999.`);
  return shifted;
}

function count(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be a whole number of at least ${min}, got ${value}.`);
  return value;
}

function items(n: number): string {
  return n === 1 ? "1 item" : `${n} items`;
}

/**
 * The forecast day for Go: today plus the days it takes, at the rate items
 * were closed over the last `windowDays` days, to close the `remaining` items
 * that stand between the gate and Go. No date when nothing was closed in the
 * window (the rate is zero) or when the date would be past the year 9999.
 */
export function forecastGo(input: { remaining: number; closedInWindow: number; windowDays: number; today: string }): GoForecast {
  const remaining = count("remaining", input.remaining, 0);
  const closed = count("closedInWindow", input.closedInWindow, 0);
  const windowDays = count("windowDays", input.windowDays, 1);
  const { today } = input;
  parseDay(today);
  const ratePerDay = closed / windowDays;
  const base = { ratePerDay, remaining, windowDays };
  const period = windowDays === 1 ? "day" : `${windowDays} days`;
  const periodPossessive = windowDays === 1 ? "day’s" : `${windowDays} days’`;

  if (remaining === 0) {
    return { ...base, date: today, method: `No items stand between this gate and Go, so it could go today, ${today}.` };
  }
  if (closed === 0) {
    return {
      ...base,
      date: null,
      method: `No items were closed in the last ${period}, so no date can be forecast for the ${items(remaining)} standing between this gate and Go.`,
    };
  }
  // ceil(remaining / rate) in whole numbers: 17 / (17 / 14) is 14.000000000000002 in floating point.
  const days = Math.ceil((remaining * windowDays) / closed);
  const rounded = Math.round(ratePerDay * 10) / 10;
  const rate = rounded === 0 ? "fewer than 0.1 items" : rounded === 1 ? "1 item" : `${rounded} items`;
  const at = `At the last ${periodPossessive} rate of ${rate} closed a day`;
  const standing = `the ${items(remaining)} standing between this gate and Go`;
  const date = Number.isSafeInteger(days) ? shiftDay(today, days) : null;
  if (date === null) {
    return { ...base, date: null, method: `${at}, ${standing} would take ${days} days to close, too far ahead to forecast a date.` };
  }
  return { ...base, date, method: `${at}, ${standing} would be closed by ${date}.` };
}
