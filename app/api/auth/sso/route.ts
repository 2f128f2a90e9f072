import { withErrors } from "@/lib/http/route";
import { startSsoSignIn } from "@/lib/sso/login";

/** "Continue with SSO": a form post with the work email (lib/sso/login.ts). */
export const POST = withErrors(({ req, request }) => startSsoSignIn(req, request));
