import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LOG_LEVELS, SSO_PROVIDERS, assertEnv, validateEnv } from "./env.mjs";

type Env = Record<string, string | undefined>;

const root = path.resolve(import.meta.dirname, "..");

/** Everything production needs, and nothing it warns about. */
const PRODUCTION: Env = {
  NODE_ENV: "production",
  AUTH_SECRET: "s".repeat(32),
  AUTH_URL: "https://readyroom.example.com",
  DATABASE_URL: "postgresql://readyroom:secret@db.internal:5432/readyroom",
  REDIS_URL: "redis://redis.internal:6379",
  READYROOM_METRICS_TOKEN: "m".repeat(24),
  AUTH_OIDC_ISSUER: "https://sso.example.com",
  AUTH_OIDC_ID: "readyroom",
  AUTH_OIDC_SECRET: "client-secret",
};

const errors = (env: Env) => validateEnv(env).errors;
const warnings = (env: Env) => validateEnv(env).warnings;

describe("validateEnv: production", () => {
  it("accepts a complete production environment without a warning", () => {
    expect(validateEnv(PRODUCTION)).toEqual({ errors: [], warnings: [] });
  });

  it("needs AUTH_SECRET, AUTH_URL and DATABASE_URL, and warns about Redis, metrics and sign-in", () => {
    expect(validateEnv({ NODE_ENV: "production" })).toEqual({
      errors: [
        "AUTH_SECRET is required in production (generate one with: openssl rand -base64 32)",
        "AUTH_URL is required in production: the public https:// URL, e.g. https://readyroom.example.com",
        "DATABASE_URL is required in production: postgresql://user:password@host:5432/database",
      ],
      warnings: [
        "REDIS_URL (or UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN) is not set: each server process counts rate limits on its own",
        "READYROOM_METRICS_TOKEN is not set: GET /api/metrics answers 404",
        "No SSO provider is configured (AUTH_OIDC_*, AUTH_OKTA_*, AUTH_MICROSOFT_ENTRA_ID_*, AUTH_GOOGLE_*, AUTH_GITHUB_*): nobody can sign in",
      ],
    });
  });

  it("requires none of them outside production", () => {
    expect(validateEnv({})).toEqual({ errors: [], warnings: [] });
    expect(validateEnv({ NODE_ENV: "development", AUTH_URL: "http://localhost:3000" })).toEqual({ errors: [], warnings: [] });
  });

  it("counts an empty value as unset", () => {
    expect(errors({ ...PRODUCTION, AUTH_SECRET: "", DATABASE_URL: "  " })).toEqual([
      "AUTH_SECRET is required in production (generate one with: openssl rand -base64 32)",
      "DATABASE_URL is required in production: postgresql://user:password@host:5432/database",
    ]);
    expect(validateEnv({ DATABASE_URL: "", REDIS_URL: "", AUTH_URL: "", READYROOM_LOG_LEVEL: "" })).toEqual({ errors: [], warnings: [] });
  });

  it("wants AUTH_SECRET of at least 32 characters, in production or not", () => {
    expect(errors({ ...PRODUCTION, AUTH_SECRET: "s".repeat(31) })).toEqual(["AUTH_SECRET must be at least 32 characters"]);
    expect(errors({ AUTH_SECRET: "short" })).toEqual(["AUTH_SECRET must be at least 32 characters"]);
    expect(errors({ AUTH_SECRET: "s".repeat(32) })).toEqual([]);
  });

  it("wants an https AUTH_URL in production, http or https elsewhere", () => {
    expect(errors({ ...PRODUCTION, AUTH_URL: "http://readyroom.example.com" })).toEqual(["AUTH_URL must be an https:// URL in production"]);
    expect(errors({ AUTH_URL: "http://localhost:3000" })).toEqual([]);
    expect(errors({ AUTH_URL: "readyroom.example.com" })).toEqual(["AUTH_URL must be an http:// or https:// URL"]);
    expect(errors({ ...PRODUCTION, AUTH_URL: "ftp://readyroom.example.com" })).toEqual(["AUTH_URL must be an http:// or https:// URL"]);
  });

  it("wants AUTH_URL without a path (Auth.js would take it as its base path)", () => {
    expect(errors({ AUTH_URL: "https://example.com/readyroom" })).toEqual(["AUTH_URL must have no path, e.g. https://readyroom.example.com"]);
    expect(errors({ AUTH_URL: "https://example.com/" })).toEqual([]);
    expect(errors({ AUTH_URL: "https://example.com/api/auth" })).toEqual([]);
  });

  it("reads NEXTAUTH_SECRET and NEXTAUTH_URL only in place of unset AUTH_ names, and asks to rename them", () => {
    const old = { ...PRODUCTION, AUTH_SECRET: undefined, AUTH_URL: undefined, NEXTAUTH_SECRET: "n".repeat(32), NEXTAUTH_URL: "https://readyroom.example.com" };
    expect(validateEnv(old)).toEqual({
      errors: [],
      warnings: [
        "NEXTAUTH_SECRET is the old name of AUTH_SECRET: rename it (AUTH_SECRET wins when both are set)",
        "NEXTAUTH_URL is the old name of AUTH_URL: rename it (AUTH_URL wins when both are set)",
      ],
    });
    expect(errors({ ...old, NEXTAUTH_SECRET: "short", NEXTAUTH_URL: "http://readyroom.example.com" })).toEqual([
      "NEXTAUTH_SECRET must be at least 32 characters",
      "NEXTAUTH_URL must be an https:// URL in production",
    ]);
  });

  it("wants DATABASE_URL to be a postgres:// or postgresql:// URL", () => {
    expect(errors({ DATABASE_URL: "postgres://u:p@db:5432/readyroom" })).toEqual([]);
    expect(errors({ DATABASE_URL: "postgresql://u@db/readyroom?sslmode=require" })).toEqual([]);
    expect(errors({ DATABASE_URL: "mysql://u:p@db/readyroom" })).toEqual(["DATABASE_URL must be a postgres:// or postgresql:// URL"]);
    expect(errors({ DATABASE_URL: "db.internal:5432" })).toEqual(["DATABASE_URL must be a postgres:// or postgresql:// URL"]);
  });

  it("never repeats a URL, which can carry a password", () => {
    const messages = errors({ DATABASE_URL: "mysql://u:hunter2@db/x", REDIS_URL: "http://:hunter2@redis" }).join("\n");
    expect(messages).not.toContain("hunter2");
  });
});

describe("validateEnv: integers", () => {
  const cases: [name: string, good: string[], bad: string[], rule: string][] = [
    ["PORT", ["1", "3000", "65535"], ["0", "65536", "3000.5", "abc", "-1", "1e3"], "an integer from 1 to 65535"],
    ["TRUSTED_PROXY_HOPS", ["0", "2"], ["-1", "1.5", "one"], "an integer of 0 or more"],
    ["READYROOM_DRAIN_SECONDS", ["0", "10"], ["-5", "2.5", "ten"], "an integer of 0 or more"],
    ["READYROOM_SHUTDOWN_TIMEOUT_SECONDS", ["0", "30"], ["-1", "0.5", "x"], "an integer of 0 or more"],
    ["DATABASE_POOL_SIZE", ["1", "50"], ["0", "-3", "10.5"], "an integer of 1 or more"],
    ["READYROOM_SESSION_IDLE_MINUTES", ["5", "720", "10080"], ["4", "10081", "12.5"], "an integer from 5 to 10080"],
    ["READYROOM_SESSION_MAX_HOURS", ["1", "168", "8760"], ["0", "8761", "7d"], "an integer from 1 to 8760"],
  ];

  it.each(cases)("%s", (name, good, bad, rule) => {
    for (const value of good) expect(errors({ [name]: value }), value).toEqual([]);
    for (const value of bad) expect(errors({ [name]: value }), value).toEqual([`${name} must be ${rule}, not "${value}"`]);
    // The app would read "" as 0, not as the default.
    expect(errors({ [name]: "" })).toEqual([`${name} is empty: set ${rule} or leave it unset`]);
  });
});

describe("validateEnv: booleans", () => {
  it.each(["READYROOM_HSTS_PRELOAD", "READYROOM_WEBHOOK_ALLOW_HTTP"])("%s is true or false", (name) => {
    expect(errors({ [name]: "true" })).toEqual([]);
    expect(errors({ [name]: "false" })).toEqual([]);
    expect(errors({ [name]: "yes" })).toEqual([`${name} must be "true" or "false", not "yes"`]);
    expect(errors({ [name]: "1" })).toEqual([`${name} must be "true" or "false", not "1"`]);
  });
});

describe("validateEnv: SSO providers", () => {
  it("lists every variable lib/auth/providers.ts reads, and no other", () => {
    const source = readFileSync(path.join(root, "lib", "auth", "providers.ts"), "utf8");
    const read = new Set([...source.matchAll(/env\("([A-Z0-9_]+)"\)/g)].map((m) => m[1]));
    const listed = new Set(SSO_PROVIDERS.flatMap((p) => [...p.vars, ...p.optional]));
    expect([...listed].sort()).toEqual([...read].sort());
  });

  it.each(SSO_PROVIDERS.map((p) => [p.name, p] as const))("%s: all of its variables or none", (_name, provider) => {
    const complete = Object.fromEntries(provider.vars.map((name) => [name, name.endsWith("_ISSUER") ? "https://idp.example.com" : "value"]));
    expect(errors(complete)).toEqual([]);
    expect(errors({ ...PRODUCTION, ...complete })).toEqual([]);
    for (const name of provider.vars) {
      const missing = provider.vars.filter((other) => other !== name);
      const partial = { ...complete, [name]: undefined };
      const present = missing.length === 1 ? `${missing[0]} needs` : `${missing.slice(0, -1).join(", ")} and ${missing.at(-1)} need`;
      expect(errors(partial), name).toEqual([`${present} ${name} (${provider.name} sign-in)`]);
    }
  });

  it("names every missing variable of a provider once", () => {
    expect(errors({ AUTH_OIDC_ISSUER: "https://sso.example.com" })).toEqual(["AUTH_OIDC_ISSUER needs AUTH_OIDC_ID and AUTH_OIDC_SECRET (OpenID Connect sign-in)"]);
    expect(errors({ AUTH_OIDC_NAME: "Acme SSO" })).toEqual([
      "AUTH_OIDC_NAME needs AUTH_OIDC_ISSUER, AUTH_OIDC_ID and AUTH_OIDC_SECRET (OpenID Connect sign-in)",
    ]);
    expect(errors({ AUTH_GITHUB_SECRET: "x" })).toEqual(["AUTH_GITHUB_SECRET needs AUTH_GITHUB_ID (GitHub sign-in)"]);
  });

  it("wants issuers to be URLs, https in production", () => {
    const okta = { AUTH_OKTA_ID: "id", AUTH_OKTA_SECRET: "secret" };
    expect(errors({ ...okta, AUTH_OKTA_ISSUER: "acme.okta.com" })).toEqual(["AUTH_OKTA_ISSUER must be an http:// or https:// URL"]);
    expect(errors({ ...okta, AUTH_OKTA_ISSUER: "http://127.0.0.1:9400" })).toEqual([]);
    expect(errors({ ...PRODUCTION, ...okta, AUTH_OKTA_ISSUER: "http://okta.internal" })).toEqual(["AUTH_OKTA_ISSUER must be an https:// URL in production"]);
    expect(errors({ ...PRODUCTION, ...okta, AUTH_OKTA_ISSUER: "https://acme.okta.com" })).toEqual([]);
  });

  it("warns in production when no provider is complete", () => {
    expect(warnings({ ...PRODUCTION, AUTH_OIDC_ISSUER: undefined, AUTH_OIDC_ID: undefined, AUTH_OIDC_SECRET: undefined, AUTH_GITHUB_ID: "id", AUTH_GITHUB_SECRET: "secret" })).toEqual([]);
    expect(warnings({ ...PRODUCTION, AUTH_OIDC_ISSUER: undefined, AUTH_OIDC_ID: undefined, AUTH_OIDC_SECRET: undefined })).toEqual([
      "No SSO provider is configured (AUTH_OIDC_*, AUTH_OKTA_*, AUTH_MICROSOFT_ENTRA_ID_*, AUTH_GOOGLE_*, AUTH_GITHUB_*): nobody can sign in",
    ]);
  });
});

describe("validateEnv: rate-limit stores", () => {
  it("wants UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN together", () => {
    expect(errors({ UPSTASH_REDIS_REST_URL: "https://eu1.upstash.io", UPSTASH_REDIS_REST_TOKEN: "token" })).toEqual([]);
    expect(errors({ UPSTASH_REDIS_REST_URL: "https://eu1.upstash.io" })).toEqual(["UPSTASH_REDIS_REST_URL needs UPSTASH_REDIS_REST_TOKEN (Upstash rate-limit store)"]);
    expect(errors({ UPSTASH_REDIS_REST_TOKEN: "token" })).toEqual(["UPSTASH_REDIS_REST_TOKEN needs UPSTASH_REDIS_REST_URL (Upstash rate-limit store)"]);
    expect(errors({ UPSTASH_REDIS_REST_URL: "eu1.upstash.io", UPSTASH_REDIS_REST_TOKEN: "token" })).toEqual(["UPSTASH_REDIS_REST_URL must be an http:// or https:// URL"]);
  });

  it("wants REDIS_URL to be a redis:// or rediss:// URL", () => {
    expect(errors({ REDIS_URL: "redis://redis:6379" })).toEqual([]);
    expect(errors({ REDIS_URL: "rediss://:pw@redis.example.com:6380/0" })).toEqual([]);
    expect(errors({ REDIS_URL: "redis.internal:6379" })).toEqual(["REDIS_URL must be a redis:// or rediss:// URL"]);
    expect(errors({ REDIS_URL: "https://redis.internal" })).toEqual(["REDIS_URL must be a redis:// or rediss:// URL"]);
  });

  it("warns in production without a shared store, and when REDIS_URL is shadowed by Upstash", () => {
    const upstash = { UPSTASH_REDIS_REST_URL: "https://eu1.upstash.io", UPSTASH_REDIS_REST_TOKEN: "token" };
    expect(warnings({ ...PRODUCTION, REDIS_URL: undefined, ...upstash })).toEqual([]);
    expect(warnings({ ...PRODUCTION, REDIS_URL: undefined })).toEqual([
      "REDIS_URL (or UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN) is not set: each server process counts rate limits on its own",
    ]);
    expect(warnings({ ...PRODUCTION, ...upstash })).toEqual(["REDIS_URL is ignored: UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN are set and win"]);
    expect(warnings({ REDIS_URL: undefined })).toEqual([]);
  });
});

describe("validateEnv: logs and metrics", () => {
  it.each(LOG_LEVELS)("READYROOM_LOG_LEVEL=%s is accepted", (level) => {
    expect(errors({ READYROOM_LOG_LEVEL: level })).toEqual([]);
  });

  it("refuses another READYROOM_LOG_LEVEL", () => {
    expect(errors({ READYROOM_LOG_LEVEL: "verbose" })).toEqual(['READYROOM_LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, not "verbose"']);
    expect(errors({ READYROOM_LOG_LEVEL: "INFO" })).toEqual(['READYROOM_LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, not "INFO"']);
  });

  it("warns when READYROOM_LOG is not silent", () => {
    expect(validateEnv({ READYROOM_LOG: "silent" })).toEqual({ errors: [], warnings: [] });
    expect(warnings({ READYROOM_LOG: "debug" })).toEqual(['READYROOM_LOG only understands "silent", not "debug": use READYROOM_LOG_LEVEL']);
  });

  it("wants READYROOM_METRICS_TOKEN of at least 24 characters", () => {
    expect(errors({ READYROOM_METRICS_TOKEN: "m".repeat(24) })).toEqual([]);
    expect(errors({ READYROOM_METRICS_TOKEN: "m".repeat(23) })).toEqual(["READYROOM_METRICS_TOKEN must be at least 24 characters"]);
  });

  it("warns in production when metrics are off", () => {
    expect(warnings({ ...PRODUCTION, READYROOM_METRICS_TOKEN: undefined })).toEqual(["READYROOM_METRICS_TOKEN is not set: GET /api/metrics answers 404"]);
    expect(warnings({})).toEqual([]);
  });
});

describe("validateEnv: the rest", () => {
  it("wants READYROOM_HOST to be a host name or an IP address", () => {
    for (const host of ["0.0.0.0", "127.0.0.1", "::", "localhost", "app.internal"]) expect(errors({ READYROOM_HOST: host }), host).toEqual([]);
    expect(errors({ READYROOM_HOST: "http://0.0.0.0" })).toEqual(['READYROOM_HOST must be a host name or an IP address, not "http://0.0.0.0"']);
  });

  it("wants READYROOM_URL to be an http:// or https:// URL", () => {
    expect(errors({ READYROOM_URL: "https://readyroom.example.com" })).toEqual([]);
    expect(errors({ READYROOM_URL: "readyroom.example.com" })).toEqual(["READYROOM_URL must be an http:// or https:// URL"]);
  });

  it("wants READYROOM_WEBHOOK_ALLOW_ADDRESSES to list addresses, and warns about the test switches in production", () => {
    expect(validateEnv({ READYROOM_WEBHOOK_ALLOW_ADDRESSES: "127.0.0.1, 10.0.0.0/8, ::1, hooks.internal", READYROOM_WEBHOOK_ALLOW_HTTP: "true" })).toEqual({ errors: [], warnings: [] });
    expect(errors({ READYROOM_WEBHOOK_ALLOW_ADDRESSES: "127.0.0.1,http://hooks.internal" })).toEqual([
      'READYROOM_WEBHOOK_ALLOW_ADDRESSES must list IP addresses, CIDR ranges or host names, separated by commas, not "http://hooks.internal"',
    ]);
    expect(warnings({ ...PRODUCTION, READYROOM_WEBHOOK_ALLOW_ADDRESSES: "127.0.0.1", READYROOM_WEBHOOK_ALLOW_HTTP: "true" })).toEqual([
      "READYROOM_WEBHOOK_ALLOW_ADDRESSES is for tests: webhooks may reach 127.0.0.1",
      "READYROOM_WEBHOOK_ALLOW_HTTP is for tests: webhooks may be sent over plain http://",
    ]);
    expect(warnings({ ...PRODUCTION, READYROOM_WEBHOOK_ALLOW_HTTP: "false" })).toEqual([]);
  });

  it("checks the identity-provider allowances the same way, and knows READYROOM_DNS_SERVERS", () => {
    expect(validateEnv({ READYROOM_SSO_ALLOW_ADDRESSES: "127.0.0.1", READYROOM_SSO_ALLOW_HTTP: "true", READYROOM_DNS_SERVERS: "127.0.0.1:5353" })).toEqual({ errors: [], warnings: [] });
    expect(errors({ READYROOM_SSO_ALLOW_ADDRESSES: "https://idp" })).toEqual(['READYROOM_SSO_ALLOW_ADDRESSES must list IP addresses, CIDR ranges or host names, separated by commas, not "https://idp"']);
    expect(errors({ READYROOM_SSO_ALLOW_HTTP: "yes" })).toHaveLength(1);
    expect(warnings({ ...PRODUCTION, READYROOM_SSO_ALLOW_ADDRESSES: "10.0.0.0/8", READYROOM_SSO_ALLOW_HTTP: "true" })).toEqual([
      "READYROOM_SSO_ALLOW_ADDRESSES is for tests: identity-provider requests may reach 10.0.0.0/8",
      "READYROOM_SSO_ALLOW_HTTP is for tests: identity-provider requests may be sent over plain http://",
    ]);
  });

  it("warns about a READYROOM_ variable it does not know", () => {
    expect(warnings({ READYROOM_DRAIN_SECOND: "5" })).toEqual(["READYROOM_DRAIN_SECOND is not a Readyroom variable (a typo?): it is ignored"]);
    expect(warnings({ READYROOM_DEBUG: "1", READYROOM_DATA_DIR: "memory", READYROOM_MIGRATIONS_DIR: "prisma/migrations", READYROOM_API_KEY: "rr_x" })).toEqual([]);
  });
});

describe("assertEnv", () => {
  afterEach(() => vi.restoreAllMocks());

  function capture() {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
    const exit = vi.spyOn(process, "exit").mockImplementation(((code?: number) => {
      throw new Error(`exit ${code}`);
    }) as typeof process.exit);
    return { lines, exit };
  }

  it("prints every error and exits 1", () => {
    const { lines, exit } = capture();
    expect(() => assertEnv({ NODE_ENV: "production", AUTH_SECRET: "short", PORT: "http" })).toThrow("exit 1");
    expect(exit).toHaveBeenCalledWith(1);
    expect(lines).toEqual([
      'readyroom: configuration error: PORT must be an integer from 1 to 65535, not "http"',
      "readyroom: configuration error: AUTH_SECRET must be at least 32 characters",
      "readyroom: configuration error: AUTH_URL is required in production: the public https:// URL, e.g. https://readyroom.example.com",
      "readyroom: configuration error: DATABASE_URL is required in production: postgresql://user:password@host:5432/database",
      "readyroom: see .env.example and docs/deploy.md.",
    ]);
  });

  it("prints the warnings and goes on when there is no error", () => {
    const { lines, exit } = capture();
    const result = assertEnv({ ...PRODUCTION, READYROOM_METRICS_TOKEN: undefined });
    expect(exit).not.toHaveBeenCalled();
    expect(result.errors).toEqual([]);
    expect(lines).toEqual(["readyroom: warning: READYROOM_METRICS_TOKEN is not set: GET /api/metrics answers 404"]);
  });

  it("prints nothing for a clean environment", () => {
    const { lines, exit } = capture();
    assertEnv(PRODUCTION);
    expect(exit).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
  });
});

describe(".env.example", () => {
  const example = readFileSync(path.join(root, ".env.example"), "utf8");
  const documented = new Set([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));

  /** Every variable the code reads by name (the benchmark, the load test and Next's own left out: bench/README.md documents theirs). */
  function readByCode(): Set<string> {
    const names = new Set<string>();
    const patterns = [/process\.env\.([A-Z][A-Z0-9_]*)/g, /process\.env\[\s*"([A-Z][A-Z0-9_]*)"\s*\]/g, /\benv\.([A-Z][A-Z0-9_]*)/g, /\benv\(\s*"([A-Z][A-Z0-9_]*)"/g];
    const walk = (file: string) => {
      if (statSync(file).isDirectory()) {
        for (const entry of readdirSync(file)) if (entry !== "generated" && entry !== "bench" && entry !== "load" && entry !== "node_modules") walk(path.join(file, entry));
      } else if (/\.(ts|tsx|mjs)$/.test(file) && !/\.test\.ts$|\.d\.mts$/.test(file)) {
        const source = readFileSync(file, "utf8");
        for (const pattern of patterns) for (const m of source.matchAll(pattern)) names.add(m[1]!);
      }
    };
    for (const entry of ["app", "lib", "scripts", "bin", "cli", "proxy.ts", "instrumentation.ts"]) walk(path.join(root, entry));
    for (const name of [...names]) if (name.startsWith("BENCH_") || name === "NEXT_RUNTIME" || name === "NEXT_TELEMETRY_DISABLED") names.delete(name);
    return names;
  }

  it("names every variable the code reads", () => {
    const missing = [...readByCode()].filter((name) => !new RegExp(`\\b${name}\\b`).test(example));
    expect(missing).toEqual([]);
  });

  it("lists every variable the validator checks", () => {
    const checked = [...SSO_PROVIDERS.flatMap((p) => [...p.vars, ...p.optional])];
    for (const name of checked) expect(documented, name).toContain(name);
    for (const name of ["PORT", "TRUSTED_PROXY_HOPS", "READYROOM_DRAIN_SECONDS", "READYROOM_SHUTDOWN_TIMEOUT_SECONDS", "DATABASE_POOL_SIZE", "READYROOM_SESSION_IDLE_MINUTES", "READYROOM_SESSION_MAX_HOURS", "READYROOM_HSTS_PRELOAD", "READYROOM_WEBHOOK_ALLOW_HTTP", "READYROOM_LOG_LEVEL", "READYROOM_METRICS_TOKEN", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "REDIS_URL"]) {
      expect(documented, name).toContain(name);
    }
  });

  it("has no value for a secret", () => {
    for (const name of ["AUTH_SECRET", "NEXTAUTH_SECRET", "AUTH_OIDC_SECRET", "AUTH_OKTA_SECRET", "AUTH_MICROSOFT_ENTRA_ID_SECRET", "AUTH_GOOGLE_SECRET", "AUTH_GITHUB_SECRET", "UPSTASH_REDIS_REST_TOKEN", "READYROOM_METRICS_TOKEN", "READYROOM_API_KEY"]) {
      expect(example, name).toMatch(new RegExp(`^#? ?${name}=$`, "m"));
    }
  });

  it("passes the validator as written", () => {
    const env = Object.fromEntries([...example.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    expect(errors(env)).toEqual([]);
  });
});
