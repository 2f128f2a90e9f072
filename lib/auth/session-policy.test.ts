import { describe, expect, it } from "vitest";
import { DEFAULT_IDLE_MINUTES, DEFAULT_MAX_HOURS, sessionPolicy, sessionState } from "./session-policy";

const MIN = 60_000;
const HOUR = 60 * MIN;
const policy = { idleMs: 30 * MIN, absoluteMs: 8 * HOUR };
const signedIn = new Date("2026-03-01T09:00:00Z");
const at = (ms: number) => new Date(signedIn.getTime() + ms);
const session = (lastSeenMs: number) => ({ createdAt: signedIn, lastSeenAt: at(lastSeenMs), expires: at(policy.absoluteMs) });

describe("sessionPolicy", () => {
  it("defaults to 12 hours idle and 7 days in all", () => {
    expect(sessionPolicy({})).toEqual({ idleMs: DEFAULT_IDLE_MINUTES * MIN, absoluteMs: DEFAULT_MAX_HOURS * HOUR });
    expect(DEFAULT_IDLE_MINUTES).toBe(720);
    expect(DEFAULT_MAX_HOURS).toBe(168);
  });

  it("takes whole numbers in range from the environment and ignores anything else", () => {
    expect(sessionPolicy({ READYROOM_SESSION_IDLE_MINUTES: "15", READYROOM_SESSION_MAX_HOURS: "10" })).toEqual({ idleMs: 15 * MIN, absoluteMs: 10 * HOUR });
    for (const bad of ["", "abc", "2.5", "4", "99999"]) expect(sessionPolicy({ READYROOM_SESSION_IDLE_MINUTES: bad }).idleMs, bad).toBe(DEFAULT_IDLE_MINUTES * MIN);
  });
});

describe("sessionState", () => {
  it("keeps an active session, recording activity at most once a minute", () => {
    expect(sessionState(session(0), at(30_000), policy)).toBe("active");
    expect(sessionState(session(0), at(MIN), policy)).toBe("touch");
    expect(sessionState(session(2 * HOUR), at(2 * HOUR + 29 * MIN), policy)).toBe("touch");
  });

  it("ends a session idle for the idle timeout", () => {
    expect(sessionState(session(0), at(30 * MIN - 1), policy)).toBe("touch");
    expect(sessionState(session(0), at(30 * MIN), policy)).toBe("expired");
  });

  it("ends a session at its absolute end however active", () => {
    expect(sessionState(session(8 * HOUR - 2 * MIN), at(8 * HOUR - 1), policy)).toBe("touch");
    expect(sessionState(session(8 * HOUR - 1000), at(8 * HOUR), policy)).toBe("expired");
    // A row written under a longer policy ends at the shorter one now in force.
    expect(sessionState({ ...session(8 * HOUR), expires: at(100 * HOUR) }, at(8 * HOUR + 1), policy)).toBe("expired");
  });
});
