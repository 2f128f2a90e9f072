/**
 * The MDN HTTP Observatory's score and grade for one response, computed
 * offline from its headers, its HTML and its cookies. Pure: what the scanner
 * learns from the network (TLS, the http:// redirect, the HSTS preload list,
 * the CORS preflight) is given by the caller.
 *
 * Source: mdn/mdn-http-observatory, algorithm version 4, as published at
 * https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring.
 * Modifiers and grades from src/grader/charts.js (SCORE_TABLE, GRADE_CHART,
 * MINIMUM_SCORE_FOR_EXTRA_CREDIT); the two rounds (penalties, then bonuses
 * only from 90 up) from src/scanner/index.js and src/grader/grader.js; each
 * test from src/analyzer/tests/*.js and the CSP parser from
 * src/analyzer/cspParser.js; meta tags as src/retriever/utils.js reads them.
 * Departures: HTML is read by a small tokenizer instead of jsdom; the
 * registrable domain of a script's host (tldts in the original) is its last
 * two labels; cookies go through tough-cookie's parsing and prefix rules but
 * not its domain and expiry checks.
 */

/** Each result's modifier, from the published SCORE_TABLE. */
const MODIFIERS = {
  "csp-implemented-with-no-unsafe-default-src-none": 10,
  "csp-implemented-with-no-unsafe": 5,
  "csp-implemented-with-unsafe-inline-in-style-src-only": 0,
  "csp-implemented-with-insecure-scheme-in-passive-content-only": -10,
  "csp-implemented-with-unsafe-eval": -10,
  "csp-implemented-with-unsafe-inline": -20,
  "csp-implemented-with-insecure-scheme": -20,
  "csp-header-invalid": -25,
  "csp-not-implemented": -25,
  "csp-not-implemented-but-reporting-enabled": -25,
  "csp-implemented-but-duplicate-directives": 0,

  "cookies-secure-with-httponly-sessions-and-samesite": 5,
  "cookies-secure-with-httponly-sessions": 0,
  "cookies-not-found": 0,
  "cookies-without-secure-flag-but-protected-by-hsts": -5,
  "cookies-session-without-secure-flag-but-protected-by-hsts": -10,
  "cookies-without-secure-flag": -20,
  "cookies-samesite-flag-invalid": -20,
  "cookies-anticsrf-without-samesite-flag": -20,
  "cookies-session-without-httponly-flag": -30,
  "cookies-session-without-secure-flag": -40,

  "cross-origin-resource-sharing-not-implemented": 0,
  "cross-origin-resource-sharing-implemented-with-public-access": 0,
  "cross-origin-resource-sharing-implemented-with-restricted-access": 0,
  "cross-origin-resource-sharing-implemented-with-universal-access": -50,

  "redirection-all-redirects-preloaded": 0,
  "redirection-to-https": 0,
  "redirection-not-needed-no-http": 0,
  "redirection-off-host-from-http": -5,
  "redirection-not-to-https-on-initial-redirection": -10,
  "redirection-not-to-https": -20,
  "redirection-missing": -20,
  "redirection-invalid-cert": -20,

  "referrer-policy-private": 5,
  "referrer-policy-not-implemented": 0,
  "referrer-policy-unsafe": -5,
  "referrer-policy-header-invalid": -5,

  "hsts-preloaded": 5,
  "hsts-implemented-max-age-at-least-six-months": 0,
  "hsts-implemented-max-age-less-than-six-months": -10,
  "hsts-not-implemented": -20,
  "hsts-header-invalid": -20,
  "hsts-not-implemented-no-https": -20,
  "hsts-invalid-cert": -20,

  "sri-implemented-and-all-scripts-loaded-securely": 5,
  "sri-implemented-and-external-scripts-loaded-securely": 5,
  "sri-not-implemented-response-not-html": 0,
  "sri-not-implemented-but-no-scripts-loaded": 0,
  "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
  "sri-not-implemented-but-external-scripts-loaded-securely": -5,
  "sri-implemented-but-external-scripts-not-loaded-securely": -20,
  "sri-not-implemented-and-external-scripts-not-loaded-securely": -50,

  "x-content-type-options-nosniff": 0,
  "x-content-type-options-not-implemented": -5,
  "x-content-type-options-header-invalid": -5,

  "x-frame-options-implemented-via-csp": 5,
  "x-frame-options-sameorigin-or-deny": 0,
  "x-frame-options-allow-from-origin": 0,
  "x-frame-options-not-implemented": -20,
  "x-frame-options-header-invalid": -20,

  "corp-implemented-with-same-origin": 10,
  "corp-implemented-with-same-site": 10,
  "corp-implemented-with-cross-origin": 0,
  "corp-not-implemented": 0,
  "corp-header-invalid": -5,
} as const;

export type ObservatoryResult = keyof typeof MODIFIERS;

export type ObservatoryTestName =
  | "content-security-policy"
  | "cookies"
  | "cross-origin-resource-sharing"
  | "redirection"
  | "referrer-policy"
  | "strict-transport-security"
  | "subresource-integrity"
  | "x-content-type-options"
  | "x-frame-options"
  | "cross-origin-resource-policy";

export type ObservatoryGrade = "A+" | "A" | "A-" | "B+" | "B" | "B-" | "C+" | "C" | "C-" | "D+" | "D" | "D-" | "F";

/** The lowest score of each grade (GRADE_CHART). */
const GRADES: readonly (readonly [number, ObservatoryGrade])[] = [
  [100, "A+"],
  [90, "A"],
  [85, "A-"],
  [80, "B+"],
  [70, "B"],
  [65, "B-"],
  [60, "C+"],
  [50, "C"],
  [45, "C-"],
  [40, "D+"],
  [30, "D"],
  [25, "D-"],
  [0, "F"],
];

/** Bonuses count only when the score after penalties is at least this. */
export const MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90;

/** The Origin the scanner's CORS preflight sends (CONFIG.retriever.corsOrigin). */
export const CORS_PROBE_ORIGIN = "https://http-observatory.security.mozilla.org";

/** What the CSP test found, beyond its result (the scanner's `policy`); only the result is scored. */
export interface CspPolicy {
  antiClickjacking: boolean;
  defaultNone: boolean;
  insecureBaseUri: boolean;
  insecureFormAction: boolean;
  insecureSchemeActive: boolean;
  insecureSchemePassive: boolean;
  strictDynamic: boolean;
  unsafeEval: boolean;
  unsafeInline: boolean;
  unsafeInlineStyle: boolean;
  unsafeObjects: boolean;
}

export interface ObservatoryTest {
  result: ObservatoryResult;
  modifier: number;
  pass: boolean;
}

export interface ObservatoryReport {
  score: number;
  grade: ObservatoryGrade;
  testsPassed: number;
  tests: Record<ObservatoryTestName, ObservatoryTest> & {
    "content-security-policy": ObservatoryTest & { policy: CspPolicy | null };
  };
}

export type HeaderInput = Headers | Record<string, string>;

export interface ObservatoryInput {
  /** The response's headers. */
  headers: HeaderInput;
  /** The response's body: its meta policies and script tags (read when the content type is HTML). */
  html?: string;
  /** The cookies the scan collects; defaults to the Set-Cookie headers in `headers`. */
  setCookies?: string[];
  /** The site answers over https with a valid certificate. */
  https: boolean;
  /** http:// on the same host redirects to https:// on it. */
  redirectsToHttps: boolean;
  /** The host answers plain http at all (default true). False when TLS is all there is: no redirect is needed. */
  servesHttp?: boolean;
  /** The host is on the browsers' HSTS preload list (a `preload` directive alone is not). */
  preloaded?: boolean;
  /** The answer to a CORS preflight sent with `Origin: CORS_PROBE_ORIGIN`; defaults to `headers`. */
  corsPreflight?: HeaderInput;
  /** The page's host, to tell the site's own absolute script URLs from other sites'. */
  host?: string;
}

/** The grade for a score. */
export function observatoryGrade(score: number): ObservatoryGrade {
  for (const [minimum, grade] of GRADES) if (score >= minimum) return grade;
  return "F";
}

/** The Observatory's report for a response. */
export function observatoryScore(input: ObservatoryInput): ObservatoryReport {
  const response = readResponse(input);
  const csp = contentSecurityPolicyTest(response);
  const hsts = strictTransportSecurityTest(response);
  const outcomes = {
    "content-security-policy": csp,
    cookies: cookiesTest(response, hsts.pass),
    "cross-origin-resource-sharing": crossOriginResourceSharingTest(input.corsPreflight ? headerMap(input.corsPreflight) : response.headers),
    redirection: redirectionTest(response),
    "referrer-policy": referrerPolicyTest(response),
    "strict-transport-security": hsts,
    "subresource-integrity": subresourceIntegrityTest(response),
    "x-content-type-options": xContentTypeOptionsTest(response),
    "x-frame-options": xFrameOptionsTest(response, csp),
    "cross-origin-resource-policy": crossOriginResourcePolicyTest(response),
  } satisfies Record<ObservatoryTestName, Outcome>;

  let withExtraCredit = 100;
  let uncurved = 100;
  let testsPassed = 0;
  const tests = {} as Record<ObservatoryTestName, ObservatoryTest>;
  for (const [name, { result, pass }] of Object.entries(outcomes) as [ObservatoryTestName, Outcome][]) {
    const modifier = MODIFIERS[result];
    withExtraCredit += modifier;
    if (modifier < 0) uncurved += modifier;
    if (pass) testsPassed += 1;
    tests[name] = { result, modifier, pass };
  }
  const score = Math.max(uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withExtraCredit : uncurved, 0);
  return {
    score,
    grade: observatoryGrade(score),
    testsPassed,
    tests: { ...tests, "content-security-policy": { ...tests["content-security-policy"], policy: csp.policy } },
  };
}

interface Outcome {
  result: ObservatoryResult;
  pass: boolean;
}

interface ScannedResponse {
  /** Lower-case name → value, repeated headers joined with ", " as Node joins them. */
  headers: Map<string, string>;
  cookies: string[];
  /** `<meta http-equiv="content-security-policy">` contents. */
  metaCsp: string[];
  /** `<meta name="referrer">` content (the last one). */
  metaReferrer: string | null;
  html: string;
  https: boolean;
  redirectsToHttps: boolean;
  servesHttp: boolean;
  preloaded: boolean;
  host: string | null;
}

const HTML_TYPES = new Set(["text/html", "application/xhtml+xml"]);

function headerMap(input: HeaderInput): Map<string, string> {
  const map = new Map<string, string>();
  const entries = input instanceof Headers ? [...input.entries()] : Object.entries(input);
  for (const [rawName, value] of entries) {
    const name = rawName.toLowerCase();
    if (name === "set-cookie" && input instanceof Headers) continue;
    const previous = map.get(name);
    map.set(name, previous === undefined ? value : `${previous}, ${value}`);
  }
  return map;
}

function readResponse(input: ObservatoryInput): ScannedResponse {
  const headers = headerMap(input.headers);
  const setCookie = headers.get("set-cookie");
  const cookies = input.setCookies ?? (input.headers instanceof Headers ? input.headers.getSetCookie() : setCookie === undefined ? [] : [setCookie]);
  const html = input.html ?? "";
  const metaCsp: string[] = [];
  let metaReferrer: string | null = null;
  if (HTML_TYPES.has(headers.get("content-type")?.split(";")[0] ?? "") && html) {
    for (const meta of startTags(html, "meta")) {
      const httpEquiv = meta.get("http-equiv");
      const content = meta.get("content");
      if (httpEquiv !== undefined && content !== undefined) {
        if (httpEquiv.toLowerCase().trim() === "content-security-policy") metaCsp.push(content);
      } else if (meta.get("name")?.toLowerCase().trim() === "referrer" && content !== undefined) {
        metaReferrer = content;
      }
    }
  }
  return {
    headers,
    cookies,
    metaCsp,
    metaReferrer,
    html,
    https: input.https,
    redirectsToHttps: input.redirectsToHttps,
    servesHttp: input.servesHttp ?? true,
    preloaded: input.preloaded ?? false,
    host: input.host ?? null,
  };
}

// Content Security Policy (src/analyzer/cspParser.js, src/analyzer/tests/csp.js)

type Directives = Map<string, Set<string>>;

interface ParsedCsp {
  directives: Directives;
  /** A policy repeats report-uri or report-to, the only directives allowed twice. */
  duplicates: boolean;
}

interface CspSource {
  source: string;
  index: number;
  keep: boolean;
}

const SHORTEST_POLICY = "img-src".length - 1;
const DISALLOWED_IN_META = ["frame-ancestors", "report-uri", "sandbox"];
const REPEATABLE = new Set(["report-uri", "report-to"]);
const collator = new Intl.Collator("en");

/** Several policies are intersected: a source counts only when every policy allows it. */
function parseCsp(policies: string[]): ParsedCsp {
  const cleaned = policies.map((policy) => policy.replace(/[\r\n]/g, "").trim());
  const parsed = new Map<string, CspSource[]>();
  let duplicates = false;
  for (const policy of cleaned) {
    if (policy.length < SHORTEST_POLICY) throw new Error(`Invalid policy: ${policy}`);
  }
  for (const [index, policy] of cleaned.entries()) {
    const seen = new Set<string>();
    for (const [name, ...values] of policy.split(";").map((entry) => entry.trim().split(/\s+/))) {
      if (!name) continue;
      const directive = name.toLowerCase();
      if (seen.has(directive)) {
        if (!REPEATABLE.has(directive)) throw new Error(`Duplicate directive ${directive} in policy ${index}`);
        duplicates = true;
      }
      seen.add(directive);
      const keep = index === 0;
      const sources: CspSource[] = values.length
        ? values.map((value) => ({ source: value.trim().toLowerCase(), index, keep }))
        : directive.endsWith("-src")
          ? [{ source: "'none'", index, keep }]
          : [];
      const combined = index === 0 ? sources : [...(parsed.get(directive) ?? []), ...sources];
      combined.sort((a, b) => collator.compare(a.source, b.source));
      for (let i = 1; i < combined.length; i++) {
        const source = combined[i]!;
        const previous = combined[i - 1]!;
        if (source.index === previous.index && source.source.startsWith(previous.source)) source.keep = false;
        if (source.index !== previous.index && pathPartMatch(previous.source, source.source)) source.keep = true;
      }
      const kept = combined.filter((source) => source.keep);
      parsed.set(directive, kept);
      if (index === 0 && policies.length > 1) for (const source of kept) source.keep = false;
    }
  }
  const directives: Directives = new Map();
  for (const [directive, sources] of parsed) {
    directives.set(directive, new Set(sources.length ? sources.map((source) => source.source) : ["'none'"]));
  }
  return { directives, duplicates };
}

function pathPartMatch(a: string, b: string): boolean {
  if (a.length === 0) return true;
  if (a === "/" && b.length === 0) return true;
  const exact = !a.endsWith("/");
  const partsA = a.split("/");
  const partsB = b.split("/");
  if (partsA.length > partsB.length) return false;
  if (exact && partsA.length !== partsB.length) return false;
  if (!exact) partsA.pop();
  return partsA.every((part, i) => decodeURIComponent(part) === decodeURIComponent(partsB[i]!));
}

function parseOrEmpty(parse: () => Directives): Directives {
  try {
    return parse();
  } catch {
    return new Map();
  }
}

/** Per RFC 9110 repeated headers may arrive comma-joined; commas never occur inside a policy. */
function splitPolicies(values: string[]): string[] {
  return values.flatMap((value) => value.split(",").map((policy) => policy.trim()));
}

const DANGEROUSLY_BROAD = new Set(["ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"]);
const BROAD_OR_INLINE = new Set([...DANGEROUSLY_BROAD, "'unsafe-inline'", "data:"]);
const PASSIVE_DIRECTIVES = ["img-src", "media-src"];
const NONCES_AND_HASHES = ["'sha256-", "'sha384-", "'sha512-", "'nonce-"];

function hasNonceOrHash(sources: Set<string>): boolean {
  return [...sources].some((source) => NONCES_AND_HASHES.some((prefix) => source.startsWith(prefix)));
}

interface CspOutcome extends Outcome {
  policy: CspPolicy | null;
  /** The policy sets frame-ancestors (what the X-Frame-Options test asks). */
  frameAncestors: boolean;
}

function contentSecurityPolicyTest(response: ScannedResponse): CspOutcome {
  const header = response.headers.get("content-security-policy");
  const httpPolicies = splitPolicies(header === undefined ? [] : [header]);
  const metaPolicies = splitPolicies(response.metaCsp);
  const failed = (result: ObservatoryResult): CspOutcome => ({ result, pass: false, policy: null, frameAncestors: false });

  let parsed: ParsedCsp;
  try {
    parsed = parseCsp([...httpPolicies, ...metaPolicies]);
  } catch {
    return failed("csp-header-invalid");
  }
  const headerOnly = parseOrEmpty(() => parseCsp(httpPolicies).directives);
  const metaOnly = parseOrEmpty(() => {
    const directives = parseCsp(metaPolicies).directives;
    for (const directive of DISALLOWED_IN_META) directives.delete(directive);
    return directives;
  });
  if (headerOnly.size + metaOnly.size === 0) {
    return failed(response.headers.get("content-security-policy-report-only") ? "csp-not-implemented-but-reporting-enabled" : "csp-not-implemented");
  }

  const csp = parsed.directives;
  const policy: CspPolicy = {
    antiClickjacking: false,
    defaultNone: false,
    insecureBaseUri: false,
    insecureFormAction: false,
    insecureSchemeActive: false,
    insecureSchemePassive: false,
    strictDynamic: false,
    unsafeEval: false,
    unsafeInline: false,
    unsafeInlineStyle: false,
    unsafeObjects: false,
  };
  let result: ObservatoryResult | null = null;

  const baseUri = csp.get("base-uri") ?? new Set(["*"]);
  // frame-ancestors works only from the header.
  const frameAncestors = headerOnly.get("frame-ancestors") ?? new Set(["*"]);
  const formAction = csp.get("form-action") ?? new Set(["*"]);
  const objectSrc = csp.get("object-src") ?? csp.get("default-src") ?? new Set(["*"]);
  const scriptSrc = csp.get("script-src") ?? csp.get("default-src") ?? new Set(["*"]);
  const styleSrc = csp.get("style-src") ?? csp.get("default-src") ?? new Set(["*"]);

  // Browsers ignore 'unsafe-inline' next to a nonce or hash.
  for (const sources of [scriptSrc, styleSrc]) {
    if (hasNonceOrHash(sources) && sources.has("'unsafe-inline'")) sources.delete("'unsafe-inline'");
  }

  // With a nonce or hash, 'strict-dynamic' makes browsers ignore host and scheme sources, 'self' and 'unsafe-inline'.
  if (hasNonceOrHash(scriptSrc) && scriptSrc.has("'strict-dynamic'")) {
    for (const source of scriptSrc) {
      if ([...DANGEROUSLY_BROAD].some((broad) => source.startsWith(broad)) || source === "'self'" || source === "'unsafe-inline'") scriptSrc.delete(source);
    }
    policy.strictDynamic = true;
  } else if (scriptSrc.has("'strict-dynamic'")) {
    result = "csp-header-invalid";
  }

  const activeSources = [...csp]
    .filter(([directive]) => !PASSIVE_DIRECTIVES.includes(directive) && directive !== "script-src")
    .flatMap(([, sources]) => [...sources]);
  activeSources.push(...scriptSrc);
  const passiveSources = PASSIVE_DIRECTIVES.flatMap((directive) => [...(csp.get(directive) ?? csp.get("default-src") ?? [])]);
  const insecure = (source: string) => source.startsWith("http:") || source.startsWith("ftp:");

  if ([...scriptSrc].some((source) => BROAD_OR_INLINE.has(source)) || [...objectSrc].some((source) => DANGEROUSLY_BROAD.has(source))) {
    result ??= "csp-implemented-with-unsafe-inline";
    policy.unsafeInline = true;
  }
  if (response.https && activeSources.some(insecure)) {
    result ??= "csp-implemented-with-insecure-scheme";
    policy.insecureSchemeActive = true;
  }
  if (scriptSrc.has("'unsafe-eval'") || styleSrc.has("'unsafe-eval'")) {
    result ??= "csp-implemented-with-unsafe-eval";
    policy.unsafeEval = true;
  }
  if (response.https && passiveSources.some(insecure)) {
    result ??= "csp-implemented-with-insecure-scheme-in-passive-content-only";
    policy.insecureSchemePassive = true;
  }
  if ([...styleSrc].some((source) => BROAD_OR_INLINE.has(source))) {
    result ??= "csp-implemented-with-unsafe-inline-in-style-src-only";
    policy.unsafeInlineStyle = true;
  }
  const defaultSrc = csp.get("default-src");
  if (defaultSrc?.has("'none'") && defaultSrc.size === 1) {
    result ??= "csp-implemented-with-no-unsafe-default-src-none";
    policy.defaultNone = true;
  } else {
    result ??= "csp-implemented-with-no-unsafe";
  }

  policy.antiClickjacking = ![...frameAncestors].some((source) => DANGEROUSLY_BROAD.has(source));
  policy.insecureBaseUri = [...baseUri].some((source) => BROAD_OR_INLINE.has(source));
  policy.insecureFormAction = [...formAction].some((source) => DANGEROUSLY_BROAD.has(source));
  policy.unsafeObjects = [...objectSrc].some((source) => DANGEROUSLY_BROAD.has(source));

  const passing: ObservatoryResult[] = [
    "csp-implemented-with-no-unsafe",
    "csp-implemented-with-no-unsafe-default-src-none",
    "csp-implemented-with-unsafe-inline-in-style-src-only",
    "csp-implemented-with-insecure-scheme-in-passive-content-only",
  ];
  const pass = passing.includes(result);
  // A passing policy that repeats report-uri or report-to loses its bonus.
  if (pass && parsed.duplicates) result = "csp-implemented-but-duplicate-directives";
  return { result, pass, policy, frameAncestors: csp.has("frame-ancestors") };
}

// Cookies (src/analyzer/tests/cookies.js; the jar is tough-cookie's)

/** Heroku's load-balancer cookie, which the scanner ignores. */
const IGNORED_COOKIES = ["heroku-session-affinity"];

const COOKIE_BADNESS: ObservatoryResult[] = [
  "cookies-without-secure-flag-but-protected-by-hsts",
  "cookies-without-secure-flag",
  "cookies-session-without-secure-flag-but-protected-by-hsts",
  "cookies-samesite-flag-invalid",
  "cookies-anticsrf-without-samesite-flag",
  "cookies-session-without-httponly-flag",
  "cookies-session-without-secure-flag",
];

/** The worse of two results in `order` (best first). */
function worse(next: ObservatoryResult, current: ObservatoryResult | null, order: ObservatoryResult[]): ObservatoryResult {
  if (!current) return next;
  return order.indexOf(next) > order.indexOf(current) ? next : current;
}

interface Cookie {
  key: string;
  domain: string | null;
  path: string | null;
  secure: boolean;
  httpOnly: boolean;
  sameSite: "strict" | "lax" | "none" | undefined;
}

/** A Set-Cookie header as tough-cookie parses it (strict mode); null when it would be rejected. */
function parseCookie(header: string): Cookie | null {
  const [pair = "", ...attributes] = header.trim().split(";");
  const equals = pair.indexOf("=");
  if (equals <= 0 || [...pair].some((char) => char.charCodeAt(0) < 0x20)) return null;
  const cookie: Cookie = { key: pair.slice(0, equals).trim(), domain: null, path: null, secure: false, httpOnly: false, sameSite: undefined };
  for (const attribute of attributes) {
    const trimmed = attribute.trim();
    if (!trimmed) continue;
    const separator = trimmed.indexOf("=");
    const name = (separator === -1 ? trimmed : trimmed.slice(0, separator)).trim().toLowerCase();
    const value = separator === -1 ? "" : trimmed.slice(separator + 1).trim();
    if (name === "secure") cookie.secure = true;
    else if (name === "httponly") cookie.httpOnly = true;
    else if (name === "domain" && value) cookie.domain = value.replace(/^\./, "").toLowerCase();
    else if (name === "path") cookie.path = value.startsWith("/") ? value : null;
    else if (name === "samesite") {
      const enforcement = value.toLowerCase();
      cookie.sameSite = enforcement === "strict" || enforcement === "lax" || enforcement === "none" ? enforcement : undefined;
    }
  }
  // Cookie prefixes: the jar drops what browsers drop.
  if (cookie.key.startsWith("__Secure-") && !cookie.secure) return null;
  if (cookie.key.startsWith("__Host-") && !(cookie.secure && cookie.domain === null && cookie.path === "/")) return null;
  return cookie;
}

/** A SameSite attribute with no value, or one other than Lax, Strict or None. */
function hasInvalidSameSite(header: string): boolean {
  return header
    .trim()
    .split(";")
    .some((part) => {
      const [key = "", value] = part.trim().split("=");
      return key.trim().toLowerCase() === "samesite" && (!value || !["lax", "strict", "none"].includes(value.trim().toLowerCase()));
    });
}

function cookiesTest(response: ScannedResponse, hsts: boolean): Outcome {
  let result: ObservatoryResult | null = null;
  for (const header of response.cookies) {
    if (hasInvalidSameSite(header)) result = worse("cookies-samesite-flag-invalid", result, COOKIE_BADNESS);
  }

  const jar = new Map<string, Cookie>();
  for (const header of response.cookies) {
    const cookie = parseCookie(header);
    if (cookie && !IGNORED_COOKIES.includes(cookie.key)) jar.set(`${cookie.domain}\n${cookie.path}\n${cookie.key}`, cookie);
  }
  if (jar.size === 0) return { result: "cookies-not-found", pass: true };

  let missingSameSite = false;
  for (const cookie of jar.values()) {
    const name = cookie.key.toLowerCase();
    const session = name.includes("login") || name.includes("sess");
    const antiCsrf = name.includes("csrf");
    if (!cookie.secure && cookie.sameSite === "none") result = worse("cookies-samesite-flag-invalid", result, COOKIE_BADNESS);
    if (!cookie.secure) result = worse(hsts ? "cookies-without-secure-flag-but-protected-by-hsts" : "cookies-without-secure-flag", result, COOKIE_BADNESS);
    if (antiCsrf && !cookie.sameSite) result = worse("cookies-anticsrf-without-samesite-flag", result, COOKIE_BADNESS);
    if (session && !cookie.secure) {
      result = worse(hsts ? "cookies-session-without-secure-flag-but-protected-by-hsts" : "cookies-session-without-secure-flag", result, COOKIE_BADNESS);
    }
    if (session && !cookie.httpOnly) result = worse("cookies-session-without-httponly-flag", result, COOKIE_BADNESS);
    if (!cookie.sameSite) missingSameSite = true;
  }
  result ??= missingSameSite ? "cookies-secure-with-httponly-sessions" : "cookies-secure-with-httponly-sessions-and-samesite";
  return { result, pass: result === "cookies-secure-with-httponly-sessions" || result === "cookies-secure-with-httponly-sessions-and-samesite" };
}

// Cross-Origin Resource Sharing (src/analyzer/tests/cors.js)

function crossOriginResourceSharingTest(preflight: Map<string, string>): Outcome {
  const allowOrigin = preflight.get("access-control-allow-origin");
  if (!allowOrigin) return { result: "cross-origin-resource-sharing-not-implemented", pass: true };
  if (allowOrigin.slice(0, 256).trim().toLowerCase() === "*") {
    return { result: "cross-origin-resource-sharing-implemented-with-public-access", pass: true };
  }
  if (allowOrigin === CORS_PROBE_ORIGIN && preflight.get("access-control-allow-credentials")?.toLowerCase().trim() === "true") {
    return { result: "cross-origin-resource-sharing-implemented-with-universal-access", pass: false };
  }
  return { result: "cross-origin-resource-sharing-implemented-with-restricted-access", pass: true };
}

// Redirection (src/analyzer/tests/redirection.js)

function redirectionTest(response: ScannedResponse): Outcome {
  if (!response.servesHttp) return { result: "redirection-not-needed-no-http", pass: true };
  if (response.preloaded) return { result: "redirection-all-redirects-preloaded", pass: true };
  if (response.redirectsToHttps) return { result: "redirection-to-https", pass: true };
  return { result: "redirection-missing", pass: false };
}

// Referrer-Policy (src/analyzer/tests/referrer-policy.js)

const PRIVATE_REFERRER = ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"];
const UNSAFE_REFERRER = ["origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"];

function referrerPolicyTest(response: ScannedResponse): Outcome {
  const values = [response.headers.get("referrer-policy"), response.metaReferrer].filter((value) => value != null);
  if (values.length === 0) return { result: "referrer-policy-not-implemented", pass: true };
  // The last valid token wins; a meta tag comes after the header.
  const policy =
    values
      .join(", ")
      .split(",")
      .map((token) => token.toLowerCase().trim())
      .filter((token) => PRIVATE_REFERRER.includes(token) || UNSAFE_REFERRER.includes(token))
      .at(-1) ?? "";
  if (PRIVATE_REFERRER.includes(policy)) return { result: "referrer-policy-private", pass: true };
  if (UNSAFE_REFERRER.includes(policy)) return { result: "referrer-policy-unsafe", pass: false };
  return { result: "referrer-policy-header-invalid", pass: false };
}

// Strict-Transport-Security (src/analyzer/tests/strict-transport-security.js)

/** Six months is 15768000 s; the scanner accepts the common 180 days. */
const SIX_MONTHS_SECONDS = 15_552_000;

function strictTransportSecurityTest(response: ScannedResponse): Outcome {
  if (!response.https) return { result: "hsts-not-implemented-no-https", pass: false };
  if (response.preloaded) return { result: "hsts-preloaded", pass: true };
  const header = response.headers.get("strict-transport-security");
  if (header === undefined) return { result: "hsts-not-implemented", pass: false };
  const value = header.slice(0, 1024);
  if (value.includes(",")) return { result: "hsts-header-invalid", pass: false };
  let maxAge: number | null = null;
  for (const parameter of value.split(";").map((part) => part.trim().toLowerCase())) {
    if (parameter.startsWith("max-age=")) maxAge = Number.parseInt(parameter.slice(8, 128), 10);
  }
  if (maxAge === null) return { result: "hsts-header-invalid", pass: false };
  if (maxAge < SIX_MONTHS_SECONDS) return { result: "hsts-implemented-max-age-less-than-six-months", pass: false };
  return { result: "hsts-implemented-max-age-at-least-six-months", pass: true };
}

// Subresource Integrity (src/analyzer/tests/subresource-integrity.js)

const SRI_BADNESS: ObservatoryResult[] = [
  "sri-implemented-and-all-scripts-loaded-securely",
  "sri-implemented-and-external-scripts-loaded-securely",
  "sri-implemented-but-external-scripts-not-loaded-securely",
  "sri-not-implemented-but-external-scripts-loaded-securely",
  "sri-not-implemented-and-external-scripts-not-loaded-securely",
  "sri-not-implemented-response-not-html",
];

/** The registrable domain, approximated as the last two labels; none for IP addresses and single labels. */
function registrableDomain(hostname: string | null): string | null {
  if (!hostname) return null;
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (host.startsWith("[") || /^[\d.]+$/.test(host)) return null;
  const labels = host.split(".");
  return labels.length < 2 ? null : labels.slice(-2).join(".");
}

/** A script's `src` as the DOM reflects it in an about:blank document: absolute URLs serialised, the rest as written. */
function reflectedUrl(value: string): string {
  try {
    return new URL(value).href;
  } catch {
    return value;
  }
}

function subresourceIntegrityTest(response: ScannedResponse): Outcome {
  const mime = (response.headers.get("content-type") ?? "").split(";")[0];
  if (mime && !HTML_TYPES.has(mime)) return { result: "sri-not-implemented-response-not-html", pass: true };

  const scripts = startTags(response.html, "script");
  const siteDomain = registrableDomain(response.host);
  let result: ObservatoryResult | null = null;
  let foreign = false;
  for (const script of scripts) {
    const src = reflectedUrl(script.get("src") ?? "");
    if (!src) continue;
    const integrity = script.get("integrity");
    const relativeProtocol = /^\/\/[^/]/.test(src);
    const fullUrl = /^https?:\/\//.test(src);
    const relativeOrigin = !relativeProtocol && !fullUrl;
    const sameDomain = relativeProtocol || relativeOrigin || registrableDomain(new URL(src).hostname) === siteDomain;
    const ownOrigin = relativeOrigin || (sameDomain && !relativeProtocol);
    const secureScheme = (fullUrl && new URL(src).protocol === "https:") || (relativeOrigin && response.https);
    if (ownOrigin) {
      // Same-origin scripts with SRI still earn the bonus.
      if (integrity && secureScheme && !result) result = "sri-implemented-and-all-scripts-loaded-securely";
      continue;
    }
    foreign = true;
    if (integrity && !secureScheme) result = worse("sri-implemented-but-external-scripts-not-loaded-securely", result, SRI_BADNESS);
    else if (!integrity && secureScheme) result = worse("sri-not-implemented-but-external-scripts-loaded-securely", result, SRI_BADNESS);
    else if (!integrity) result = worse("sri-not-implemented-and-external-scripts-not-loaded-securely", result, SRI_BADNESS);
  }
  if (scripts.length === 0) result = "sri-not-implemented-but-no-scripts-loaded";
  result ??= foreign ? "sri-implemented-and-external-scripts-loaded-securely" : "sri-not-implemented-but-all-scripts-loaded-from-secure-origin";
  const passing: ObservatoryResult[] = [
    "sri-implemented-and-all-scripts-loaded-securely",
    "sri-implemented-and-external-scripts-loaded-securely",
    "sri-not-implemented-response-not-html",
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
    "sri-not-implemented-but-no-scripts-loaded",
  ];
  return { result, pass: passing.includes(result) };
}

// X-Content-Type-Options, X-Frame-Options, Cross-Origin-Resource-Policy

function xContentTypeOptionsTest(response: ScannedResponse): Outcome {
  const header = response.headers.get("x-content-type-options");
  if (!header) return { result: "x-content-type-options-not-implemented", pass: false };
  if (header.slice(0, 256).trim().toLowerCase() === "nosniff") return { result: "x-content-type-options-nosniff", pass: true };
  return { result: "x-content-type-options-header-invalid", pass: false };
}

function xFrameOptionsTest(response: ScannedResponse, csp: CspOutcome): Outcome {
  if (csp.frameAncestors) return { result: "x-frame-options-implemented-via-csp", pass: true };
  const header = response.headers.get("x-frame-options");
  if (!header) return { result: "x-frame-options-not-implemented", pass: false };
  const value = header.slice(0, 1024).trim().toLowerCase();
  if (value === "deny" || value === "sameorigin") return { result: "x-frame-options-sameorigin-or-deny", pass: true };
  if (value.startsWith("allow-from")) return { result: "x-frame-options-allow-from-origin", pass: true };
  return { result: "x-frame-options-header-invalid", pass: false };
}

function crossOriginResourcePolicyTest(response: ScannedResponse): Outcome {
  const header = response.headers.get("cross-origin-resource-policy")?.slice(0, 256).trim().toLowerCase();
  if (!header) return { result: "corp-not-implemented", pass: true };
  if (header === "same-site") return { result: "corp-implemented-with-same-site", pass: true };
  if (header === "same-origin") return { result: "corp-implemented-with-same-origin", pass: true };
  if (header === "cross-origin") return { result: "corp-implemented-with-cross-origin", pass: true };
  return { result: "corp-header-invalid", pass: false };
}

// HTML

/** Elements whose content is text to the HTML parser: no tags inside. */
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"]);
const TAG_NAME = /[a-zA-Z][^\s/>]*/y;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, entity: string) => {
    if (entity[0] !== "#") return ENTITIES[entity.toLowerCase()] ?? match;
    const code = entity[1] === "x" || entity[1] === "X" ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd";
  });
}

/** Reads a start tag's attributes from `position` (just past its name) to the closing `>`: names lower-cased, the first of a repeated name kept. */
function readAttributes(html: string, position: number): { attributes: Map<string, string>; end: number } {
  const attributes = new Map<string, string>();
  let i = position;
  const isSpace = (char: string | undefined) => char === " " || char === "\t" || char === "\n" || char === "\f" || char === "\r";
  while (i < html.length) {
    while (isSpace(html[i]) || html[i] === "/") i++;
    if (i >= html.length) break;
    if (html[i] === ">") return { attributes, end: i + 1 };
    const nameStart = i;
    i++;
    while (i < html.length && !isSpace(html[i]) && html[i] !== "/" && html[i] !== ">" && html[i] !== "=") i++;
    const name = html.slice(nameStart, i).toLowerCase();
    while (isSpace(html[i])) i++;
    let value = "";
    if (html[i] === "=") {
      i++;
      while (isSpace(html[i])) i++;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        const end = close === -1 ? html.length : close;
        value = html.slice(i + 1, end);
        i = end + 1;
      } else {
        const valueStart = i;
        while (i < html.length && !isSpace(html[i]) && html[i] !== ">") i++;
        value = html.slice(valueStart, i);
      }
    }
    if (!attributes.has(name)) attributes.set(name, decodeEntities(value));
  }
  return { attributes, end: html.length };
}

/** The attributes of every `<name>` start tag, as an HTML parser finds them: none inside comments or raw-text elements. */
function startTags(html: string, name: string): Map<string, string>[] {
  const found: Map<string, string>[] = [];
  const lower = html.toLowerCase();
  let i = 0;
  while (i < html.length) {
    const open = html.indexOf("<", i);
    if (open === -1) break;
    if (html.startsWith("<!--", open)) {
      const close = html.indexOf("-->", open + 4);
      i = close === -1 ? html.length : close + 3;
      continue;
    }
    const next = html[open + 1];
    if (next === "!" || next === "?" || next === "/") {
      const close = html.indexOf(">", open + 2);
      i = close === -1 ? html.length : close + 1;
      continue;
    }
    TAG_NAME.lastIndex = open + 1;
    const match = TAG_NAME.exec(html);
    if (!match) {
      i = open + 1;
      continue;
    }
    const tag = match[0].toLowerCase();
    const { attributes, end } = readAttributes(html, open + 1 + match[0].length);
    if (tag === name) found.push(attributes);
    i = end;
    if (tag === "plaintext") break;
    if (RAW_TEXT.has(tag)) {
      const close = lower.indexOf(`</${tag}`, i);
      i = close === -1 ? html.length : close;
    }
  }
  return found;
}
