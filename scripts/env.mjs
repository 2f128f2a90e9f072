/**
 * Checks the environment before the server or the CLI touches anything: every
 * variable Readyroom reads (listed in .env.example) is well-formed when set,
 * and production has what it cannot run without. An empty value counts as
 * unset, as the app reads it, except for integers: the app would read "" as 0.
 *
 * `node scripts/env.mjs` checks the current environment and exits 1 on errors.
 * See docs/deploy.md.
 */
import { z } from "zod";

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"];

/** The SSO providers of lib/auth/providers.ts: the variables each needs together. */
export const SSO_PROVIDERS = [
  { name: "OpenID Connect", vars: ["AUTH_OIDC_ISSUER", "AUTH_OIDC_ID", "AUTH_OIDC_SECRET"], optional: ["AUTH_OIDC_NAME"] },
  { name: "Okta", vars: ["AUTH_OKTA_ISSUER", "AUTH_OKTA_ID", "AUTH_OKTA_SECRET"], optional: [] },
  {
    name: "Microsoft Entra ID",
    vars: ["AUTH_MICROSOFT_ENTRA_ID_ISSUER", "AUTH_MICROSOFT_ENTRA_ID_ID", "AUTH_MICROSOFT_ENTRA_ID_SECRET"],
    optional: [],
  },
  { name: "Google", vars: ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"], optional: [] },
  { name: "GitHub", vars: ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"], optional: [] },
];

const ISSUERS = ["AUTH_OIDC_ISSUER", "AUTH_OKTA_ISSUER", "AUTH_MICROSOFT_ENTRA_ID_ISSUER"];

/** [name, min, max]: integers, and the range the app accepts. */
const INTEGERS = [
  ["PORT", 1, 65535],
  ["TRUSTED_PROXY_HOPS", 0],
  ["READYROOM_DRAIN_SECONDS", 0],
  ["READYROOM_SHUTDOWN_TIMEOUT_SECONDS", 0],
  ["DATABASE_POOL_SIZE", 1],
  ["READYROOM_SESSION_IDLE_MINUTES", 5, 10080],
  ["READYROOM_SESSION_MAX_HOURS", 1, 8760],
];

const BOOLEANS = ["READYROOM_HSTS_PRELOAD", "READYROOM_WEBHOOK_ALLOW_HTTP", "READYROOM_SSO_ALLOW_HTTP"];

const HTTP = { protocol: /^https?$/, says: "an http:// or https:// URL" };
/** [name, accepted schemes]. */
const URLS = [
  ["AUTH_URL", HTTP],
  ["NEXTAUTH_URL", HTTP],
  ["DATABASE_URL", { protocol: /^postgres(ql)?$/, says: "a postgres:// or postgresql:// URL" }],
  ["REDIS_URL", { protocol: /^rediss?$/, says: "a redis:// or rediss:// URL" }],
  ["UPSTASH_REDIS_REST_URL", HTTP],
  ["READYROOM_URL", HTTP],
  ...ISSUERS.map((name) => [name, HTTP]),
];

const SECRET_MIN = 32;
const METRICS_TOKEN_MIN = 24;

/** Every READYROOM_* variable the app reads; another one is probably a typo. */
const READYROOM_VARS = new Set([
  "READYROOM_HOST",
  "READYROOM_DATA_DIR",
  "READYROOM_MIGRATIONS_DIR",
  "READYROOM_DRAIN_SECONDS",
  "READYROOM_SHUTDOWN_TIMEOUT_SECONDS",
  "READYROOM_HSTS_PRELOAD",
  "READYROOM_SESSION_IDLE_MINUTES",
  "READYROOM_SESSION_MAX_HOURS",
  "READYROOM_WEBHOOK_ALLOW_HTTP",
  "READYROOM_WEBHOOK_ALLOW_ADDRESSES",
  "READYROOM_SSO_ALLOW_HTTP",
  "READYROOM_SSO_ALLOW_ADDRESSES",
  "READYROOM_DNS_SERVERS",
  "READYROOM_LOG_LEVEL",
  "READYROOM_LOG",
  "READYROOM_DEBUG",
  "READYROOM_METRICS_TOKEN",
  "READYROOM_URL",
  "READYROOM_API_KEY",
]);

const integerText = /^\d+$/;
const host = z.union([z.ipv4(), z.ipv6(), z.hostname()]);
const address = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6(), z.hostname()]);
const logLevel = z.enum(LOG_LEVELS);
const HTTPS_ONLY = /^https$/;

function isUrl(text, protocol) {
  return z.url({ protocol }).safeParse(text).success;
}

/** "A", "A and B", "A, B and C". */
function list(names) {
  return names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

function range(min, max) {
  return max === undefined ? `an integer of ${min} or more` : `an integer from ${min} to ${max}`;
}

/**
 * The problems with `env`, one line each: `errors` stop the server and the
 * CLI, `warnings` do not.
 */
export function validateEnv(env = process.env) {
  const errors = [];
  const warnings = [];
  /** The value, trimmed; undefined when unset or empty. */
  const value = (name) => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };
  const production = env.NODE_ENV === "production";

  for (const [name, min, max] of INTEGERS) {
    const raw = env[name];
    if (raw === undefined) continue;
    const text = raw.trim();
    const number = integerText.test(text) ? Number(text) : NaN;
    if (text === "") errors.push(`${name} is empty: set ${range(min, max)} or leave it unset`);
    else if (!(number >= min && number <= (max ?? Number.MAX_SAFE_INTEGER))) errors.push(`${name} must be ${range(min, max)}, not "${text}"`);
  }

  for (const name of BOOLEANS) {
    const text = value(name);
    if (text !== undefined && text !== "true" && text !== "false") errors.push(`${name} must be "true" or "false", not "${text}"`);
  }

  // URLs can carry passwords: never repeated in a message.
  for (const [name, { protocol, says }] of URLS) {
    const text = value(name);
    if (text !== undefined && !isUrl(text, protocol)) errors.push(`${name} must be ${says}`);
  }

  // Auth.js: AUTH_* first, the NEXTAUTH_* names only when it is not set at all (lib/auth/secret.ts, lib/auth/cookies.ts).
  const secretName = env.AUTH_SECRET === undefined && env.NEXTAUTH_SECRET !== undefined ? "NEXTAUTH_SECRET" : "AUTH_SECRET";
  const secret = value(secretName);
  if (secret !== undefined && secret.length < SECRET_MIN) errors.push(`${secretName} must be at least ${SECRET_MIN} characters`);
  else if (secret === undefined && production) errors.push("AUTH_SECRET is required in production (generate one with: openssl rand -base64 32)");
  const urlName = env.AUTH_URL === undefined && env.NEXTAUTH_URL !== undefined ? "NEXTAUTH_URL" : "AUTH_URL";
  const authUrl = value(urlName);
  if (production && authUrl === undefined) errors.push("AUTH_URL is required in production: the public https:// URL, e.g. https://readyroom.example.com");
  else if (production && isUrl(authUrl, HTTP.protocol) && !isUrl(authUrl, HTTPS_ONLY)) {
    errors.push(`${urlName} must be an https:// URL in production`);
  }
  // Auth.js takes a path in AUTH_URL as its base path; Readyroom is served at the root, its routes under /api/auth.
  if (authUrl !== undefined && isUrl(authUrl, HTTP.protocol) && !["/", "/api/auth"].includes(new URL(authUrl).pathname.replace(/(.)\/$/, "$1"))) {
    errors.push(`${urlName} must have no path, e.g. https://readyroom.example.com`);
  }
  for (const [old, name] of [["NEXTAUTH_SECRET", "AUTH_SECRET"], ["NEXTAUTH_URL", "AUTH_URL"]]) {
    if (value(old) !== undefined) warnings.push(`${old} is the old name of ${name}: rename it (${name} wins when both are set)`);
  }

  if (production && value("DATABASE_URL") === undefined) {
    errors.push("DATABASE_URL is required in production: postgresql://user:password@host:5432/database");
  }

  for (const provider of SSO_PROVIDERS) {
    const set = [...provider.vars, ...provider.optional].filter((name) => value(name) !== undefined);
    const missing = provider.vars.filter((name) => value(name) === undefined);
    if (set.length > 0 && missing.length > 0) {
      errors.push(`${list(set)} ${set.length === 1 ? "needs" : "need"} ${list(missing)} (${provider.name} sign-in)`);
    }
  }
  if (production) {
    for (const name of ISSUERS) {
      const text = value(name);
      if (text !== undefined && isUrl(text, HTTP.protocol) && !isUrl(text, HTTPS_ONLY)) {
        errors.push(`${name} must be an https:// URL in production`);
      }
    }
  }

  const upstashUrl = value("UPSTASH_REDIS_REST_URL");
  const upstashToken = value("UPSTASH_REDIS_REST_TOKEN");
  if (upstashUrl !== undefined && upstashToken === undefined) errors.push("UPSTASH_REDIS_REST_URL needs UPSTASH_REDIS_REST_TOKEN (Upstash rate-limit store)");
  if (upstashToken !== undefined && upstashUrl === undefined) errors.push("UPSTASH_REDIS_REST_TOKEN needs UPSTASH_REDIS_REST_URL (Upstash rate-limit store)");
  const upstash = upstashUrl !== undefined && upstashToken !== undefined;
  if (upstash && value("REDIS_URL") !== undefined) warnings.push("REDIS_URL is ignored: UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN are set and win");
  if (production && !upstash && value("REDIS_URL") === undefined) {
    warnings.push("REDIS_URL (or UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN) is not set: each server process counts rate limits on its own");
  }

  const listen = value("READYROOM_HOST");
  if (listen !== undefined && !host.safeParse(listen).success) errors.push(`READYROOM_HOST must be a host name or an IP address, not "${listen}"`);

  const level = value("READYROOM_LOG_LEVEL");
  if (level !== undefined && !logLevel.safeParse(level).success) errors.push(`READYROOM_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, not "${level}"`);
  const log = value("READYROOM_LOG");
  if (log !== undefined && log !== "silent") warnings.push(`READYROOM_LOG only understands "silent", not "${log}": use READYROOM_LOG_LEVEL`);

  const metricsToken = value("READYROOM_METRICS_TOKEN");
  if (metricsToken !== undefined && metricsToken.length < METRICS_TOKEN_MIN) errors.push(`READYROOM_METRICS_TOKEN must be at least ${METRICS_TOKEN_MIN} characters`);
  if (production && metricsToken === undefined) warnings.push("READYROOM_METRICS_TOKEN is not set: GET /api/metrics answers 404");

  // Test allowances for outbound requests: webhooks, and workspaces' identity providers.
  for (const [prefix, what] of [["READYROOM_WEBHOOK", "webhooks"], ["READYROOM_SSO", "identity-provider requests"]]) {
    const allowed = value(`${prefix}_ALLOW_ADDRESSES`);
    if (allowed !== undefined) {
      const wrong = allowed.split(",").map((entry) => entry.trim()).filter((entry) => entry && !address.safeParse(entry).success);
      if (wrong.length > 0) errors.push(`${prefix}_ALLOW_ADDRESSES must list IP addresses, CIDR ranges or host names, separated by commas, not "${wrong.join(", ")}"`);
      else if (production) warnings.push(`${prefix}_ALLOW_ADDRESSES is for tests: ${what} may reach ${allowed}`);
    }
    if (production && value(`${prefix}_ALLOW_HTTP`) === "true") warnings.push(`${prefix}_ALLOW_HTTP is for tests: ${what} may be sent over plain http://`);
  }

  if (production && !SSO_PROVIDERS.some((provider) => provider.vars.every((name) => value(name) !== undefined))) {
    warnings.push("No SSO provider is configured (AUTH_OIDC_*, AUTH_OKTA_*, AUTH_MICROSOFT_ENTRA_ID_*, AUTH_GOOGLE_*, AUTH_GITHUB_*): nobody can sign in");
  }

  for (const name of Object.keys(env)) {
    if (name.startsWith("READYROOM_") && !READYROOM_VARS.has(name)) warnings.push(`${name} is not a Readyroom variable (a typo?): it is ignored`);
  }

  return { errors, warnings };
}

/**
 * For the launcher and the CLI: prints every error and exits 1 when there is
 * any; otherwise prints the warnings and returns.
 */
export function assertEnv(env = process.env) {
  const result = validateEnv(env);
  if (result.errors.length > 0) {
    for (const error of result.errors) console.error(`readyroom: configuration error: ${error}`);
    console.error("readyroom: see .env.example and docs/deploy.md.");
    process.exit(1);
  }
  for (const warning of result.warnings) console.error(`readyroom: warning: ${warning}`);
  return result;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { warnings } = assertEnv();
  console.log(`readyroom: the environment is valid${warnings.length ? ` (${warnings.length} warning${warnings.length === 1 ? "" : "s"})` : ""}.`);
}
