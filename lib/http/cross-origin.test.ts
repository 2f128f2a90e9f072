import { describe, expect, it } from "vitest";
import { crossOriginRefusal } from "./cross-origin";

const APP = "https://readyroom.example";
const refusal = (method: string, headers: Record<string, string>) => crossOriginRefusal(method, new Headers(headers), APP);

describe("crossOriginRefusal", () => {
  it("lets reads through whatever their origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) expect(refusal(method, { "sec-fetch-site": "cross-site", origin: "https://evil.example" })).toBeNull();
  });

  it("trusts Sec-Fetch-Site when a browser sends it: same-origin and user-initiated pass, same-site and cross-site do not", () => {
    expect(refusal("POST", { "sec-fetch-site": "same-origin" })).toBeNull();
    expect(refusal("DELETE", { "sec-fetch-site": "none" })).toBeNull();
    expect(refusal("POST", { "sec-fetch-site": "cross-site" })).toMatch(/^A cross-site request cannot use this session/);
    expect(refusal("PATCH", { "sec-fetch-site": "same-site" })).toMatch(/^A same-site request/);
    // A matching Origin does not rescue a request the browser called cross-site.
    expect(refusal("PUT", { "sec-fetch-site": "cross-site", origin: APP })).not.toBeNull();
  });

  it("falls back to Origin: only this deployment's origin passes", () => {
    expect(refusal("POST", { origin: APP })).toBeNull();
    expect(refusal("POST", { origin: "HTTPS://READYROOM.EXAMPLE" })).toBeNull();
    expect(refusal("POST", { origin: "https://evil.example" })).toMatch(/from https:\/\/evil\.example/);
    expect(refusal("POST", { origin: "https://readyroom.example.evil.example" })).not.toBeNull();
    expect(refusal("POST", { origin: "http://readyroom.example" })).not.toBeNull();
    expect(refusal("POST", { origin: "null" })).toMatch(/an opaque origin/);
  });

  it("lets a request with neither header through: it did not come from a browser", () => {
    expect(refusal("POST", {})).toBeNull();
    expect(refusal("DELETE", { origin: "" })).toBeNull();
  });
});
