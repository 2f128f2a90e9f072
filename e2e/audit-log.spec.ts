import { parse } from "csv-parse/sync";
import { createWorkspace, expect, person, signIn, slug, test } from "./fixtures";

/** An admin narrows the audit log to one kind of change, exports exactly those entries as CSV, and a bad date is named in place. */
test("an admin filters the audit log by action and day, exports the selection as CSV, and sees a bad filter named in place", async ({ browser }) => {
  const ida = person("Ida");
  const page = await signIn(browser, ida);
  const ws = slug("audit");
  await createWorkspace(page, "Audit Trail", ws);
  for (const [slugName, name, keyPrefix] of [["web", "Web", "WEB"], ["api", "API", "API"]]) {
    expect((await page.request.post(`/api/v1/workspaces/${ws}/projects`, { data: { slug: slugName, name, keyPrefix } })).status()).toBe(201);
  }
  expect((await page.request.post(`/api/v1/workspaces/${ws}/api-keys`, { data: { name: "Deploy bot", role: "read" } })).status()).toBe(201);

  await page.goto(`/${ws}/settings/audit-log`);
  await expect(page.getByRole("row", { name: /api_key\.created/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /project\.created/ })).toHaveCount(2);

  const filters = page.getByRole("search", { name: "Filter the audit log" });
  await filters.getByLabel("Action").selectOption("project.created");
  const today = new Date().toISOString().slice(0, 10);
  await filters.getByLabel("From (UTC)").fill(today);
  await filters.getByLabel("To (UTC, inclusive)").fill(today);
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/action=project\.created/);
  await expect(page.getByRole("row", { name: /project\.created/ })).toHaveCount(2);
  await expect(page.getByRole("row", { name: /api_key\.created|workspace\.created/ })).toHaveCount(0);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toBe(`${ws}-audit-${today}.csv`);
  const chunks: Buffer[] = [];
  for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
  const rows = parse(Buffer.concat(chunks).toString("utf8"), { bom: true }) as string[][];
  expect(rows[0]).toEqual(["Time", "Actor", "Actor id", "Action", "Object type", "Object id", "IP", "Request id", "Details"]);
  expect(rows.slice(1).map((r) => r[3])).toEqual(["project.created", "project.created"]);
  expect(rows.slice(1).map((r) => r[1])).toEqual([ida.name, ida.name]);

  await page.goto(`/${ws}/settings/audit-log?from=2026-02-30`);
  await expect(page.getByText("must be a date (YYYY-MM-DD)")).toBeVisible();
  await expect(page.getByText("These filters cannot be applied")).toBeVisible();
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);

  await page.getByRole("link", { name: "Clear" }).click();
  await expect(page.getByRole("row", { name: /workspace\.created/ })).toBeVisible();
});
