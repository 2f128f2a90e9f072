import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sessionCookieName } from "@/lib/auth/cookies";
import { CORS_PROBE_ORIGIN, observatoryGrade, observatoryScore, type ObservatoryInput, type ObservatoryReport, type ObservatoryTestName } from "./observatory";
import { securityHeaders } from "./security-headers";

/** Each test's result and modifier. */
function results(report: ObservatoryReport): Record<string, [string, number]> {
  return Object.fromEntries(Object.entries(report.tests).map(([name, test]) => [name, [test.result, test.modifier]]));
}

function scan(headers: Record<string, string>, more: Partial<ObservatoryInput> = {}): ObservatoryReport {
  return observatoryScore({ headers, https: true, redirectsToHttps: true, ...more });
}

function judged(name: ObservatoryTestName, headers: Record<string, string>, more: Partial<ObservatoryInput> = {}): [string, number] {
  const test = scan(headers, more).tests[name];
  return [test.result, test.modifier];
}

/** No penalty; bonuses +10 (CSP default-src 'none'), +5 (Referrer-Policy), +5 (frame-ancestors), +10 (CORP): 130. */
const strong = {
  "content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; frame-ancestors 'none'",
  "strict-transport-security": "max-age=31536000",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-resource-policy": "same-origin",
};

function without(name: keyof typeof strong): Record<string, string> {
  const { [name]: _removed, ...rest } = strong;
  return rest;
}

describe("observatory scoring", () => {
  it("scores a bare site at 30 (D): −25 CSP, −20 HSTS, −5 X-Content-Type-Options, −20 X-Frame-Options", () => {
    const report = scan({});
    expect(report).toMatchObject({ score: 30, grade: "D" });
    expect(results(report)).toEqual({
      "content-security-policy": ["csp-not-implemented", -25],
      cookies: ["cookies-not-found", 0],
      "cross-origin-resource-sharing": ["cross-origin-resource-sharing-not-implemented", 0],
      redirection: ["redirection-to-https", 0],
      "referrer-policy": ["referrer-policy-not-implemented", 0],
      "strict-transport-security": ["hsts-not-implemented", -20],
      "subresource-integrity": ["sri-not-implemented-but-no-scripts-loaded", 0],
      "x-content-type-options": ["x-content-type-options-not-implemented", -5],
      "x-frame-options": ["x-frame-options-not-implemented", -20],
      "cross-origin-resource-policy": ["corp-not-implemented", 0],
    });
  });

  it("takes another 20 from a bare site on plain http that does not redirect, for 10 (F)", () => {
    const report = observatoryScore({ headers: {}, https: false, redirectsToHttps: false });
    expect(report).toMatchObject({ score: 10, grade: "F" });
    expect(report.tests.redirection).toMatchObject({ result: "redirection-missing", modifier: -20 });
    expect(report.tests["strict-transport-security"]).toMatchObject({ result: "hsts-not-implemented-no-https", modifier: -20 });
  });

  it("adds the bonuses only when the penalties leave at least 90", () => {
    expect(scan(strong)).toMatchObject({ score: 130, grade: "A+", testsPassed: 10 });
    // 'unsafe-inline' in script-src: 100 − 20 = 80, and the 20 bonus points are withheld.
    const unsafeInline = scan({ ...strong, "content-security-policy": "default-src 'none'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'" });
    expect(unsafeInline).toMatchObject({ score: 80, grade: "B+" });
    expect(unsafeInline.tests["content-security-policy"]).toMatchObject({ result: "csp-implemented-with-unsafe-inline", modifier: -20, pass: false });
    // 'unsafe-eval': 100 − 10 = 90, so Referrer-Policy, frame-ancestors and CORP still add 20.
    expect(scan({ ...strong, "content-security-policy": "default-src 'none'; script-src 'self' 'unsafe-eval'; frame-ancestors 'none'" })).toMatchObject({ score: 110, grade: "A+" });
    // −5 (no nosniff) −5 (unsafe referrer): exactly 90 keeps CSP +10, frame-ancestors +5, CORP +10.
    expect(scan({ ...without("x-content-type-options"), "referrer-policy": "unsafe-url" })).toMatchObject({ score: 115, grade: "A+" });
    // A third −5 (invalid CORP): 85 keeps nothing.
    expect(scan({ ...without("x-content-type-options"), "referrer-policy": "unsafe-url", "cross-origin-resource-policy": "same-host" })).toMatchObject({
      score: 85,
      grade: "A-",
    });
  });

  it("grades by the published chart", () => {
    const chart: [number, string][] = [
      [145, "A+"],
      [100, "A+"],
      [95, "A"],
      [90, "A"],
      [85, "A-"],
      [80, "B+"],
      [75, "B"],
      [70, "B"],
      [65, "B-"],
      [60, "C+"],
      [55, "C"],
      [50, "C"],
      [45, "C-"],
      [40, "D+"],
      [35, "D"],
      [30, "D"],
      [25, "D-"],
      [20, "F"],
      [0, "F"],
    ];
    for (const [score, grade] of chart) expect(observatoryGrade(score), String(score)).toBe(grade);
  });

  it("judges Content-Security-Policy as published", () => {
    const cases: [string, string, number][] = [
      ["default-src 'none'", "csp-implemented-with-no-unsafe-default-src-none", 10],
      ["default-src 'self'; object-src 'none'", "csp-implemented-with-no-unsafe", 5],
      ["default-src 'none'; style-src 'self' 'unsafe-inline'", "csp-implemented-with-unsafe-inline-in-style-src-only", 0],
      ["default-src 'none'; img-src http://images.example.com", "csp-implemented-with-insecure-scheme-in-passive-content-only", -10],
      ["default-src 'none'; script-src 'self' 'unsafe-eval'", "csp-implemented-with-unsafe-eval", -10],
      ["default-src 'none'; script-src 'self' 'unsafe-inline'", "csp-implemented-with-unsafe-inline", -20],
      ["default-src 'none'; script-src 'self' data:", "csp-implemented-with-unsafe-inline", -20],
      // No object-src and no default-src: plugins may load from anywhere.
      ["script-src 'self'", "csp-implemented-with-unsafe-inline", -20],
      ["default-src 'none'; script-src http://cdn.example.com", "csp-implemented-with-insecure-scheme", -20],
      // Browsers ignore 'unsafe-inline' next to a nonce, and host sources and 'self' under 'strict-dynamic'.
      ["default-src 'none'; script-src 'nonce-abc' 'unsafe-inline'", "csp-implemented-with-no-unsafe-default-src-none", 10],
      ["default-src 'none'; script-src 'self' https: 'unsafe-inline' 'nonce-abc' 'strict-dynamic'", "csp-implemented-with-no-unsafe-default-src-none", 10],
      ["default-src 'none'; script-src 'self' 'strict-dynamic'", "csp-header-invalid", -25],
      ["default-src 'none'; default-src 'self'", "csp-header-invalid", -25],
      ["default-src 'none'; report-uri /a; report-uri /b", "csp-implemented-but-duplicate-directives", 0],
    ];
    for (const [policy, result, modifier] of cases) expect(judged("content-security-policy", { "content-security-policy": policy }), policy).toEqual([result, modifier]);
    expect(judged("content-security-policy", { "content-security-policy-report-only": "default-src 'none'" })).toEqual(["csp-not-implemented-but-reporting-enabled", -25]);
  });

  it("reports base-uri, form-action and frame-ancestors in the policy without scoring them", () => {
    const bare = scan({ "content-security-policy": "default-src 'none'" }).tests["content-security-policy"];
    const locked = scan({ "content-security-policy": "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'" }).tests["content-security-policy"];
    expect(bare.modifier).toBe(10);
    expect(locked.modifier).toBe(10);
    expect(bare.policy).toMatchObject({ defaultNone: true, insecureBaseUri: true, insecureFormAction: true, antiClickjacking: false });
    expect(locked.policy).toMatchObject({ defaultNone: true, insecureBaseUri: false, insecureFormAction: false, antiClickjacking: true });
  });

  it("reads a policy from an HTML page's meta tag, and only from an HTML page", () => {
    const html = `<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head></html>`;
    const page = scan({ "content-type": "text/html; charset=utf-8" }, { html }).tests["content-security-policy"];
    expect(page).toMatchObject({ result: "csp-implemented-with-no-unsafe-default-src-none", modifier: 10 });
    // frame-ancestors is not honoured from a meta tag.
    expect(page.policy?.antiClickjacking).toBe(false);
    expect(judged("content-security-policy", { "content-type": "application/json" }, { html })).toEqual(["csp-not-implemented", -25]);
  });

  it("judges cookies as published", () => {
    const cases: [string, string, number][] = [
      ["sessionid=1; Path=/; Secure; HttpOnly; SameSite=Lax", "cookies-secure-with-httponly-sessions-and-samesite", 5],
      ["sessionid=1; Path=/; Secure; HttpOnly", "cookies-secure-with-httponly-sessions", 0],
      ["theme=dark; SameSite=Lax", "cookies-without-secure-flag-but-protected-by-hsts", -5],
      ["sessionid=1; HttpOnly; SameSite=Lax", "cookies-session-without-secure-flag-but-protected-by-hsts", -10],
      ["theme=dark; Secure; SameSite=Strictest", "cookies-samesite-flag-invalid", -20],
      ["theme=dark; SameSite=None", "cookies-samesite-flag-invalid", -20],
      ["csrftoken=abc; Secure", "cookies-anticsrf-without-samesite-flag", -20],
      ["sessionid=1; Secure; SameSite=Lax", "cookies-session-without-httponly-flag", -30],
      ["heroku-session-affinity=abc", "cookies-not-found", 0],
      // Dropped like a browser drops it: a __Secure- cookie without Secure.
      ["__Secure-sid=1; HttpOnly; SameSite=Lax", "cookies-not-found", 0],
    ];
    for (const [cookie, result, modifier] of cases) expect(judged("cookies", strong, { setCookies: [cookie] }), cookie).toEqual([result, modifier]);
    // Without HSTS a cookie without Secure can travel over http.
    const plain = without("strict-transport-security");
    expect(judged("cookies", plain, { setCookies: ["theme=dark; SameSite=Lax"] })).toEqual(["cookies-without-secure-flag", -20]);
    expect(judged("cookies", plain, { setCookies: ["sessionid=1; HttpOnly; SameSite=Lax"] })).toEqual(["cookies-session-without-secure-flag", -40]);
  });

  it("reads Set-Cookie from a Headers object", () => {
    const headers = new Headers(strong);
    headers.append("set-cookie", "sessionid=1; Path=/; Secure; HttpOnly; SameSite=Lax");
    headers.append("set-cookie", "theme=dark; Path=/; Secure; SameSite=Lax");
    const report = observatoryScore({ headers, https: true, redirectsToHttps: true });
    expect(report.tests.cookies).toMatchObject({ result: "cookies-secure-with-httponly-sessions-and-samesite", modifier: 5 });
    expect(report.score).toBe(135);
  });

  it("judges Strict-Transport-Security as published", () => {
    const hsts = (value: string, more: Partial<ObservatoryInput> = {}) => judged("strict-transport-security", { ...strong, "strict-transport-security": value }, more);
    expect(hsts("max-age=15552000")).toEqual(["hsts-implemented-max-age-at-least-six-months", 0]);
    expect(hsts("max-age=15551999; includeSubDomains")).toEqual(["hsts-implemented-max-age-less-than-six-months", -10]);
    expect(hsts("includeSubDomains; preload")).toEqual(["hsts-header-invalid", -20]);
    expect(hsts("max-age=63072000, max-age=63072000")).toEqual(["hsts-header-invalid", -20]);
    expect(hsts("max-age=63072000", { https: false })).toEqual(["hsts-not-implemented-no-https", -20]);
    const preloaded = scan(strong, { preloaded: true });
    expect(preloaded.tests["strict-transport-security"]).toMatchObject({ result: "hsts-preloaded", modifier: 5 });
    expect(preloaded.tests.redirection).toMatchObject({ result: "redirection-all-redirects-preloaded", modifier: 0 });
    expect(preloaded.score).toBe(135);
  });

  it("judges redirection from what the caller knows of http://", () => {
    expect(judged("redirection", strong)).toEqual(["redirection-to-https", 0]);
    expect(judged("redirection", strong, { redirectsToHttps: false })).toEqual(["redirection-missing", -20]);
    expect(judged("redirection", strong, { redirectsToHttps: false, servesHttp: false })).toEqual(["redirection-not-needed-no-http", 0]);
  });

  it("judges Referrer-Policy as published, the last valid value winning", () => {
    const referrer = (value: string) => judged("referrer-policy", { ...strong, "referrer-policy": value });
    expect(referrer("strict-origin-when-cross-origin")).toEqual(["referrer-policy-private", 5]);
    expect(referrer("no-referrer-when-downgrade")).toEqual(["referrer-policy-unsafe", -5]);
    expect(referrer("unsafe-url, strict-origin")).toEqual(["referrer-policy-private", 5]);
    expect(referrer("strict-origin, no-such-policy")).toEqual(["referrer-policy-private", 5]);
    expect(referrer("no-such-policy")).toEqual(["referrer-policy-header-invalid", -5]);
    const meta = `<meta name="referrer" content="unsafe-url">`;
    expect(judged("referrer-policy", { ...strong, "referrer-policy": "strict-origin", "content-type": "text/html" }, { html: meta })).toEqual(["referrer-policy-unsafe", -5]);
  });

  it("judges X-Frame-Options, X-Content-Type-Options and Cross-Origin-Resource-Policy as published", () => {
    const noCsp = without("content-security-policy");
    expect(judged("x-frame-options", { ...noCsp, "x-frame-options": "DENY" })).toEqual(["x-frame-options-sameorigin-or-deny", 0]);
    expect(judged("x-frame-options", { ...noCsp, "x-frame-options": "SAMEORIGIN" })).toEqual(["x-frame-options-sameorigin-or-deny", 0]);
    expect(judged("x-frame-options", { ...noCsp, "x-frame-options": "ALLOW-FROM https://example.com" })).toEqual(["x-frame-options-allow-from-origin", 0]);
    expect(judged("x-frame-options", { ...noCsp, "x-frame-options": "ALLOWALL" })).toEqual(["x-frame-options-header-invalid", -20]);
    expect(judged("x-frame-options", { ...strong, "x-frame-options": "ALLOWALL" })).toEqual(["x-frame-options-implemented-via-csp", 5]);
    expect(judged("x-content-type-options", { "x-content-type-options": "nosniff" })).toEqual(["x-content-type-options-nosniff", 0]);
    expect(judged("x-content-type-options", { "x-content-type-options": "sniff" })).toEqual(["x-content-type-options-header-invalid", -5]);
    expect(judged("cross-origin-resource-policy", { "cross-origin-resource-policy": "same-site" })).toEqual(["corp-implemented-with-same-site", 10]);
    expect(judged("cross-origin-resource-policy", { "cross-origin-resource-policy": "cross-origin" })).toEqual(["corp-implemented-with-cross-origin", 0]);
    expect(judged("cross-origin-resource-policy", { "cross-origin-resource-policy": "same-host" })).toEqual(["corp-header-invalid", -5]);
  });

  it("judges CORS from the answer to a preflight from another origin", () => {
    const cors = (corsPreflight: Record<string, string>) => judged("cross-origin-resource-sharing", strong, { corsPreflight });
    expect(cors({})).toEqual(["cross-origin-resource-sharing-not-implemented", 0]);
    expect(cors({ "access-control-allow-origin": "*" })).toEqual(["cross-origin-resource-sharing-implemented-with-public-access", 0]);
    expect(cors({ "access-control-allow-origin": "https://partner.example", "access-control-allow-credentials": "true" })).toEqual([
      "cross-origin-resource-sharing-implemented-with-restricted-access",
      0,
    ]);
    const reflecting = { "access-control-allow-origin": CORS_PROBE_ORIGIN, "access-control-allow-credentials": "true" };
    expect(cors(reflecting)).toEqual(["cross-origin-resource-sharing-implemented-with-universal-access", -50]);
    expect(scan(strong, { corsPreflight: reflecting })).toMatchObject({ score: 50, grade: "C" });
  });

  it("judges Subresource Integrity from the page's scripts", () => {
    const sri = (html: string) => judged("subresource-integrity", { ...strong, "content-type": "text/html" }, { html, host: "www.example.com" });
    expect(sri(`<script src="/app.js"></script><script>start()</script>`)).toEqual(["sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0]);
    expect(sri(`<script src="https://static.example.com/app.js"></script>`)).toEqual(["sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0]);
    expect(sri(`<script src="/app.js" integrity="sha384-abc"></script>`)).toEqual(["sri-implemented-and-all-scripts-loaded-securely", 5]);
    expect(sri(`<script src="https://cdn.other.net/lib.js" integrity="sha384-abc" crossorigin="anonymous"></script>`)).toEqual([
      "sri-implemented-and-external-scripts-loaded-securely",
      5,
    ]);
    expect(sri(`<script src="https://cdn.other.net/lib.js"></script>`)).toEqual(["sri-not-implemented-but-external-scripts-loaded-securely", -5]);
    expect(sri(`<script src="//cdn.other.net/lib.js" integrity="sha384-abc"></script>`)).toEqual(["sri-implemented-but-external-scripts-not-loaded-securely", -20]);
    expect(sri(`<script src="http://cdn.other.net/lib.js"></script>`)).toEqual(["sri-not-implemented-and-external-scripts-not-loaded-securely", -50]);
    // Comments and script text hold no tags.
    expect(sri(`<p>Hello</p><!-- <script src="http://cdn.other.net/lib.js"></script> -->`)).toEqual(["sri-not-implemented-but-no-scripts-loaded", 0]);
    expect(sri(`<script>document.write('<script src="http://cdn.other.net/lib.js"></' + 'script>')</script>`)).toEqual([
      "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
      0,
    ]);
    expect(judged("subresource-integrity", { "content-type": "application/json" }, { html: `<script src="http://cdn.other.net/lib.js"></script>` })).toEqual([
      "sri-not-implemented-response-not-html",
      0,
    ]);
  });
});

describe("the app's headers", () => {
  const nonce = "bm9uY2U=";
  const production = { nonce, development: false, production: true };
  /** A page as Next writes it: every script from this origin, with the nonce (e2e/security-headers.spec.ts checks the real ones). */
  const page =
    `<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>` +
    `<link rel="stylesheet" href="/_next/static/css/app.css" data-precedence="next" nonce="${nonce}"/>` +
    `<script src="/_next/static/chunks/webpack.js" async="" nonce="${nonce}"></script><script src="/_next/static/chunks/main-app.js" async="" nonce="${nonce}"></script>` +
    `<title>Projects · Readyroom</title></head><body><main></main><script nonce="${nonce}">(self.__next_f=self.__next_f||[]).push([0])</script></body></html>`;
  let sessionCookie: string;

  beforeEach(() => {
    // The name Auth.js is given when AUTH_URL is https (lib/auth/cookies.ts).
    vi.stubEnv("AUTH_URL", "https://readyroom.example");
    sessionCookie = `${sessionCookieName()}=3f5c0b1e9d2a4c7e8b6f1a0d9c8e7b6a; Path=/; Expires=Fri, 01 Jan 2100 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax`;
  });

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  function scanPage(headers: Record<string, string>, more: Partial<ObservatoryInput> = {}): ObservatoryReport {
    return observatoryScore({
      headers: { ...headers, "content-type": "text/html; charset=utf-8" },
      html: page,
      setCookies: [sessionCookie],
      https: true,
      redirectsToHttps: true,
      host: "readyroom.example",
      ...more,
    });
  }

  it("sends the production session cookie as __Host- with HttpOnly, Secure and SameSite=Lax", () => {
    expect(sessionCookie).toMatch(/^__Host-readyroom\.session=/);
  });

  it("scores a page at 125 (A+): no penalty; cookies +5, Referrer-Policy +5, frame-ancestors +5, CORP +10", () => {
    const report = scanPage(securityHeaders("/acme/projects", production));
    expect(report).toMatchObject({ score: 125, grade: "A+", testsPassed: 10 });
    expect(results(report)).toEqual({
      // style-src 'unsafe-inline' (docs/decisions/0013) passes but forgoes the +10 of default-src 'none'.
      "content-security-policy": ["csp-implemented-with-unsafe-inline-in-style-src-only", 0],
      cookies: ["cookies-secure-with-httponly-sessions-and-samesite", 5],
      "cross-origin-resource-sharing": ["cross-origin-resource-sharing-not-implemented", 0],
      redirection: ["redirection-to-https", 0],
      "referrer-policy": ["referrer-policy-private", 5],
      "strict-transport-security": ["hsts-implemented-max-age-at-least-six-months", 0],
      "subresource-integrity": ["sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0],
      "x-content-type-options": ["x-content-type-options-nosniff", 0],
      "x-frame-options": ["x-frame-options-implemented-via-csp", 5],
      "cross-origin-resource-policy": ["corp-implemented-with-same-origin", 10],
    });
    expect(report.tests["content-security-policy"].policy).toEqual({
      antiClickjacking: true,
      defaultNone: true,
      insecureBaseUri: false,
      // No form-action (docs/decisions/0013): not scored.
      insecureFormAction: true,
      insecureSchemeActive: false,
      insecureSchemePassive: false,
      strictDynamic: true,
      unsafeEval: false,
      unsafeInline: false,
      unsafeInlineStyle: true,
      unsafeObjects: false,
    });
  });

  it("scores an API answer at 135 (A+): its policy allows nothing, for the CSP's +10", () => {
    const report = observatoryScore({
      headers: { ...securityHeaders("/api/v1/me", production), "content-type": "application/json" },
      setCookies: [sessionCookie],
      https: true,
      redirectsToHttps: true,
      host: "readyroom.example",
    });
    expect(report).toMatchObject({ score: 135, grade: "A+", testsPassed: 10 });
    expect(results(report)).toEqual({
      "content-security-policy": ["csp-implemented-with-no-unsafe-default-src-none", 10],
      cookies: ["cookies-secure-with-httponly-sessions-and-samesite", 5],
      "cross-origin-resource-sharing": ["cross-origin-resource-sharing-not-implemented", 0],
      redirection: ["redirection-to-https", 0],
      "referrer-policy": ["referrer-policy-private", 5],
      "strict-transport-security": ["hsts-implemented-max-age-at-least-six-months", 0],
      "subresource-integrity": ["sri-not-implemented-response-not-html", 0],
      "x-content-type-options": ["x-content-type-options-nosniff", 0],
      "x-frame-options": ["x-frame-options-implemented-via-csp", 5],
      "cross-origin-resource-policy": ["corp-implemented-with-same-origin", 10],
    });
  });

  it("scores the production build with the preload directive the same until the host is on the preload list", () => {
    const headers = securityHeaders("/acme/projects", { ...production, hstsPreload: true });
    expect(scanPage(headers)).toMatchObject({ score: 125, grade: "A+" });
    const listed = scanPage(headers, { preloaded: true });
    expect(listed).toMatchObject({ score: 130, grade: "A+" });
    expect(listed.tests["strict-transport-security"]).toMatchObject({ result: "hsts-preloaded", modifier: 5 });
  });

  it("needs the production build: without HSTS a page falls to 80 (B+) and loses its bonuses", () => {
    const report = scanPage(securityHeaders("/acme/projects", { ...production, production: false }));
    expect(report).toMatchObject({ score: 80, grade: "B+" });
    expect(report.tests["strict-transport-security"]).toMatchObject({ result: "hsts-not-implemented", modifier: -20, pass: false });
  });
});
