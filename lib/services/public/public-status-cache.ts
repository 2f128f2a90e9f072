import "server-only";
import { logger } from "@/lib/logger";
import { loadPublicStatus, type PublicStatus } from "./load-public-status";

/** How long a read serves every request for its slug: the public Cache-Control's max-age. */
export const CACHE_WINDOW_MS = 30_000;
/** A read that fails serves the last good one for up to a day (stale-if-error). */
const STALE_IF_ERROR_MS = 86_400_000;
/** Slugs remembered at most (unknown ones included, so guessing slugs cannot grow memory without bound). */
const MAX_SLUGS = 2_000;

interface Entry {
  value?: PublicStatus | null;
  readAt: number;
  pending?: Promise<PublicStatus | null>;
}

/**
 * Public status per slug, read at most once per window per process however
 * many requests arrive at once: a request in the window gets the last read,
 * and requests that find it expired share one new read (single flight).
 */
export function createPublicStatusCache(load: (slug: string) => Promise<PublicStatus | null> = loadPublicStatus, now: () => number = Date.now) {
  const entries = new Map<string, Entry>();

  function remember(slug: string, entry: Entry) {
    entries.delete(slug);
    entries.set(slug, entry);
    while (entries.size > MAX_SLUGS) entries.delete(entries.keys().next().value!);
  }

  return {
    get(slug: string): Promise<PublicStatus | null> {
      const entry = entries.get(slug);
      if (entry?.pending) return entry.pending;
      if (entry && entry.value !== undefined && now() - entry.readAt < CACHE_WINDOW_MS) return Promise.resolve(entry.value);
      const pending = load(slug).then(
        (value) => {
          remember(slug, { value, readAt: now() });
          return value;
        },
        (error: unknown) => {
          if (entry && entry.value !== undefined && now() - entry.readAt < STALE_IF_ERROR_MS) {
            logger.warn({ err: error instanceof Error ? error.message : String(error), slug }, "public status: read failed; serving the last good one");
            remember(slug, { value: entry.value, readAt: entry.readAt });
            return entry.value;
          }
          entries.delete(slug);
          throw error;
        },
      );
      remember(slug, { value: entry?.value, readAt: entry?.readAt ?? 0, pending });
      return pending;
    },
    /** Forgets a slug, so its next request reads again (publishing settings changed). */
    forget(slug: string) {
      entries.delete(slug);
    },
    get size() {
      return entries.size;
    },
  };
}

const global = globalThis as { __readyroomPublicStatus?: ReturnType<typeof createPublicStatusCache> };

/** The process's cache. */
export function publicStatusCache() {
  return (global.__readyroomPublicStatus ??= createPublicStatusCache());
}
