import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
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
    [`/${ws}/settings/sso`, heading("Single sign-on")],
    [`/${ws}/settings/webhooks`, heading("Webhooks")],
    [`/${ws}/settings/audit-log`, heading("Audit log")],
    [`/status/${publicSlug}`, async (page) => void (await expect(page.getByRole("heading", { level: 1 })).toBeVisible())],
  ];
  for (const [url, ready] of pages) await scan(page, url, ready);
});

/** Presses Tab until `target` has the focus, as a keyboard user moves through the page; fails if it is never reached. */
async function tabTo(page: Page, target: Locator, most = 250) {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Not reachable with Tab in ${most} presses: ${target}`);
}

test("with the keyboard alone, a person moves a card to another phase and records a gate decision", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await signIn(browser, person("Kim"));
  const ws = slug("keys-only");
  await createWorkspace(page, "Keyboard Co", ws);
  const api = `/api/v1/workspaces/${ws}/projects/web`;
  expect((await page.request.post(`/api/v1/workspaces/${ws}/projects`, { data: { slug: "web", name: "Web", keyPrefix: "WEB" } })).status()).toBe(201);
  const phase = async (name: string) => ((await (await page.request.post(`${api}/phases`, { data: { name } })).json()) as { id: string }).id;
  const build = await phase("Build");
  const harden = await phase("Harden");
  const item = (await (await page.request.post(`${api}/items`, { data: { title: "Rotate the signing keys", phaseId: build } })).json()) as { key: string };
  const gate = await page.request.post(`${api}/gates`, { data: { name: "v1.0", criteria: [{ title: "Security review signed off", type: "manual" }] } });
  expect(gate.status()).toBe(201);

  // The board: Tab to the card's handle, pick it up, one column right, drop.
  await page.goto(`/${ws}/projects/web/board?group=phase`);
  const grip = page.getByRole("button", { name: `Move ${item.key}: Rotate the signing keys` });
  await expect(grip).toBeVisible();
  await tabTo(page, grip);
  const live = page.locator('[id^="DndLiveRegion"]');
  await page.keyboard.press("Space");
  await expect(live).toHaveText(/Picked up|is over/);
  const before = await live.textContent();
  await page.keyboard.press("ArrowRight");
  await expect(live).not.toHaveText(before ?? "");
  await page.keyboard.press("Space");
  await expect(page.getByRole("list", { name: "Harden", exact: true }).getByText("Rotate the signing keys")).toBeVisible();
  await expect.poll(async () => ((await (await page.request.get(`${api}/items/${item.key}`)).json()) as { phase: { id: string } | null }).phase?.id).toBe(harden);

  // The gate: Tab to the outcome, choose No-Go, write the rationale, record it.
  await page.goto(`/${ws}/projects/web/gates`);
  const noGo = page.getByRole("radio", { name: /^No-Go/ });
  await expect(noGo).toBeVisible();
  await tabTo(page, noGo);
  await page.keyboard.press("Space");
  await expect(noGo).toBeChecked();
  await tabTo(page, page.getByLabel("Rationale"));
  await page.keyboard.type("The security review is not signed off yet.");
  const record = page.getByRole("button", { name: "Record No-Go" });
  await tabTo(page, record);
  await page.keyboard.press("Enter");
  await expect(page.getByText("Recorded No-Go.").first()).toBeVisible();
  await expect(page.getByTestId("gate-decision").first()).toContainText("The security review is not signed off yet.");
});
