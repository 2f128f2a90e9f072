/**
 * How long a sign-in lasts (docs/decisions/0016-requests-and-sessions.md):
 * a session ends after READYROOM_SESSION_IDLE_MINUTES without a request
 * (default 12 hours) and READYROOM_SESSION_MAX_HOURS after sign-in whatever
 * the activity (default 7 days). Pure, so both are tested without a clock.
 */
export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export const DEFAULT_IDLE_MINUTES = 12 * 60;
export const DEFAULT_MAX_HOURS = 7 * 24;
/** Activity is written at most this often per session, so reads do not each write. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

function wholeNumber(value: string | undefined, fallback: number, min: number, max: number): number {
  const n = Number(value);
  return value?.trim() && Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

export function sessionPolicy(env: Record<string, string | undefined> = process.env): SessionPolicy {
  return {
    idleMs: wholeNumber(env.READYROOM_SESSION_IDLE_MINUTES, DEFAULT_IDLE_MINUTES, 5, 10_080) * 60_000,
    absoluteMs: wholeNumber(env.READYROOM_SESSION_MAX_HOURS, DEFAULT_MAX_HOURS, 1, 8_760) * 3_600_000,
  };
}

/**
 * What a request does with a session: `expired` (past its absolute end or
 * idle too long: delete it), `touch` (record the activity), or `active`.
 */
export function sessionState(session: { createdAt: Date; lastSeenAt: Date; expires: Date }, now: Date, policy: SessionPolicy): "expired" | "touch" | "active" {
  const at = now.getTime();
  if (at >= session.expires.getTime() || at >= session.createdAt.getTime() + policy.absoluteMs) return "expired";
  if (at - session.lastSeenAt.getTime() >= policy.idleMs) return "expired";
  return at - session.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS ? "touch" : "active";
}
