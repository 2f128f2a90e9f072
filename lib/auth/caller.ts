import { headers } from "next/headers";
import { findActiveApiKey } from "@/lib/db/global/api-keys";
import { AppError, RateLimitedError, UnauthorizedError } from "@/lib/errors";
import { crossOriginRefusal } from "@/lib/http/cross-origin";
import { appOrigin } from "@/lib/http/urls";
import { rateLimit, rateLimitHeaders } from "@/lib/rate-limit";
import { auth } from "./config";
import { API_KEY_PATTERN, bearerToken, hashApiKey } from "./api-key-secret";

/** Who is calling: a signed-in user (session cookie) or an API key of one workspace. */
export type Caller =
  | { type: "user"; userId: string; email: string; name: string | null }
  | {
      type: "apiKey";
      apiKeyId: string;
      name: string;
      role: "read" | "write" | "admin";
      rateLimitPerMinute: number;
      workspace: { id: string; slug: string; name: string };
    };

export async function currentCaller(): Promise<Caller | null> {
  const token = bearerToken((await headers()).get("authorization"));
  if (token) {
    if (!API_KEY_PATTERN.test(token)) throw new UnauthorizedError("The API key is not valid.");
    const key = await findActiveApiKey(hashApiKey(token));
    if (!key) throw new UnauthorizedError("The API key is not valid, has expired or was revoked.");
    return { type: "apiKey", apiKeyId: key.id, name: key.name, role: key.role, rateLimitPerMinute: key.rateLimitPerMinute, workspace: key.workspace };
  }
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { type: "user", userId: user.id, email: user.email, name: user.name ?? null };
}

/**
 * The caller of an API request. A person's session cookie carries a
 * state-changing request only from Readyroom's own pages (CSRF); API keys are
 * sent by scripts, which no other site can make a browser send.
 */
export async function requireCaller(req: Request): Promise<Caller> {
  const caller = await currentCaller();
  if (!caller) throw new UnauthorizedError();
  if (caller.type === "user") {
    const refusal = crossOriginRefusal(req.method, req.headers, appOrigin(req));
    if (refusal) throw new AppError("cross_site_request", refusal);
  }
  return caller;
}

/**
 * Counts one API call against the caller's own limit (the key's, or the
 * signed-in person's) and returns the `X-RateLimit-*` headers for the
 * response; over the limit it is a 429 with `Retry-After` in seconds.
 */
export async function limitCaller(caller: Caller): Promise<Record<string, string>> {
  const result = caller.type === "apiKey" ? await rateLimit("apiKey", caller.apiKeyId, caller.rateLimitPerMinute) : await rateLimit("apiUser", caller.userId);
  const headers = rateLimitHeaders(result);
  if (!result.success) {
    const who = caller.type === "apiKey" ? "this API key" : "your account";
    throw new RateLimitedError(`Too many requests for ${who}: ${result.limit} a minute. Try again in ${headers["retry-after"]} s.`, headers);
  }
  return headers;
}
