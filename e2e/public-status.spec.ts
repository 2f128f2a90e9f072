import { createWorkspace, expect, person, signIn, slug, test } from "./fixtures";

test("an admin publishes a project and anyone reads its status page, badge and JSON without signing in", async ({ browser }) => {
  const page = await signIn(browser, person("Pia"));
  const ws = slug("pub");
  await createWorkspace(page, "Publishing team", ws);
  expect((await page.request.post(`/api/v1/workspaces/${ws}/projects`, { data: { slug: "app", name: "Mobile app", keyPrefix: "MOB" } })).status()).toBe(201);
  expect((await page.request.post(`/api/v1/workspaces/${ws}/projects/app/items`, { data: { title: "Internal only: rotate the staging keys", severity: "high", blocker: true } })).status()).toBe(201);

  await page.goto(`/${ws}/projects/app/settings`);
  const card = page.getByRole("heading", { name: "Public status page" }).locator("xpath=ancestor::div[contains(@class,'rounded-lg')][1]");
  await expect(card.getByText("Not published")).toBeVisible();
  await card.getByLabel("Publish this project's release status").check();
  const publicSlug = slug("mob");
  await card.getByLabel("Public address").fill(publicSlug);
  await card.getByRole("button", { name: "Save public status" }).click();
  await expect(card.getByText("Saved.")).toBeVisible();
  await expect(card.getByText("Published", { exact: true })).toBeVisible();
  await expect(card.getByText(`/embed/${publicSlug}?sections=decision,phases`)).toBeVisible();

  // A visitor with no session.
  const visitor = await browser.newContext();
  const anonymous = await visitor.newPage();
  const response = await anonymous.goto(`/status/${publicSlug}`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["cache-control"]).toContain("public, max-age=30");
  expect(response?.headers()["set-cookie"]).toBeUndefined();
  await expect(anonymous.getByRole("heading", { name: "Mobile app" })).toBeVisible();
  await expect(anonymous.getByText("Not decided yet")).toBeVisible();
  await expect(anonymous.getByText("Internal only")).toHaveCount(0);
  const badge = await anonymous.request.get(`/badge/${publicSlug}.svg`);
  expect(badge.headers()["content-type"]).toContain("image/svg+xml");
  expect(await badge.text()).toContain("release: no decision");
  const summary = await anonymous.request.get(`/api/public/v1/status/${publicSlug}/summary.json`);
  expect(summary.headers()["access-control-allow-origin"]).toBe("*");
  expect(((await summary.json()) as { page: { name: string } }).page.name).toBe("Mobile app");
  await visitor.close();

  // Unpublished again: the same 404 as an address that never existed.
  await card.getByLabel("Publish this project's release status").uncheck();
  await card.getByRole("button", { name: "Save public status" }).click();
  await expect(card.getByText("Not published")).toBeVisible();
  const gone = await page.request.get(`/status/${publicSlug}`);
  expect(gone.status()).toBe(404);
});
