import { cookies } from "next/headers";
import { DEMO_USERS, demoSignInEnabled } from "@/lib/auth/demo";
import { secureCookies, sessionCookieName } from "@/lib/auth/cookies";
import { sessionPolicy } from "@/lib/auth/session-policy";
import { limitSignIn, SIGN_IN_RATE_LIMITED } from "@/lib/auth/sign-in-limit";
import { createSession, findUserByEmail } from "@/lib/db/global/identity";
import { AppError, NotFoundError } from "@/lib/errors";
import { withErrors } from "@/lib/http/route";
import { appOrigin } from "@/lib/http/urls";
import { safeCallbackPath } from "@/lib/http/redirects";
import { nonSsoSignIn } from "@/lib/sso/enforcement";

/**
 * Demo sign-in: a form post with a seeded demo user's email starts a database
 * session for that user. Refused (404) whenever demo mode is off
 * (lib/auth/demo.ts), so it cannot exist in production.
 */
export const POST = withErrors(async ({ req, request }) => {
  if (!demoSignInEnabled()) throw new NotFoundError("Page");
  const origin = req.headers.get("origin");
  if (origin && origin !== appOrigin(req)) throw new AppError("forbidden", "Cross-site sign-in is refused.");
  try {
    await limitSignIn(req.headers);
  } catch (error) {
    if (error instanceof AppError && wantsHtml(req)) return redirectTo(req, `/signin?error=${SIGN_IN_RATE_LIMITED}`);
    throw error;
  }
  const form = await req.formData().catch(() => {
    throw new AppError("bad_request", "Send the demo user as a form field named email.");
  });
  const email = String(form.get("email") ?? "").toLowerCase();
  if (!DEMO_USERS.some((u) => u.email === email)) throw new AppError("validation_failed", "Invalid email: not a demo user.", [{ path: "email", message: "not a demo user" }]);
  const user = await findUserByEmail(email);
  if (!user) {
    if (wantsHtml(req)) return redirectTo(req, "/signin?error=DemoNotSeeded");
    throw new AppError("not_found", "The demo users are not seeded yet. Run `readyroom seed --demo`.");
  }
  const decision = await nonSsoSignIn(email, "demo", request);
  if (!decision.allowed) return redirectTo(req, decision.redirectTo);
  const session = await createSession(user.id, sessionPolicy().absoluteMs / 1000);
  (await cookies()).set(sessionCookieName(), session.sessionToken, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: secureCookies(),
    expires: session.expires,
  });
  return redirectTo(req, safeCallbackPath(String(form.get("callbackUrl") ?? "/")));
});

function wantsHtml(req: Request): boolean {
  return (req.headers.get("accept") ?? "").includes("text/html");
}

function redirectTo(req: Request, path: string): Response {
  return new Response(null, { status: 303, headers: { location: new URL(path, appOrigin(req)).toString() } });
}
