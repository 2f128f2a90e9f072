import { randomBytes } from "node:crypto";
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

const controlPort = Number(process.env.OIDC_PORT ?? 9400) + 1;

export interface Person {
  email: string;
  name: string;
}

export function person(name: string): Person {
  const id = randomBytes(3).toString("hex");
  return { email: `${name.toLowerCase()}-${id}@e2e.readyroom.dev`, name: `${name} ${id}` };
}

export function slug(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString("hex")}`;
}

/** What the browser refused under the Content Security Policy during the current test. */
const cspViolations: string[] = [];

/** Records the browser's CSP refusals ("Refused to execute inline script…") in this context's pages. */
export function watchCsp(context: BrowserContext): BrowserContext {
  context.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) cspViolations.push(`${message.location().url}: ${message.text()}`);
  });
  return context;
}

/** Signs a person in through the OIDC provider and returns their page. */
export async function signIn(browser: Browser, who: Person, callbackPath = "/"): Promise<Page> {
  const context = watchCsp(await browser.newContext());
  const page = await context.newPage();
  const res = await fetch(`http://127.0.0.1:${controlPort}/identity`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(who),
  });
  expect(res.status).toBe(204);
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  await page.getByRole("button", { name: /Continue with Acme SSO/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin") && !url.pathname.startsWith("/api/auth"));
  return page;
}

export async function createWorkspace(page: Page, name: string, workspaceSlug: string) {
  await page.goto("/new");
  await page.getByLabel("Workspace name").fill(name);
  await page.getByLabel("URL").fill(workspaceSlug);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await page.waitForURL(`**/${workspaceSlug}`);
}

/** Every test fails if a page it opened broke the Content Security Policy (proxy.ts). */
export const test = base.extend<{ cspGuard: void }>({
  context: async ({ context }, provide) => {
    await provide(watchCsp(context));
  },
  cspGuard: [
    async ({}, provide) => {
      cspViolations.length = 0;
      await provide();
      expect(cspViolations, "Content Security Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

const ssoControlPort = Number(process.env.SSO_CONTROL_PORT ?? 9452);

/** Publishes TXT records on the tests' DNS server (e2e/sso-servers.mjs). */
export async function publishTxt(name: string, values: string[]) {
  const res = await fetch(`http://127.0.0.1:${ssoControlPort}/dns`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name, values }) });
  expect(res.status).toBe(204);
}

/** The issuers of the two companies' OpenID Connect providers (e2e/sso-servers.mjs). */
export const COMPANY_ISSUERS = (process.env.SSO_OIDC_PORTS ?? "9410,9411").split(",").map((port) => `http://127.0.0.1:${port}`);

/** The SAML identity provider of e2e/sso-servers.mjs: its metadata URL, and who its next response names (and what is changed in it after signing). */
export const SAML_METADATA_URL = `http://127.0.0.1:${ssoControlPort}/saml/metadata`;
export async function nextSamlResponse(email: string, tamper?: { from: string; to: string }) {
  const res = await fetch(`http://127.0.0.1:${ssoControlPort}/saml/next`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, tamper }) });
  expect(res.status).toBe(204);
}
