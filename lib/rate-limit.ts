import "server-only";
import { createHash } from "node:crypto";
import { Ratelimit } from "@upstash/ratelimit";
import { Redis as UpstashRedis } from "@upstash/redis";
import { createClient } from "redis";
import { RateLimitedError } from "@/lib/errors";
import { logger } from "@/lib/logger";

/**
 * Rate limits as named policies (docs/decisions/0009-public-status.md). The
 * counting is @upstash/ratelimit's fixed window on Upstash Redis
 * (`UPSTASH_REDIS_REST_URL` and `UPSTASH_REDIS_REST_TOKEN`) or on a Redis
 * server (`REDIS_URL`); with neither, an in-process store of bounded size,
 * which is right for the embedded single-process default. A store that
 * fails lets the request through (logged): a limit never turns into a 5xx.
 */
export const POLICIES = {
  /** Anonymous callers of the public surfaces (status page, embed, badge, public JSON), per client IP. */
  public: { limit: 120, windowSeconds: 60 },
  /** Calls with a workspace API key, per key; the key's own `rateLimitPerMinute` replaces this default. */
  apiKey: { limit: 600, windowSeconds: 60 },
  /** Calls of /api/v1 by a signed-in person (the app's own screens), per user. */
  apiUser: { limit: 1200, windowSeconds: 60 },
  /**
   * Sign-in attempts (starting one, the identity provider's callback, demo sign-in), per client IP.
   * Generous: a whole office behind one NAT signs in at nine; it stops floods, the identity provider guards passwords.
   */
  signIn: { limit: 120, windowSeconds: 60 },
  /** Plan, JSON and CSV imports (previews included: each parses the whole file), per workspace. */
  imports: { limit: 60, windowSeconds: 600 },
} as const satisfies Record<string, { limit: number; windowSeconds: number }>;

export type PolicyName = keyof typeof POLICIES;

export interface RateLimitResult {
  success: boolean;
  limit: number;
  remaining: number;
  /** When the window ends, epoch milliseconds. */
  reset: number;
}

interface Store {
  readonly kind: "upstash" | "redis" | "memory";
  limit(policy: PolicyName, identifier: string, limit: number): Promise<RateLimitResult>;
}

// ───────────────────────────── in-process store ─────────────────────────────

/** Windows kept at most: the oldest are dropped first, so memory stays bounded whatever the number of callers. */
const MEMORY_MAX_KEYS = 50_000;

export class MemoryStore implements Store {
  readonly kind = "memory" as const;
  private readonly windows = new Map<string, { count: number; reset: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxKeys = MEMORY_MAX_KEYS,
  ) {}

  async limit(policy: PolicyName, identifier: string, limit: number = POLICIES[policy].limit): Promise<RateLimitResult> {
    const { windowSeconds } = POLICIES[policy];
    const windowMs = windowSeconds * 1000;
    const now = this.now();
    const key = `${policy}:${identifier}`;
    let window = this.windows.get(key);
    if (!window || window.reset <= now) window = { count: 0, reset: (Math.floor(now / windowMs) + 1) * windowMs };
    window.count++;
    // Most recently used last: the first key is the one to drop.
    this.windows.delete(key);
    this.windows.set(key, window);
    while (this.windows.size > this.maxKeys) this.windows.delete(this.windows.keys().next().value!);
    return { success: window.count <= limit, limit, remaining: Math.max(0, limit - window.count), reset: window.reset };
  }

  get size(): number {
    return this.windows.size;
  }
}

// ───────────────────────────── Redis stores ─────────────────────────────

/** What @upstash/ratelimit calls on its Redis client: only these. */
type RatelimitRedis = ConstructorParameters<typeof Ratelimit>[0]["redis"];

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

/**
 * A Redis server (node-redis) behind @upstash/ratelimit's client interface.
 * Its Lua scripts open with `#!lua flags=allow-key-locking`, a flag Redis 7.0
 * refuses, so the shebang line is dropped before a script is sent; EVALSHA
 * then uses the hash of the script as sent.
 */
export interface ScriptClient {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  evalSha(sha: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

export function redisServerClient(client: ScriptClient): RatelimitRedis {
  const sent = new Map<string, string>();
  const strip = (script: string) => script.replace(/^#!lua[^\n]*\n/, "");
  const adapter = {
    async eval(script: string, keys: string[], args: unknown[]) {
      const body = strip(script);
      sent.set(sha1(script), sha1(body));
      return client.eval(body, { keys, arguments: args.map(String) });
    },
    async evalsha(hash: string, keys: string[], args: unknown[]) {
      const own = sent.get(hash);
      // Unknown here (a new process): NOSCRIPT makes the library send the script with eval.
      if (!own) throw new Error("NOSCRIPT No matching script.");
      return client.evalSha(own, { keys, arguments: args.map(String) });
    },
  };
  return adapter as unknown as RatelimitRedis;
}

class RatelimitStore implements Store {
  /** One limiter per policy and limit: a key with its own limit counts in a window of that size. */
  private readonly limiters = new Map<string, Ratelimit>();

  constructor(
    readonly kind: "upstash" | "redis",
    private readonly redis: RatelimitRedis,
  ) {}

  private limiter(policy: PolicyName, limit: number): Ratelimit {
    let limiter = this.limiters.get(`${policy}:${limit}`);
    if (!limiter) {
      const { windowSeconds } = POLICIES[policy];
      limiter = new Ratelimit({
        redis: this.redis,
        limiter: Ratelimit.fixedWindow(limit, `${windowSeconds} s`),
        prefix: `readyroom:rl:${policy}`,
        analytics: false,
        ephemeralCache: false,
        // A store that does not answer in time lets the request through.
        timeout: 1000,
      });
      this.limiters.set(`${policy}:${limit}`, limiter);
    }
    return limiter;
  }

  async limit(policy: PolicyName, identifier: string, limit: number): Promise<RateLimitResult> {
    const { success, remaining, reset } = await this.limiter(policy, limit).limit(identifier);
    return { success, limit, remaining, reset };
  }
}

// ───────────────────────────── the store in use ─────────────────────────────

function storeFromEnv(): Store {
  const { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token, REDIS_URL: redisUrl } = process.env;
  if (url && token) return new RatelimitStore("upstash", new UpstashRedis({ url, token }) as unknown as RatelimitRedis);
  if (redisUrl) {
    const client = createClient({ url: redisUrl, socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(retries * 200, 2000) } });
    client.on("error", (error: unknown) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, "rate-limit store: Redis error"));
    return new RatelimitStore("redis", connectedAdapter(client, client.connect()));
  }
  return new MemoryStore();
}

/** The Redis adapter, waiting for the first connection before each call. */
function connectedAdapter(client: ScriptClient, connected: Promise<unknown>): RatelimitRedis {
  const inner = redisServerClient(client) as unknown as Record<"eval" | "evalsha", (...args: unknown[]) => Promise<unknown>>;
  return {
    eval: async (...args: unknown[]) => (await connected, inner.eval(...args)),
    evalsha: async (...args: unknown[]) => (await connected, inner.evalsha(...args)),
  } as unknown as RatelimitRedis;
}

const globalStore = globalThis as { __readyroomRateLimitStore?: Store };

function store(): Store {
  return (globalStore.__readyroomRateLimitStore ??= storeFromEnv());
}

/** Which store counts: "upstash", "redis" or "memory". */
export function rateLimitStoreKind(): Store["kind"] {
  return store().kind;
}

/**
 * Counts one request of `identifier` against `policy` (whose limit `limit`
 * replaces, for callers with their own). When the store fails, the request is
 * let through and the failure logged.
 */
export async function rateLimit(policy: PolicyName, identifier: string, limit: number = POLICIES[policy].limit): Promise<RateLimitResult> {
  try {
    return await store().limit(policy, identifier, limit);
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error), policy }, "rate-limit store failed; request let through");
    const { windowSeconds } = POLICIES[policy];
    return { success: true, limit, remaining: limit, reset: Date.now() + windowSeconds * 1000 };
  }
}

/** `X-RateLimit-*` headers, and `Retry-After` in seconds when refused. */
export function rateLimitHeaders(result: RateLimitResult, now = Date.now()): Record<string, string> {
  const resetSeconds = Math.max(0, Math.ceil((result.reset - now) / 1000));
  return {
    "x-ratelimit-limit": String(result.limit),
    "x-ratelimit-remaining": String(result.remaining),
    "x-ratelimit-reset": String(resetSeconds),
    ...(result.success ? {} : { "retry-after": String(Math.max(1, resetSeconds)) }),
  };
}

/** Counts one request; over the limit, a 429 RateLimitedError saying `what` is limited, with the headers. */
export async function enforceRateLimit(policy: PolicyName, identifier: string, what: string): Promise<Record<string, string>> {
  const result = await rateLimit(policy, identifier);
  const headers = rateLimitHeaders(result);
  if (!result.success) {
    const minutes = POLICIES[policy].windowSeconds / 60;
    throw new RateLimitedError(`Too many ${what}: ${result.limit} in ${minutes === 1 ? "a minute" : `${minutes} minutes`}. Try again in ${headers["retry-after"]} s.`, headers);
  }
  return headers;
}

// ───────────────────────────── the caller ─────────────────────────────

/** Set by the server (scripts/start.mjs) from the connection's address, after removing any the client sent. */
export const CLIENT_IP_HEADER = "x-readyroom-client-ip";

const IP = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]+(?:%\w+)?|::ffff:\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * The client's IP address. Behind proxies (`TRUSTED_PROXY_HOPS` = how many of
 * them append to `X-Forwarded-For`) it is the address the outermost trusted
 * proxy saw; anything a client wrote further left is ignored, so a forged
 * header cannot dodge a limit. Otherwise it is the connection's address.
 */
export function clientIp(headers: Headers, hops = Number(process.env.TRUSTED_PROXY_HOPS ?? 0)): string {
  if (Number.isInteger(hops) && hops > 0) {
    const chain = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const seen = chain[chain.length - hops];
    if (seen && IP.test(seen)) return seen;
  }
  const direct = headers.get(CLIENT_IP_HEADER)?.trim();
  return direct && IP.test(direct) ? direct : "unknown";
}
