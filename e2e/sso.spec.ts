import { randomBytes } from "node:crypto";
import { createWorkspace, expect, person, publishTxt, signIn, slug, test } from "./fixtures";

/** Enterprise sign-in (issue 10): domains proved by DNS. */
test("an owner proves a domain by DNS; until then it is pending, and afterwards no other workspace can claim it", async ({ browser }) => {
  const domain = `acme-${randomBytes(3).toString("hex")}.example`;
  const page = await signIn(browser, person("Olga"));
  const ws = slug("sso");
  await createWorkspace(page, "Acme", ws);
  await page.getByRole("link", { name: "Single sign-on" }).click();
  await expect(page.getByRole("heading", { name: "Single sign-on" })).toBeVisible();
  await expect(page.getByText("No domains yet")).toBeVisible();

  await page.getByLabel("Email domain").fill(domain.toUpperCase());
  await page.getByRole("button", { name: "Add domain" }).click();
  const row = page.getByTestId(`domain-${domain}`);
  await expect(row.getByText("Pending verification")).toBeVisible();
  const name = (await row.locator("dd").nth(0).textContent())!.trim();
  const value = (await row.locator("dd").nth(2).textContent())!.trim();
  expect(name).toBe(`_readyroom-challenge.${domain}`);
  expect(value).toMatch(/^readyroom-domain-verification=/);

  await row.getByRole("button", { name: "Verify" }).click();
  await expect(row.getByRole("alert")).toContainText(`no TXT record found at ${name}`);
  await expect(row.getByText("Pending verification")).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("sso-domain-pending.png"), fullPage: true });

  await publishTxt(name, [value]);
  await row.getByRole("button", { name: "Verify" }).click();
  await expect(row.getByText("Verified", { exact: true })).toBeVisible();
  await expect(row.getByRole("button", { name: "Verify" })).toHaveCount(0);

  const rival = await signIn(browser, person("Rita"));
  const rivalWs = slug("rival");
  await createWorkspace(rival, "Rival", rivalWs);
  await rival.goto(`/${rivalWs}/settings/sso`);
  await rival.getByLabel("Email domain").fill(domain);
  await rival.getByRole("button", { name: "Add domain" }).click();
  await expect(rival.getByText(`${domain} is already verified by another workspace.`)).toBeVisible();
  await expect(rival.getByText("No domains yet")).toBeVisible();

  await page.goto(`/${ws}/settings/audit-log`);
  await expect(page.getByRole("cell", { name: "domain.verified", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "domain.claimed", exact: true })).toBeVisible();
});
