import "server-only";
import { createHash } from "node:crypto";
import { REQUEST_ID_HEADER } from "@/lib/http/request-id";
import { logger } from "@/lib/logger";
import { clientIp, rateLimit, rateLimitHeaders } from "@/lib/rate-limit";
import type { PublicStatus } from "@/lib/services/public/load-public-status";
import { publicStatusCache } from "@/lib/services/public/public-status-cache";
import { renderBadge } from "./badge";
import { PAGE_STYLE_HASH, renderNotFound, renderRateLimited } from "./pages";

/**
 * How every public surface answers (docs/decisions/0009-public-status.md):
 * rate-limited per client IP, one cached read per slug and window, a strong
 * ETag with 304, the same 404 for an unknown and an unpublished slug, its own
 * security headers, no cookie read or set, and CORS only on the JSON routes.
 */
export type PublicKind = "page" | "embed" | "badge" | "json";

export const PUBLIC_CACHE_CONTROL = "public, max-age=30, s-maxage=60, stale-while-revalidate=300, stale-if-error=86400";
const NOT_FOUND_CACHE_CONTROL = "public, max-age=30, s-maxage=60";

const PUBLIC_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])$/;

const CONTENT_TYPE: Record<PublicKind, string> = {
  page: "text/html; charset=utf-8",
  embed: "text/html; charset=utf-8",
  badge: "image/svg+xml; charset=utf-8",
  json: "application/json; charset=utf-8",
};

/** Security headers by surface; only the embed may be framed, and only by the project's listed origins. */
function securityHeaders(kind: PublicKind, embedOrigins: string[]): Record<string, string> {
  if (kind === "json") {
    return {
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
      "access-control-allow-origin": "*",
      "access-control-expose-headers": "ETag, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, X-Request-Id",
      "cross-origin-resource-policy": "cross-origin",
      "x-frame-options": "DENY",
    };
  }
  if (kind === "badge") return { "content-security-policy": "default-src 'none'; frame-ancestors 'none'", "cross-origin-resource-policy": "cross-origin", "x-frame-options": "DENY" };
  const ancestors = kind === "embed" && embedOrigins.length ? embedOrigins.join(" ") : "'none'";
  return {
    "content-security-policy": `default-src 'none'; style-src ${PAGE_STYLE_HASH}; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors ${ancestors}`,
    ...(ancestors === "'none'" ? { "x-frame-options": "DENY" } : {}),
  };
}

export function strongEtag(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): "W/" is ignored, "*" matches. */
export function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === etag;
  });
}

function errorBody(kind: PublicKind, code: "not_found" | "rate_limited" | "service_unavailable", requestId: string, retryAfter = 0): string {
  const messages = {
    not_found: "No published status page has this address.",
    rate_limited: `Too many requests. Try again in ${retryAfter} seconds.`,
    service_unavailable: "The status page cannot be read right now. Try again shortly.",
  };
  if (kind === "json") return JSON.stringify({ error: { code, message: messages[code], requestId } });
  if (kind === "badge") return renderBadge({ label: "release", message: code === "not_found" ? "not found" : code === "rate_limited" ? "rate limited" : "unavailable", color: "lightgrey", style: "flat", size: "small" });
  if (code === "rate_limited") return renderRateLimited(retryAfter);
  return code === "not_found" ? renderNotFound(requestId) : renderNotFound(requestId).replace("No status page here", "Temporarily unavailable");
}

const RENDERS_KEPT_PER_STATUS = 32;

export interface PublicRender {
  body: string;
}

/**
 * A public route handler. `slugOf` reads the public slug from the route's
 * params (null when the address cannot be one); `render` turns the status
 * into the response body.
 */
export function publicRoute<P>(
  kind: PublicKind,
  slugOf: (params: P) => string | null,
  render: (args: { req: Request; status: PublicStatus }) => PublicRender,
) {
  // The cache hands out one status object per project per window: its renders (and their ETags) are kept with it, a few per object,
  // since the query string (sections, theme, style, label) is the caller's to vary.
  const renders = new WeakMap<PublicStatus, Map<string, { body: string; etag: string }>>();
  const rendered = (req: Request, status: PublicStatus) => {
    const key = `${req.headers.get("host") ?? ""} ${req.url}`;
    const kept = renders.get(status) ?? new Map<string, { body: string; etag: string }>();
    const hit = kept.get(key);
    if (hit) return hit;
    const { body } = render({ req, status });
    const fresh = { body, etag: strongEtag(body) };
    if (kept.size < RENDERS_KEPT_PER_STATUS) kept.set(key, fresh);
    renders.set(status, kept);
    return fresh;
  };
  return async (req: Request, { params }: { params: Promise<P> }): Promise<Response> => {
    const requestId = req.headers.get(REQUEST_ID_HEADER) ?? crypto.randomUUID();
    const limited = await rateLimit("public", clientIp(req.headers));
    const answer = (status: number, body: string | null, headers: Record<string, string>, embedOrigins: string[] = []) =>
      new Response(req.method === "HEAD" ? null : body, {
        status,
        headers: { "content-type": CONTENT_TYPE[kind], vary: "Accept-Encoding", ...securityHeaders(kind, embedOrigins), ...rateLimitHeaders(limited), ...headers },
      });
    if (!limited.success) {
      const retryAfter = Number(rateLimitHeaders(limited)["retry-after"]);
      return answer(429, errorBody(kind, "rate_limited", requestId, retryAfter), { "cache-control": "no-store" });
    }
    try {
      const slug = slugOf(await params);
      const status = slug && PUBLIC_SLUG.test(slug) ? await publicStatusCache().get(slug) : null;
      if (!status) return answer(404, errorBody(kind, "not_found", requestId), { "cache-control": NOT_FOUND_CACHE_CONTROL });
      const { body, etag } = rendered(req, status);
      const cached = { etag, "cache-control": PUBLIC_CACHE_CONTROL };
      if (etagMatches(req.headers.get("if-none-match"), etag)) return answer(304, null, cached, status.embedOrigins);
      return answer(200, body, cached, status.embedOrigins);
    } catch (error) {
      logger.error({ err: error, requestId, kind }, "public status failed");
      return answer(503, errorBody(kind, "service_unavailable", requestId), { "cache-control": "no-store", "retry-after": "30" });
    }
  };
}

/** CORS preflight for the JSON routes (a conditional GET from a browser sends If-None-Match). */
export function publicPreflight(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      "access-control-allow-origin": "*",
      "access-control-allow-methods": "GET, HEAD, OPTIONS",
      "access-control-allow-headers": "If-None-Match",
      "access-control-max-age": "86400",
    },
  });
}
