import { describe, expect, it } from "vitest";
import { seal, unseal } from "./encryption";

describe("encryption at rest", () => {
  it("opens what it sealed, with a fresh IV each time", () => {
    const a = seal("webhook-secret", "whsec_abc");
    const b = seal("webhook-secret", "whsec_abc");
    expect(a).not.toBe(b);
    expect(a).not.toContain("whsec_abc");
    expect(unseal("webhook-secret", a)).toBe("whsec_abc");
    expect(unseal("idempotent-response", seal("idempotent-response", "é ✓ {}"))).toBe("é ✓ {}");
  });

  it("refuses altered text and a value sealed for another purpose", () => {
    const sealed = seal("webhook-secret", "whsec_abc");
    const [v, iv, tag, body] = sealed.split(".") as [string, string, string, string];
    const flipped = Buffer.from(body, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => unseal("webhook-secret", [v, iv, tag, flipped.toString("base64url")].join("."))).toThrow();
    expect(() => unseal("idempotent-response", sealed)).toThrow();
    expect(() => unseal("webhook-secret", "plain text")).toThrow("Not a sealed value.");
  });
});
