import { createHash } from "node:crypto";
import { seal, unseal } from "@/lib/auth/encryption";
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from "@/lib/db/global/idempotency";
import { AppError } from "@/lib/errors";

/**
 * `Idempotency-Key` on POST (docs/decisions/0011-idempotency.md, after the
 * IETF draft and Stripe): the first successful response is kept for 24 hours
 * and replayed to a retry with the same key and the same request; the same
 * key with another request is 422; a retry while the first still runs is 409.
 * A request that fails keeps nothing, so it can be retried with its key.
 */
export const IDEMPOTENCY_HEADER = "idempotency-key";
export const REPLAYED_HEADER = "idempotent-replayed";

const KEY = /^[\x21-\x7e]{1,255}$/;
/** Headers a replay gives back, besides the body. */
const KEPT_HEADERS = ["content-type", "location"];
/** The largest request body fingerprinted; anything larger is refused by its route's own limit. */
const MAX_FINGERPRINTED_BYTES = 16 * 1024 * 1024;

interface KeptResponse {
  headers: Record<string, string>;
  body: string;
}

async function fingerprintOf(req: Request): Promise<string> {
  if (Number(req.headers.get("content-length") ?? 0) > MAX_FINGERPRINTED_BYTES) {
    throw new AppError("payload_too_large", `The request body is larger than ${MAX_FINGERPRINTED_BYTES} bytes.`);
  }
  const body = new Uint8Array(await req.clone().arrayBuffer());
  return createHash("sha256")
    .update(`${req.method} ${new URL(req.url).pathname}\n${req.headers.get("content-type") ?? ""}\n`)
    .update(body)
    .digest("hex");
}

/** Runs a POST at most once per `Idempotency-Key` within `scope` (the workspace, or the person for routes outside one). */
export async function idempotent(req: Request, scope: string, run: () => Promise<Response>): Promise<Response> {
  const key = req.headers.get(IDEMPOTENCY_HEADER);
  if (req.method !== "POST" || key === null) return run();
  if (!KEY.test(key)) throw new AppError("bad_request", "Idempotency-Key must be 1 to 255 visible ASCII characters.", [{ path: "Idempotency-Key", message: "1 to 255 visible ASCII characters" }]);
  const claim = await claimIdempotencyKey(scope, key, await fingerprintOf(req));
  switch (claim.kind) {
    case "mismatch":
      throw new AppError("idempotency_key_reused", "This Idempotency-Key was used for a different request (another body or path) in the last 24 hours. Use a new key for a new request.");
    case "in_progress":
      throw new AppError("idempotency_in_progress", "A request with this Idempotency-Key is still running. Retry when it has finished.", undefined, { "retry-after": "1" });
    case "replay": {
      const kept = JSON.parse(unseal("idempotent-response", claim.sealed)) as KeptResponse;
      return new Response(kept.body, { status: claim.status, headers: { ...kept.headers, [REPLAYED_HEADER]: "true" } });
    }
    case "claimed":
      break;
  }
  let response: Response;
  try {
    response = await run();
  } catch (error) {
    await releaseIdempotencyKey(claim.id);
    throw error;
  }
  if (response.status < 200 || response.status >= 300) {
    await releaseIdempotencyKey(claim.id);
    return response;
  }
  const body = await response.text();
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  await completeIdempotencyKey(claim.id, response.status, seal("idempotent-response", JSON.stringify({ headers, body } satisfies KeptResponse)));
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
