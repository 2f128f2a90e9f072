import { createHash, randomBytes } from "node:crypto";

/** API keys look like `rr_<12-char prefix>_<secret>`; only the SHA-256 of the whole key is stored. */
export const API_KEY_PATTERN = /^rr_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{32,}$/;

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = `rr_${randomBytes(9).toString("base64url").replace(/[-_]/g, "x").slice(0, 12)}`;
  const key = `${prefix}_${randomBytes(32).toString("base64url")}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function bearerToken(header: string | null): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}
