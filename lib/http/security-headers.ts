/**
 * The security headers proxy.ts puts on every response
 * (docs/decisions/0013-security-headers.md). Pure functions of the path and
 * the build, so tests check them without a server.
 */

/** Public surfaces (lib/public/respond.ts) write their own CSP and framing policy: only /embed may be framed. */
const PUBLIC_SURFACE = /^\/(status|embed|badge)\/|^\/api\/public\//;

/** The request header that carries the page's nonce from proxy.ts to the root layout. */
export const NONCE_HEADER = "x-nonce";

const HSTS_MAX_AGE_SECONDS = 2 * 365 * 24 * 60 * 60;

export interface HeaderOptions {
  /** The page's one-time script nonce (base64). */
  nonce: string;
  /** `next dev`: React's development build needs eval for its stack traces. */
  development: boolean;
  /** A production build: HSTS is sent (browsers ignore it over plain http). */
  production: boolean;
  /** READYROOM_HSTS_PRELOAD=true: the operator has submitted the domain to the preload list. */
  hstsPreload?: boolean;
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function isPublicSurface(pathname: string): boolean {
  return PUBLIC_SURFACE.test(pathname);
}

/** Route handlers that answer with data, not pages: nothing in them may load or run. */
function isApi(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

/**
 * The app's policy: scripts only with this response's nonce (and what they
 * load, through 'strict-dynamic'); everything else from this origin. Styles
 * allow inline because server-rendered React writes `style` attributes; CSS
 * cannot run script.
 */
export function appContentSecurityPolicy({ nonce, development }: Pick<HeaderOptions, "nonce" | "development">): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws:" : ""}`,
    "manifest-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** API answers are data: no content of any kind, never framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "browsing-topics=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "publickey-credentials-get=()",
  "serial=()",
  "usb=()",
  "xr-spatial-tracking=()",
].join(", ");

/** Headers for a response to `pathname`. The CSP also goes on the request, where Next reads the nonce for its own scripts. */
export function securityHeaders(pathname: string, options: HeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": PERMISSIONS_POLICY,
    "cross-origin-opener-policy": "same-origin",
  };
  if (options.production) {
    headers["strict-transport-security"] = `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains${options.hstsPreload ? "; preload" : ""}`;
  }
  if (isPublicSurface(pathname)) return headers;
  headers["content-security-policy"] = isApi(pathname) ? API_CONTENT_SECURITY_POLICY : appContentSecurityPolicy(options);
  headers["x-frame-options"] = "DENY";
  headers["cross-origin-resource-policy"] = "same-origin";
  return headers;
}
