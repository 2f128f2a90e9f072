import { Ratelimit } from "@upstash/ratelimit";
import { createClient } from "redis";
import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, clientIp, MemoryStore, POLICIES, rateLimitHeaders, redisServerClient, type ScriptClient } from "./rate-limit";

describe("the in-process store", () => {
  it("counts per policy and identifier in fixed windows, and starts again when the window ends", async () => {
    let now = 1_000_000;
    const store = new MemoryStore(() => now);
    const { limit, windowSeconds } = POLICIES.public;
    for (let i = 0; i < limit; i++) expect((await store.limit("public", "1.2.3.4")).success).toBe(true);
    const refused = await store.limit("public", "1.2.3.4");
    expect(refused).toMatchObject({ success: false, limit, remaining: 0 });
    expect(refused.reset).toBe(Math.ceil(1_000_001 / (windowSeconds * 1000)) * windowSeconds * 1000);
    expect((await store.limit("public", "5.6.7.8")).success).toBe(true);
    now = refused.reset;
    expect(await store.limit("public", "1.2.3.4")).toMatchObject({ success: true, remaining: limit - 1 });
  });

  it("stays bounded, dropping the longest unused callers first", async () => {
    const store = new MemoryStore(() => 0, 3);
    for (const ip of ["a", "b", "c", "d"]) await store.limit("public", ip);
    expect(store.size).toBe(3);
    // "a" was dropped: it starts a fresh window.
    expect((await store.limit("public", "a")).remaining).toBe(POLICIES.public.limit - 1);
  });
});

describe("the Redis server adapter", () => {
  it("sends scripts without their shebang line, then calls them by the hash of what it sent", async () => {
    const calls: string[] = [];
    const fake: ScriptClient = {
      eval: async (script, { keys, arguments: args }) => (calls.push(`eval ${script.split("\n")[0]} ${keys} ${args}`), [1, 10]),
      evalSha: async (sha, { keys }) => (calls.push(`evalsha ${sha.length} ${keys}`), [2, 10]),
    };
    const redis = redisServerClient(fake) as unknown as { eval: (s: string, k: string[], a: unknown[]) => Promise<unknown>; evalsha: (h: string, k: string[], a: unknown[]) => Promise<unknown> };
    const script = "#!lua flags=allow-key-locking\nreturn 1";
    await expect(redis.evalsha("abc", ["k"], [1])).rejects.toThrow("NOSCRIPT");
    expect(await redis.eval(script, ["k"], [1, "x"])).toEqual([1, 10]);
    const { createHash } = await import("node:crypto");
    const hash = createHash("sha1").update(script).digest("hex");
    expect(await redis.evalsha(hash, ["k"], [1])).toEqual([2, 10]);
    expect(calls).toEqual(["eval return 1 k 1,x", "evalsha 40 k"]);
  });

  // Runs where a Redis server is configured (the CI's second pass): @upstash/ratelimit's own scripts against Redis 7.0.
  it.runIf(Boolean(process.env.REDIS_URL))("limits through @upstash/ratelimit on a real Redis server", async () => {
    const client = createClient({ url: process.env.REDIS_URL });
    await client.connect();
    try {
      const limiter = new Ratelimit({ redis: redisServerClient(client), limiter: Ratelimit.fixedWindow(3, "30 s"), prefix: `readyroom:test:${crypto.randomUUID()}`, ephemeralCache: false, analytics: false });
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await limiter.limit("caller"));
      expect(results.map((r) => [r.success, r.remaining])).toEqual([[true, 2], [true, 1], [true, 0], [false, 0]]);
      expect((await limiter.limit("someone else")).success).toBe(true);
    } finally {
      await client.quit();
    }
  });
});

describe("the client's address", () => {
  const headers = (entries: Record<string, string>) => new Headers(entries);

  it("is the connection's address unless proxies are trusted, so a forged X-Forwarded-For changes nothing", () => {
    expect(clientIp(headers({ [CLIENT_IP_HEADER]: "203.0.113.9", "x-forwarded-for": "198.51.100.1" }), 0)).toBe("203.0.113.9");
    expect(clientIp(headers({ "x-forwarded-for": "198.51.100.1" }), 0)).toBe("unknown");
    expect(clientIp(headers({ [CLIENT_IP_HEADER]: "not an ip" }), 0)).toBe("unknown");
  });

  it("behind N trusted proxies, is the address the outermost one saw", () => {
    // A client wrote "1.1.1.1" itself; the proxy appended the address it saw.
    expect(clientIp(headers({ "x-forwarded-for": "1.1.1.1, 203.0.113.7", [CLIENT_IP_HEADER]: "10.0.0.2" }), 1)).toBe("203.0.113.7");
    expect(clientIp(headers({ "x-forwarded-for": "1.1.1.1, 203.0.113.7, 10.0.0.3" }), 2)).toBe("203.0.113.7");
    expect(clientIp(headers({ "x-forwarded-for": "2001:db8::1" }), 1)).toBe("2001:db8::1");
    // Fewer entries than proxies: the connection's address.
    expect(clientIp(headers({ "x-forwarded-for": "", [CLIENT_IP_HEADER]: "10.0.0.2" }), 1)).toBe("10.0.0.2");
  });
});

describe("rate-limit headers", () => {
  it("give the limit, what is left, the reset and, when refused, Retry-After in whole seconds", () => {
    expect(rateLimitHeaders({ success: true, limit: 10, remaining: 4, reset: 61_500 }, 1_000)).toEqual({ "x-ratelimit-limit": "10", "x-ratelimit-remaining": "4", "x-ratelimit-reset": "61" });
    expect(rateLimitHeaders({ success: false, limit: 10, remaining: 0, reset: 1_200 }, 1_000)).toMatchObject({ "retry-after": "1", "x-ratelimit-reset": "1" });
  });
});
