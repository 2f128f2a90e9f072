import { rawDb } from "../client";

/** Finds a usable API key by the hash of the presented secret, with its workspace. */
export async function findActiveApiKey(hash: string) {
  const db = await rawDb();
  const key = await db.apiKey.findUnique({
    where: { hash },
    select: {
      id: true,
      name: true,
      role: true,
      rateLimitPerMinute: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      workspace: { select: { id: true, slug: true, name: true } },
    },
  });
  if (!key || key.revokedAt || (key.expiresAt && key.expiresAt <= new Date())) return null;
  // Last-used time is coarse (a minute) so that busy keys do not write on every request.
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
  }
  return key;
}
