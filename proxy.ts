import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_ID_HEADER, resolveRequestId } from "@/lib/http/request-id";

/** The public surfaces set their own framing and content policies (lib/public/respond.ts): only /embed may be framed. */
const PUBLIC_SURFACE = /^\/(status|embed|badge)\/|^\/api\/public\//;

/**
 * Next 16's middleware. Every request gets a request id (kept from a trusted
 * upstream when well-formed), passed to handlers and returned to the client.
 * No page of the app may be framed.
 */
export function proxy(request: NextRequest) {
  const requestId = resolveRequestId(request.headers.get(REQUEST_ID_HEADER));
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  response.headers.set("x-content-type-options", "nosniff");
  response.headers.set("referrer-policy", "strict-origin-when-cross-origin");
  if (!PUBLIC_SURFACE.test(request.nextUrl.pathname)) {
    response.headers.set("content-security-policy", "frame-ancestors 'none'");
    response.headers.set("x-frame-options", "DENY");
  }
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
