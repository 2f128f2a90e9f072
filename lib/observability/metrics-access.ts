import { createHash, timingSafeEqual } from "node:crypto";
import { bearerToken } from "@/lib/auth/api-key-secret";

/**
 * Who may read /api/metrics: a scraper with `Authorization: Bearer
 * <READYROOM_METRICS_TOKEN>`. With no token configured the route does not
 * exist (404); a missing or wrong token is 401. Compared in constant time.
 */
export function metricsAccess(authorization: string | null, configured = process.env.READYROOM_METRICS_TOKEN): "off" | "allowed" | "refused" {
  const expected = configured?.trim();
  if (!expected) return "off";
  const given = bearerToken(authorization);
  if (!given) return "refused";
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected)) ? "allowed" : "refused";
}
