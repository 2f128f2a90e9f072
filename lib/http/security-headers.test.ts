import { describe, expect, it } from "vitest";
import { API_CONTENT_SECURITY_POLICY, appContentSecurityPolicy, newNonce, securityHeaders } from "./security-headers";

const production = { nonce: "bm9uY2U=", development: false, production: true };

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe("security headers", () => {
  it("gives pages a nonce-based script policy with no inline script, no plugins, no base and no framing", () => {
    const csp = directives(securityHeaders("/acme/projects", production)["content-security-policy"]!);
    expect(csp.get("default-src")).toEqual(["'none'"]);
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    for (const [name, values] of csp) {
      expect(values.filter((v) => v.startsWith("http") || v === "*"), `${name} names another origin`).toEqual([]);
      if (name !== "style-src") expect(values, name).not.toContain("'unsafe-inline'");
      expect(values, name).not.toContain("'unsafe-eval'");
    }
  });

  it("allows eval only for next dev", () => {
    expect(appContentSecurityPolicy({ nonce: "n", development: true })).toContain("'nonce-n' 'strict-dynamic' 'unsafe-eval'");
    expect(appContentSecurityPolicy({ nonce: "n", development: false })).not.toContain("unsafe-eval");
  });

  it("sends HSTS with includeSubDomains from a production build only, preload when the operator says so", () => {
    expect(securityHeaders("/", production)["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
    expect(securityHeaders("/", { ...production, hstsPreload: true })["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains; preload");
    expect(securityHeaders("/", { ...production, production: false })).not.toHaveProperty("strict-transport-security");
  });

  it("puts the same base headers on pages, the API and the public surfaces", () => {
    for (const path of ["/", "/api/v1/me", "/status/acme-web", "/embed/acme-web", "/badge/acme-web", "/api/public/v1/status/acme-web", "/_next/static/chunks/app.js"]) {
      const headers = securityHeaders(path, production);
      expect(headers, path).toMatchObject({
        "x-content-type-options": "nosniff",
        "referrer-policy": "strict-origin-when-cross-origin",
        "cross-origin-opener-policy": "same-origin",
        "strict-transport-security": "max-age=63072000; includeSubDomains",
      });
      expect(headers["permissions-policy"], path).toContain("camera=()");
    }
  });

  it("gives API answers a policy that allows nothing, and leaves the public surfaces' own framing policy alone", () => {
    expect(securityHeaders("/api/v1/workspaces", production)["content-security-policy"]).toBe(API_CONTENT_SECURITY_POLICY);
    expect(securityHeaders("/api/v1/workspaces", production)["x-frame-options"]).toBe("DENY");
    for (const path of ["/status/acme-web", "/embed/acme-web", "/badge/acme-web", "/api/public/v1/status/acme-web"]) {
      const headers = securityHeaders(path, production);
      expect(headers, path).not.toHaveProperty("content-security-policy");
      expect(headers, path).not.toHaveProperty("x-frame-options");
    }
    // Only the listed prefixes are public: a lookalike path is an app page.
    expect(securityHeaders("/statuses", production)["x-frame-options"]).toBe("DENY");
  });

  it("makes a new 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(atob(nonce)).toHaveLength(16);
  });
});
