import { rawDb } from "../client";

/** How long a key is kept (stated in the API documentation). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
/** A first request that has not finished in this time is taken to have died with its server; a retry may take it over. */
export const IDEMPOTENCY_ABANDONED_MS = 5 * 60_000;

export type IdempotencyClaim =
  | { kind: "claimed"; id: string }
  | { kind: "replay"; status: number; sealed: string }
  | { kind: "in_progress" }
  | { kind: "mismatch" };

/**
 * Claims `key` in `scope` for a request with `fingerprint`: the first request
 * inserts the record (ON CONFLICT DO NOTHING, so two racing requests cannot
 * both win); later ones learn whether to replay, wait or refuse. An expired
 * record is removed and the key claimed afresh.
 */
export async function claimIdempotencyKey(scope: string, key: string, fingerprint: string, now = new Date()): Promise<IdempotencyClaim> {
  const db = await rawDb();
  for (let attempt = 0; attempt < 3; attempt++) {
    const [created] = await db.idempotencyRecord.createManyAndReturn({
      data: [{ scope, key, fingerprint, lockedAt: now, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS) }],
      skipDuplicates: true,
      select: { id: true },
    });
    if (created) return { kind: "claimed", id: created.id };
    const existing = await db.idempotencyRecord.findUnique({ where: { scope_key: { scope, key } } });
    if (!existing) continue;
    if (existing.expiresAt <= now) {
      await db.idempotencyRecord.deleteMany({ where: { id: existing.id, expiresAt: { lte: now } } });
      continue;
    }
    if (existing.fingerprint !== fingerprint) return { kind: "mismatch" };
    if (existing.responseStatus !== null && existing.responseSealed !== null) return { kind: "replay", status: existing.responseStatus, sealed: existing.responseSealed };
    if (now.getTime() - existing.lockedAt.getTime() < IDEMPOTENCY_ABANDONED_MS) return { kind: "in_progress" };
    const taken = await db.idempotencyRecord.updateMany({ where: { id: existing.id, lockedAt: existing.lockedAt, responseStatus: null }, data: { lockedAt: now } });
    if (taken.count === 1) return { kind: "claimed", id: existing.id };
  }
  return { kind: "in_progress" };
}

/** Keeps the first response for replays. */
export async function completeIdempotencyKey(id: string, status: number, sealed: string): Promise<void> {
  const db = await rawDb();
  await db.idempotencyRecord.update({ where: { id }, data: { responseStatus: status, responseSealed: sealed } });
}

/** Gives the key back (the request failed and wrote nothing): a retry runs again. */
export async function releaseIdempotencyKey(id: string): Promise<void> {
  const db = await rawDb();
  await db.idempotencyRecord.deleteMany({ where: { id, responseStatus: null } });
}

/** Deletes expired records (the hourly job). */
export async function purgeExpiredIdempotencyKeys(now = new Date()): Promise<number> {
  const db = await rawDb();
  return (await db.idempotencyRecord.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}
