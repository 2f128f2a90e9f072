import { describe, expect, it } from "vitest";
import type { PublicStatus } from "./load-public-status";
import { CACHE_WINDOW_MS, createPublicStatusCache } from "./public-status-cache";

const status = (name: string) => ({ slug: "demo", project: { name } }) as PublicStatus;

describe("the public status cache", () => {
  it("reads once per window, however many requests arrive at once", async () => {
    let now = 0;
    let reads = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const cache = createPublicStatusCache(async () => {
      reads++;
      await gate;
      return status(`read ${reads}`);
    }, () => now);
    const all = Promise.all(Array.from({ length: 100 }, () => cache.get("demo")));
    release();
    expect((await all).every((s) => s?.project.name === "read 1")).toBe(true);
    now += CACHE_WINDOW_MS - 1;
    expect((await cache.get("demo"))?.project.name).toBe("read 1");
    expect(reads).toBe(1);
    // A change shows once the window has passed.
    now += 1;
    expect((await cache.get("demo"))?.project.name).toBe("read 2");
    expect(reads).toBe(2);
  });

  it("remembers unknown slugs too, and forgets a slug on request", async () => {
    let reads = 0;
    const cache = createPublicStatusCache(async () => (reads++, null), () => 0);
    expect(await cache.get("nope")).toBeNull();
    expect(await cache.get("nope")).toBeNull();
    expect(reads).toBe(1);
    cache.forget("nope");
    await cache.get("nope");
    expect(reads).toBe(2);
  });

  it("serves the last good read when a read fails, and fails when it has none", async () => {
    let now = 0;
    let fail = false;
    const cache = createPublicStatusCache(async () => {
      if (fail) throw new Error("database down");
      return status("good");
    }, () => now);
    expect((await cache.get("demo"))?.project.name).toBe("good");
    fail = true;
    now += CACHE_WINDOW_MS;
    expect((await cache.get("demo"))?.project.name).toBe("good");
    await expect(cache.get("other")).rejects.toThrow("database down");
    expect(cache.size).toBe(1);
  });

  it("stays bounded however many slugs are asked for", async () => {
    const cache = createPublicStatusCache(async () => null, () => 0);
    for (let i = 0; i < 2_500; i++) await cache.get(`slug-${i}`);
    expect(cache.size).toBe(2_000);
  });
});
