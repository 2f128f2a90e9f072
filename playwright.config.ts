import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests in Debian's Chromium (no browser download) against the
 * production build, signing in through a real OIDC provider on localhost.
 * `npm test` (scripts/test.mjs) builds first and finds Chromium.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const oidcPort = Number(process.env.OIDC_PORT ?? 9400);
const ssoControlPort = Number(process.env.SSO_CONTROL_PORT ?? 9452);
const ssoDnsPort = Number(process.env.SSO_DNS_PORT ?? 9453);
const ssoOidcPorts = process.env.SSO_OIDC_PORTS ?? "9410,9411";
const dataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `readyroom-e2e-${process.pid}`);

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: [
    {
      command: "node e2e/oidc-server.mjs",
      url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      env: { OIDC_PORT: String(oidcPort), OIDC_CONTROL_PORT: String(oidcPort + 1) },
    },
    {
      command: "node e2e/sso-servers.mjs",
      url: `http://127.0.0.1:${ssoControlPort}/health`,
      reuseExistingServer: false,
      env: { SSO_CONTROL_PORT: String(ssoControlPort), SSO_DNS_PORT: String(ssoDnsPort), SSO_OIDC_PORTS: ssoOidcPorts },
    },
    {
      command: "node scripts/start.mjs --no-build --no-seed",
      url: `http://localhost:${port}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        PORT: String(port),
        READYROOM_DATA_DIR: dataDir,
        AUTH_URL: `http://localhost:${port}`,
        AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e",
        AUTH_OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
        AUTH_OIDC_ID: "readyroom-e2e",
        AUTH_OIDC_SECRET: "e2e-client-secret",
        AUTH_OIDC_NAME: "Acme SSO",
        READYROOM_LOG: "silent",
        // e2e/webhooks.spec.ts runs its receiver on loopback, which deployments refuse.
        READYROOM_WEBHOOK_ALLOW_ADDRESSES: "127.0.0.1",
        READYROOM_WEBHOOK_ALLOW_HTTP: "true",
        // e2e/sso.spec.ts publishes domain-verification records on its own DNS server.
        READYROOM_DNS_SERVERS: `127.0.0.1:${ssoDnsPort}`,
        // …and its workspaces' identity providers run on loopback over http.
        READYROOM_SSO_ALLOW_ADDRESSES: "127.0.0.1",
        READYROOM_SSO_ALLOW_HTTP: "true",
      },
    },
  ],
});
