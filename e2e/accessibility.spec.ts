import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { createWorkspace, expect, person, signIn, slug, test } from "./fixtures";

/**
 * axe-core on every main page, light and dark: no serious or critical WCAG
 * 2.1 A/AA violation. The project is the Open Claude Cowork plan imported,
 * so the register, board, phases and gate have real content.
 */
const plan = readFileSync(path.join(process.cwd(), "prisma", "seed", "plans", "open-claude-final-plan.plan.md"), "utf8");

async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")} ${n.html.slice(0, 160)}`).join(" | ")}`);
}

async function scan(page: Page, url: string, ready: (page: Page) => Promise<void>) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(url);
    await ready(page);
    expect.soft(await violations(page), `${url} (${scheme})`).toEqual([]);
  }
}

/** Ready: the page's title is shown and no loading placeholder is left. */
const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.locator(".animate-pulse")).toHaveCount(0);
};

test("the sign-in page has no serious accessibility violation", async ({ page }) => {
  await scan(page, "/signin", heading("Sign in to Readyroom"));
});

test("the app's main pages and the public status page have no serious accessibility violation, light or dark", async ({ browser }) => {
  test.setTimeout(240_000);
  const page = await signIn(browser, person("Axel"));
  const ws = slug("a11y");
  await createWorkspace(page, "Accessible Co", ws);
  expect((await page.request.post(`/api/v1/workspaces/${ws}/projects`, { data: { slug: "cowork", name: "Open Claude Cowork", keyPrefix: "OCC" } })).status()).toBe(201);
  expect((await page.request.post(`/api/v1/workspaces/${ws}/projects/cowork/imports`, { data: { source: plan, apply: true } })).status()).toBe(201);
  const publicSlug = slug("a11y");
  const show = { decision: true, recommendation: true, phases: true, severityCounts: true, criteria: true, itemTitles: false };
  expect((await page.request.put(`/api/v1/workspaces/${ws}/projects/cowork/public-status`, { data: { enabled: true, slug: publicSlug, show, embedOrigins: [] } })).status()).toBe(200);
  const items = (await (await page.request.get(`/api/v1/workspaces/${ws}/projects/cowork/items?limit=1`)).json()) as { data: { key: string }[] };
  const key = items.data[0]!.key;

  const p = `/${ws}/projects/cowork`;
  const pages: [string, (page: Page) => Promise<void>][] = [
    [`/${ws}`, heading("Portfolio")],
    [p, heading("Open Claude Cowork")],
    [`${p}/register`, async (page) => void (await expect(page.getByRole("row").nth(1)).toBeVisible())],
    [`${p}/board`, async (page) => void (await expect(page.getByRole("button", { name: new RegExp(`^Move ${key}:`) })).toBeVisible())],
    [`${p}/items/${key}`, async (page) => void (await expect(page.getByText(key).first()).toBeVisible())],
    [`${p}/phases`, heading("Open Claude Cowork")],
    [`${p}/gates`, heading("Open Claude Cowork")],
    [`${p}/import`, heading("Open Claude Cowork")],
    [`${p}/settings`, heading("Open Claude Cowork")],
    [`/${ws}/risks`, heading("Deferred risks")],
    [`/${ws}/settings`, heading(/settings/i)],
    [`/${ws}/settings/members`, heading("Members")],
    [`/${ws}/settings/api-keys`, heading("API keys")],
    [`/${ws}/settings/webhooks`, heading("Webhooks")],
    [`/${ws}/settings/audit-log`, heading("Audit log")],
    [`/status/${publicSlug}`, async (page) => void (await expect(page.getByRole("heading", { level: 1 })).toBeVisible())],
  ];
  for (const [url, ready] of pages) await scan(page, url, ready);
});
