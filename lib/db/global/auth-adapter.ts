import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Adapter } from "next-auth/adapters";
import { rawDb } from "../client";

/**
 * Auth.js stores users, accounts and sessions through Prisma. The database opens
 * lazily (the embedded one applies migrations first), so each adapter call waits
 * for the client before it delegates.
 */
export function authAdapter(): Adapter {
  let adapter: Promise<Adapter> | undefined;
  const get = () => (adapter ??= rawDb().then((db) => PrismaAdapter(db as never) as Adapter));
  return new Proxy({} as Adapter, {
    get(_target, method: string) {
      return async (...args: unknown[]) => {
        const impl = (await get()) as Record<string, (...a: unknown[]) => unknown>;
        const fn = impl[method];
        if (!fn) throw new Error(`Auth adapter method ${method} is not available.`);
        return fn(...args);
      };
    },
    has: () => true,
  });
}
