import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "./secret";

/**
 * Encryption at rest for what Readyroom must keep but never show in the
 * clear (webhook signing secrets, replayable responses): AES-256-GCM with a
 * key derived from AUTH_SECRET by HKDF, one derived key per purpose so that a
 * value sealed for one use cannot be opened as another. Sealed text is
 * `v1.<iv>.<tag>.<ciphertext>`, base64url parts.
 */
export type SealPurpose = "webhook-secret" | "idempotent-response" | "sso-client-secret" | "sso-state";

const keys = new Map<SealPurpose, Buffer>();

function keyFor(purpose: SealPurpose): Buffer {
  let key = keys.get(purpose);
  if (!key) {
    const secret = authSecret();
    if (!secret) throw new Error("AUTH_SECRET is not set: it is needed to encrypt data at rest.");
    key = Buffer.from(hkdfSync("sha256", secret, "readyroom", `readyroom/${purpose}/v1`, 32));
    keys.set(purpose, key);
  }
  return key;
}

export function seal(purpose: SealPurpose, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/** Opens a sealed value; throws when it was altered, sealed for another purpose or with another secret. */
export function unseal(purpose: SealPurpose, sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || ciphertext === undefined) throw new Error("Not a sealed value.");
  const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
