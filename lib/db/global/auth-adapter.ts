import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Adapter } from "next-auth/adapters";
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
  return Object.fromEntries(
    methods.map((method) => [method, async (...args: unknown[]) => (await get())[method]!(...args)]),
  ) as Adapter;
}
