import "server-only";
import { AppError } from "@/lib/errors";
import { toErrorResponse } from "@/lib/http/errors";
import { REQUEST_ID_HEADER, resolveRequestId } from "@/lib/http/request-id";
import { clientIp, enforceRateLimit } from "@/lib/rate-limit";

/** The sign-in page's message for a refused attempt (`/signin?error=RateLimited`). */
export const SIGN_IN_RATE_LIMITED = "RateLimited";

/** Counts one sign-in attempt from this client IP; a 429 RateLimitedError past the `signIn` policy. */
export async function limitSignIn(headers: Headers): Promise<void> {
  await enforceRateLimit("signIn", clientIp(headers), "sign-in attempts from this address");
}

/** Where Auth.js's routes take a sign-in attempt: the identity provider's callback, and a sign-in started by POST. */
const ATTEMPT = /\/api\/auth\/(?:callback|signin)\/[^/]+$/;

/**
 * Auth.js's route handlers with the sign-in limit in front of the attempts: a
 * browser is sent back to the sign-in page with the reason, another client
 * gets the 429.
 */
export function withSignInLimit<R extends Request>(handler: (req: R) => Promise<Response>) {
  return async (req: R): Promise<Response> => {
    if (ATTEMPT.test(new URL(req.url).pathname)) {
      try {
        await limitSignIn(req.headers);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if ((req.headers.get("accept") ?? "").includes("text/html")) {
          return new Response(null, { status: 303, headers: { location: `/signin?error=${SIGN_IN_RATE_LIMITED}`, ...error.headers } });
        }
        return toErrorResponse(error, resolveRequestId(req.headers.get(REQUEST_ID_HEADER)));
      }
    }
    return handler(req);
  };
}
