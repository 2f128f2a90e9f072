import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { demoSignInEnabled, isDemoUser } from "./demo";

/** Every variable that can switch an SSO provider on (lib/auth/providers.ts). */
const PROVIDER_VARS = [
  "AUTH_OIDC_ISSUER",
  "AUTH_OIDC_ID",
  "AUTH_OIDC_SECRET",
  "AUTH_OKTA_ID",
  "AUTH_OKTA_SECRET",
  "AUTH_OKTA_ISSUER",
  "AUTH_MICROSOFT_ENTRA_ID_ID",
  "AUTH_MICROSOFT_ENTRA_ID_SECRET",
  "AUTH_MICROSOFT_ENTRA_ID_ISSUER",
  "AUTH_GOOGLE_ID",
  "AUTH_GOOGLE_SECRET",
  "AUTH_GITHUB_ID",
  "AUTH_GITHUB_SECRET",
];

type Launcher = { __readyroomLauncher?: { operatorNodeEnv: string | undefined } };
const globals = globalThis as Launcher;

describe("demoSignInEnabled", () => {
  let savedMarker: Launcher["__readyroomLauncher"];

  beforeEach(() => {
    savedMarker = globals.__readyroomLauncher;
    delete globals.__readyroomLauncher;
    // A clean baseline whatever the machine's environment: no provider, embedded database.
    for (const name of PROVIDER_VARS) vi.stubEnv(name, "");
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("READYROOM_DATA_DIR", "memory");
  });

  afterEach(() => {
    vi.unstubAllEnvs();
    if (savedMarker === undefined) delete globals.__readyroomLauncher;
    else globals.__readyroomLauncher = savedMarker;
  });

  it("runs under NODE_ENV=test", () => {
    expect(process.env.NODE_ENV).toBe("test");
  });

  it("is on in the test environment with no provider and the embedded database", () => {
    expect(demoSignInEnabled()).toBe(true);
  });

  it("is off when an OIDC provider is configured", () => {
    vi.stubEnv("AUTH_OIDC_ISSUER", "https://idp.example.com");
    vi.stubEnv("AUTH_OIDC_ID", "readyroom");
    expect(demoSignInEnabled()).toBe(false);
  });

  it("is off when GitHub is configured", () => {
    vi.stubEnv("AUTH_GITHUB_ID", "gh-id");
    vi.stubEnv("AUTH_GITHUB_SECRET", "gh-secret");
    expect(demoSignInEnabled()).toBe(false);
  });

  it.each([
    ["Google", { AUTH_GOOGLE_ID: "g", AUTH_GOOGLE_SECRET: "s" }],
    ["Okta", { AUTH_OKTA_ID: "o", AUTH_OKTA_ISSUER: "https://okta.example.com" }],
    ["Microsoft Entra ID", { AUTH_MICROSOFT_ENTRA_ID_ID: "m", AUTH_MICROSOFT_ENTRA_ID_ISSUER: "https://login.example.com/tenant/v2.0" }],
  ])("is off when %s is configured", (_name, vars) => {
    for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
    expect(demoSignInEnabled()).toBe(false);
  });

  it("stays on when a provider is only half configured (it is not active)", () => {
    vi.stubEnv("AUTH_OIDC_ISSUER", "https://idp.example.com");
    expect(demoSignInEnabled()).toBe(true);
  });

  it("is off when DATABASE_URL points at PostgreSQL", () => {
    vi.stubEnv("DATABASE_URL", "postgres://readyroom:secret@db.example.com:5432/readyroom");
    expect(demoSignInEnabled()).toBe(false);
  });

  describe("with NODE_ENV=production", () => {
    beforeEach(() => {
      vi.stubEnv("NODE_ENV", "production");
    });

    it("is off for a production server without the launcher marker", () => {
      expect(process.env.NODE_ENV).toBe("production");
      expect(demoSignInEnabled()).toBe(false);
    });

    it("is off when the launcher was started with NODE_ENV=production", () => {
      globals.__readyroomLauncher = { operatorNodeEnv: "production" };
      expect(demoSignInEnabled()).toBe(false);
    });

    it("is on when the local launcher was started without NODE_ENV", () => {
      globals.__readyroomLauncher = { operatorNodeEnv: undefined };
      expect(demoSignInEnabled()).toBe(true);
    });

    it("is still off under the local launcher when a provider or PostgreSQL is configured", () => {
      globals.__readyroomLauncher = { operatorNodeEnv: undefined };
      vi.stubEnv("AUTH_GITHUB_ID", "gh-id");
      vi.stubEnv("AUTH_GITHUB_SECRET", "gh-secret");
      expect(demoSignInEnabled()).toBe(false);
      vi.stubEnv("AUTH_GITHUB_ID", "");
      vi.stubEnv("DATABASE_URL", "postgres://localhost/readyroom");
      expect(demoSignInEnabled()).toBe(false);
    });
  });

  it("restores the environment after each case", () => {
    expect(process.env.NODE_ENV).toBe("test");
    expect(globals.__readyroomLauncher).toBeUndefined();
    expect(demoSignInEnabled()).toBe(true);
  });
});

describe("isDemoUser", () => {
  it("recognises the seeded demo users in any case, and nobody else", () => {
    expect(isDemoUser("olivia.owner@demo.readyroom.dev")).toBe(true);
    expect(isDemoUser("Olivia.Owner@DEMO.readyroom.dev")).toBe(true);
    expect(isDemoUser("olivia.owner@demo.readyroom.dev.evil.com")).toBe(false);
    expect(isDemoUser("someone@example.com")).toBe(false);
  });
});
