import { afterEach, describe, expect, it, vi } from "vitest";
import { createUser } from "@/test/factories";
import { rawDb } from "../client";
import { authAdapter } from "./auth-adapter";
import { createSession } from "./identity";

const HOUR = 3_600_000;
const adapter = authAdapter();

async function signedIn(age: { createdMsAgo?: number; lastSeenMsAgo?: number } = {}) {
  const user = await createUser("session");
  const { sessionToken } = await createSession(user.id, 7 * 24 * 3600);
  const db = await rawDb();
  const now = Date.now();
  await db.session.update({ where: { sessionToken }, data: { createdAt: new Date(now - (age.createdMsAgo ?? 0)), lastSeenAt: new Date(now - (age.lastSeenMsAgo ?? 0)) } });
  return { user, sessionToken, row: () => db.session.findUnique({ where: { sessionToken } }) };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("sessions end on the idle and the absolute timeout", () => {
  it("finds a fresh session with its user, without writing", async () => {
    const s = await signedIn();
    const before = (await s.row())!.lastSeenAt;
    const found = await adapter.getSessionAndUser!(s.sessionToken);
    expect(found?.user.id).toBe(s.user.id);
    expect((await s.row())!.lastSeenAt).toEqual(before);
  });

  it("records activity at most once a minute", async () => {
    const s = await signedIn({ lastSeenMsAgo: 5 * 60_000 });
    const before = (await s.row())!.lastSeenAt;
    expect(await adapter.getSessionAndUser!(s.sessionToken)).not.toBeNull();
    expect((await s.row())!.lastSeenAt.getTime()).toBeGreaterThan(before.getTime());
  });

  it("deletes a session idle for longer than READYROOM_SESSION_IDLE_MINUTES", async () => {
    vi.stubEnv("READYROOM_SESSION_IDLE_MINUTES", "30");
    const active = await signedIn({ lastSeenMsAgo: 29 * 60_000 });
    expect(await adapter.getSessionAndUser!(active.sessionToken)).not.toBeNull();
    const idle = await signedIn({ lastSeenMsAgo: 31 * 60_000 });
    expect(await adapter.getSessionAndUser!(idle.sessionToken)).toBeNull();
    expect(await idle.row()).toBeNull();
  });

  it("deletes a session older than READYROOM_SESSION_MAX_HOURS however active", async () => {
    vi.stubEnv("READYROOM_SESSION_MAX_HOURS", "8");
    const old = await signedIn({ createdMsAgo: 8 * HOUR + 1000, lastSeenMsAgo: 1000 });
    expect(await adapter.getSessionAndUser!(old.sessionToken)).toBeNull();
    expect(await old.row()).toBeNull();
    const young = await signedIn({ createdMsAgo: 7 * HOUR, lastSeenMsAgo: 1000 });
    expect(await adapter.getSessionAndUser!(young.sessionToken)).not.toBeNull();
  });

  it("finds nothing for a token that is not a session", async () => {
    expect(await adapter.getSessionAndUser!("no-such-token")).toBeNull();
  });
});
