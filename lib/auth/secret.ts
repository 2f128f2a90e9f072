import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { databaseConfig } from "@/lib/db/config";

/**
 * AUTH_SECRET signs Auth.js's CSRF and state cookies. Production must set it.
 * The embedded mode keeps a generated one beside its data so that a local
 * install works with no configuration and sessions survive a restart.
 */
export function authSecret(): string | undefined {
  const configured = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (configured) return configured;
  const db = databaseConfig();
  if (db.kind !== "embedded") return undefined;
  if (db.dataDir === "memory") return (process.env.AUTH_SECRET = randomBytes(32).toString("base64url"));
  const file = path.join(path.dirname(db.dataDir), "auth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return secret;
  }
}
