import { randomBytes } from "node:crypto";
import { test as base, expect, type Browser, type Page } from "@playwright/test";

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

/** Signs a person in through the OIDC provider and returns their page. */
export async function signIn(browser: Browser, who: Person, callbackPath = "/"): Promise<Page> {
  const context = await browser.newContext();
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

export const test = base;
export { expect };
