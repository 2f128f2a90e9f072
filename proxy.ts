import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_ID_HEADER, resolveRequestId } from "@/lib/http/request-id";
import { NONCE_HEADER, newNonce, securityHeaders } from "@/lib/http/security-headers";

/**
 * Next 16's middleware. Every request gets a request id (kept from a trusted
 * upstream when well-formed), passed to handlers and returned to the client,
 * and every response the security headers of lib/http/security-headers.ts,
 * with a fresh script nonce per page. The CSP also goes on the request: Next
 * reads the nonce from it for the scripts it writes, and the root layout
 * passes it on.
 */
export function proxy(request: NextRequest) {
  const requestId = resolveRequestId(request.headers.get(REQUEST_ID_HEADER));
  const nonce = newNonce();
  const security = securityHeaders(request.nextUrl.pathname, {
    nonce,
    development: process.env.NODE_ENV === "development",
    production: process.env.NODE_ENV === "production",
    hstsPreload: process.env.READYROOM_HSTS_PRELOAD === "true",
  });
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  headers.delete(NONCE_HEADER);
  if (security["content-security-policy"]) {
    headers.set("content-security-policy", security["content-security-policy"]);
    headers.set(NONCE_HEADER, nonce);
  }
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  return response;
}

// Every path, static files included: each response carries the headers.
export const config = {
  matcher: "/:path*",
};
