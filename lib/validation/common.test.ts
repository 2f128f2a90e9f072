import { describe, expect, it } from "vitest";
import { isoDate, isoDay } from "./common";

describe("dates and instants in input", () => {
  it("are kept between the years 0001 and 9999 in UTC, which the database stores and JavaScript reads back", () => {
    for (const ok of ["0001-01-01", "2026-02-28", "9999-12-31"]) expect(isoDay.safeParse(ok).success).toBe(true);
    for (const ok of ["0001-01-01T00:00:00Z", "2026-12-06T10:00:00+02:00", "9999-12-31T23:59:59Z"]) expect(isoDate.safeParse(ok).success).toBe(true);
    // Year 0 is not a PostgreSQL year; past 9999 comes back from the database as an invalid Date.
    for (const bad of ["0000-01-01", "0000-02-29"]) expect(isoDay.safeParse(bad).error?.issues[0]?.message).toBe("must be between the years 0001 and 9999");
    for (const bad of ["0000-02-29T20:00:00Z", "0001-01-01T00:30:00+01:00", "9999-12-31T23:59:59-23:59"]) {
      expect(isoDate.safeParse(bad).error?.issues[0]?.message).toBe("must be between the years 0001 and 9999");
    }
  });
});
