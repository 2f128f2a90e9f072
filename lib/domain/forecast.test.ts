import { describe, expect, it } from "vitest";
import { addDays, forecastGo } from "./forecast";

describe("addDays", () => {
  it("crosses month, year and leap-day boundaries in UTC", () => {
    expect(addDays("2026-12-30", 5)).toBe("2027-01-04");
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-11-20", 0)).toBe("2026-11-20");
  });

  it("rejects days that are not YYYY-MM-DD calendar days, and fractional shifts", () => {
    expect(() => addDays("2026-02-30", 1)).toThrow(RangeError);
    expect(() => addDays("2026-1-5", 1)).toThrow(RangeError);
    expect(() => addDays("2026-11-20T00:00:00Z", 1)).toThrow(RangeError);
    expect(() => addDays("2026-11-20", 1.5)).toThrow(RangeError);
    expect(() => addDays("2026-11-20", Number.NaN)).toThrow(RangeError);
    expect(() => addDays("9999-12-31", 1)).toThrow(RangeError);
  });
});

describe("forecastGo", () => {
  it("forecasts today when nothing stands between the gate and Go", () => {
    const forecast = forecastGo({ remaining: 0, closedInWindow: 0, windowDays: 14, today: "2026-11-20" });
    expect(forecast).toMatchObject({ date: "2026-11-20", ratePerDay: 0, remaining: 0, windowDays: 14 });
    expect(forecast.method).toBe("No items stand between this gate and Go, so it could go today, 2026-11-20.");
  });

  it("gives no date when nothing was closed in the window", () => {
    const forecast = forecastGo({ remaining: 9, closedInWindow: 0, windowDays: 14, today: "2026-11-20" });
    expect(forecast.date).toBeNull();
    expect(forecast.ratePerDay).toBe(0);
    expect(forecast.method).toBe("No items were closed in the last 14 days, so no date can be forecast for the 9 items standing between this gate and Go.");
  });

  it("divides the remaining items by the window's rate", () => {
    const forecast = forecastGo({ remaining: 9, closedInWindow: 21, windowDays: 14, today: "2026-12-02" });
    expect(forecast).toMatchObject({ date: "2026-12-08", ratePerDay: 1.5, remaining: 9, windowDays: 14 });
    expect(forecast.method).toBe(
      "At the last 14 days’ rate of 1.5 items closed a day, the 9 items standing between this gate and Go would be closed by 2026-12-08.",
    );
  });

  it("rounds a fractional number of days up, and the rate to one decimal in the sentence only", () => {
    // 10 items at 4 / 14 a day take 35 days exactly; 11 take 38.5, so 39.
    expect(forecastGo({ remaining: 10, closedInWindow: 4, windowDays: 14, today: "2026-11-01" }).date).toBe("2026-12-06");
    const forecast = forecastGo({ remaining: 11, closedInWindow: 4, windowDays: 14, today: "2026-11-01" });
    expect(forecast.date).toBe("2026-12-10");
    expect(forecast.ratePerDay).toBeCloseTo(4 / 14, 12);
    expect(forecast.method).toContain("rate of 0.3 items closed a day");
    expect(forecast.method).toContain("the 11 items standing");
  });

  it("counts days exactly where floating point division would add one", () => {
    // 17 / (17 / 14) is 14.000000000000002 in floating point, which would round up to 15.
    expect(forecastGo({ remaining: 17, closedInWindow: 17, windowDays: 14, today: "2026-11-01" }).date).toBe("2026-11-15");
  });

  it("crosses the year boundary", () => {
    expect(forecastGo({ remaining: 5, closedInWindow: 7, windowDays: 7, today: "2026-12-30" }).date).toBe("2027-01-04");
  });

  it("words one item, one day and very slow rates", () => {
    expect(forecastGo({ remaining: 1, closedInWindow: 1, windowDays: 1, today: "2026-11-01" }).method).toBe(
      "At the last day’s rate of 1 item closed a day, the 1 item standing between this gate and Go would be closed by 2026-11-02.",
    );
    expect(forecastGo({ remaining: 1, closedInWindow: 1, windowDays: 30, today: "2026-11-01" }).method).toContain("rate of fewer than 0.1 items closed a day");
    expect(forecastGo({ remaining: 4, closedInWindow: 0, windowDays: 1, today: "2026-11-01" }).method).toContain("closed in the last day,");
  });

  it("gives no date when the forecast falls past the year 9999", () => {
    const forecast = forecastGo({ remaining: 4_000_000, closedInWindow: 1, windowDays: 1, today: "2026-11-01" });
    expect(forecast.date).toBeNull();
    expect(forecast.method).toContain("would take 4000000 days to close");
  });

  it("rejects negative, non-finite and fractional counts, an empty window and a malformed today", () => {
    const ok = { remaining: 9, closedInWindow: 21, windowDays: 14, today: "2026-12-02" };
    expect(() => forecastGo(ok)).not.toThrow();
    for (const bad of [
      { remaining: -1 },
      { remaining: Number.POSITIVE_INFINITY },
      { remaining: Number.NaN },
      { remaining: 1.5 },
      { closedInWindow: -3 },
      { closedInWindow: Number.NaN },
      { windowDays: 0 },
      { windowDays: -14 },
      { windowDays: Number.POSITIVE_INFINITY },
      { today: "02/12/2026" },
      { today: "2026-13-01" },
    ]) {
      expect(() => forecastGo({ ...ok, ...bad }), JSON.stringify(bad)).toThrow(RangeError);
    }
  });
});
