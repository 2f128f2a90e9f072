import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createWorkspace, expect, person, signIn, slug, test } from "./fixtures";

/** A one-page site on 127.0.0.1 and a port of its own: another origin than the app's. */
async function hostPage(body: string): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(body));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

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

test("the embed renders in an iframe on a listed origin and is refused everywhere else", async ({ browser, baseURL }) => {
  const page = await signIn(browser, person("Ezra"));
  const ws = slug("emb");
  await createWorkspace(page, "Embedding team", ws);
  expect((await page.request.post(`/api/v1/workspaces/${ws}/projects`, { data: { slug: "web", name: "Web checkout", keyPrefix: "WEB" } })).status()).toBe(201);
  const publicSlug = slug("web");
  const host = `<!doctype html><title>Intranet</title><h1>Team intranet</h1>
<iframe title="Release widget" src="${baseURL}/embed/${publicSlug}?sections=decision,phases" width="380" height="260"></iframe>
<iframe title="Full status page" src="${baseURL}/status/${publicSlug}" width="380" height="260"></iframe>`;
  // Two real sites on other origins (Chromium's local-network checks refuse a localhost frame in a page it cannot place): one listed, one not.
  const [partner, stranger] = await Promise.all([hostPage(host), hostPage(host)]);
  const show = { decision: true, recommendation: true, phases: true, severityCounts: false, criteria: false, itemTitles: false };
  const saved = await page.request.put(`/api/v1/workspaces/${ws}/projects/web/public-status`, { data: { enabled: true, slug: publicSlug, show, embedOrigins: [partner.origin] } });
  expect(saved.status()).toBe(200);
  await page.close();

  const visitor = await browser.newContext();
  const tab = await visitor.newPage();
  const refused = () => tab.frames().filter((f) => f.url().startsWith("chrome-error://")).length;

  // The listed origin: the widget renders; the full page (frame-ancestors 'none') does not.
  await tab.goto(`${partner.origin}/`);
  const widget = tab.frameLocator('iframe[title="Release widget"]');
  await expect(widget.getByRole("heading", { name: "Web checkout" })).toBeVisible();
  await expect(widget.getByText("Not decided yet")).toBeVisible();
  await expect.poll(refused).toBe(1);
  await expect(tab.frameLocator('iframe[title="Full status page"]').getByRole("heading", { name: "Web checkout" })).toHaveCount(0);

  // Any other origin: both are refused by the browser.
  await tab.goto(`${stranger.origin}/`);
  await expect(tab.getByRole("heading", { name: "Team intranet" })).toBeVisible();
  await expect.poll(refused).toBe(2);
  await expect(tab.frameLocator('iframe[title="Release widget"]').getByRole("heading", { name: "Web checkout" })).toHaveCount(0);
  await visitor.close();
  await Promise.all([partner.close(), stranger.close()]);
});
