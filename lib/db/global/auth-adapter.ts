import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Adapter, AdapterSession, AdapterUser } from "next-auth/adapters";
import { sessionPolicy, sessionState } from "@/lib/auth/session-policy";
import { rawDb } from "../client";

/**
 * Auth.js stores users, accounts and sessions through Prisma. The database opens
 * lazily (the embedded one applies migrations first), so each adapter method
 * waits for the client before it delegates to the Prisma adapter.
 */
export function authAdapter(): Adapter {
  let adapter: Promise<Record<string, (...args: unknown[]) => unknown>> | undefined;
  const get = () => (adapter ??= rawDb().then((db) => PrismaAdapter(db as never) as never));
  // The method names come from the adapter itself (it only stores the client when built).
  const methods = Object.keys(PrismaAdapter({} as never));
  const delegated = Object.fromEntries(
    methods.map((method) => [method, async (...args: unknown[]) => (await get())[method]!(...args)]),
  ) as Adapter;
  return { ...delegated, getSessionAndUser: sessionWithTimeouts };
}

/**
 * A session is found only while neither timeout has passed
 * (lib/auth/session-policy.ts): an ended one is deleted, so its cookie stops
 * working at once; an active one records the activity (at most once a minute).
 */
async function sessionWithTimeouts(sessionToken: string): Promise<{ session: AdapterSession; user: AdapterUser } | null> {
  const db = await rawDb();
  const row = await db.session.findUnique({ where: { sessionToken }, include: { user: true } });
  if (!row) return null;
  const now = new Date();
  const state = sessionState(row, now, sessionPolicy());
  if (state === "expired") {
    await db.session.deleteMany({ where: { sessionToken } });
    return null;
  }
  if (state === "touch") await db.session.updateMany({ where: { sessionToken }, data: { lastSeenAt: now } });
  const { user, ...session } = row;
  return { session, user: user as AdapterUser };
}
