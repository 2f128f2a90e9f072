import { expect, test } from "./fixtures";

test("the API reference draws every area of the OpenAPI document and loads nothing from another origin", async ({ page, baseURL }) => {
  const elsewhere: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(baseURL!) && !request.url().startsWith("data:")) elsewhere.push(request.url());
  });
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { name: "Readyroom API" })).toBeVisible();
  const sidebar = page.getByRole("complementary");
  for (const area of ["Account", "Workspaces", "Projects", "Items", "Phases", "Gates", "Imports", "Meta"]) await expect(sidebar.getByRole("link", { name: area, exact: true })).toBeVisible();
  await sidebar.getByRole("button", { name: "Open Group - Gates" }).click();
  await sidebar.getByRole("link", { name: /^Post a check result/ }).click();
  await expect(page.getByRole("heading", { name: "Post a check result" })).toBeVisible();
  await expect(page.getByText("Ask AI")).toHaveCount(0);
  const document = await page.request.get("/api/v1/openapi.json");
  expect(document.status()).toBe(200);
  expect(((await document.json()) as { openapi: string }).openapi).toBe("3.1.0");
  expect(elsewhere).toEqual([]);
});
