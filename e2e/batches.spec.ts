import { readFileSync } from "node:fs";
import path from "node:path";
import { createWorkspace, expect, person, signIn, slug, test } from "./fixtures";

const plan = readFileSync(path.join(process.cwd(), "prisma", "seed", "plans", "audit-implementation-batches.md"), "utf8");

test("the audit plan's 18 tasks are planned into parallel batches with no file conflict, and why each split was needed", async ({ browser }) => {
  const page = await signIn(browser, person("Bea"));
  const ws = slug("bat");
  await createWorkspace(page, "Batch team", ws);
  const created = await page.request.post(`/api/v1/workspaces/${ws}/projects`, { data: { slug: "audit", name: "Audit", keyPrefix: "AUD" } });
  expect(created.status()).toBe(201);
  const imported = await page.request.post(`/api/v1/workspaces/${ws}/projects/audit/imports`, { data: { source: plan, apply: true } });
  expect(imported.status()).toBe(201);

  await page.goto(`/${ws}/projects/audit`);
  await page.getByRole("link", { name: "Batches", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Batches", exact: true })).toBeVisible();

  // By files alone: only 1E and 2E share a file (the stack CLI), so two batches.
  const columns = page.getByTestId("batch-column");
  await expect(columns).toHaveCount(2);
  await expect(columns.nth(0).getByRole("heading", { name: "Batch 1" })).toBeVisible();
  await expect(columns.nth(0).getByTestId("batch-item")).toHaveCount(17);
  await expect(columns.nth(1).getByTestId("batch-item")).toHaveCount(1);
  await expect(columns.nth(1)).toContainText("Subprocess Timeouts in Stack CLI");
  await expect(columns.nth(0).getByTestId("batch-split")).toContainText(/AUD-\d+ waits: shares services\/agent\/src\/stack\/cli\.py with AUD-\d+\./);
  await expect(page.getByTestId("batches-proof")).toContainText("No file conflicts within any batch.");
  await expect(page.getByTestId("batches-summary")).toContainText("18 open items in 2 batches (the project’s phases use 4)");
  // The plan's own four batches are valid too.
  await expect(page.getByTestId("phase-grouping")).toContainText("Valid.");

  // Following the phases' order reproduces the plan's four batches.
  await page.getByLabel(/Keep the phases’ order/).check();
  await expect(page).toHaveURL(/phaseOrder=true/);
  await expect(columns).toHaveCount(4);
  await expect(columns.nth(2).getByTestId("batch-item")).toHaveCount(4);
  await expect(page.getByTestId("batches-proof")).toContainText("No file conflicts within any batch.");

  // One phase on its own: its five agents run together.
  await page.getByLabel("Plan", { exact: true }).selectOption({ label: "Batch 2: Security & Performance (5 parallel agents)" });
  await expect(page).toHaveURL(/phase=/);
  await expect(columns).toHaveCount(1);
  await expect(columns.nth(0).getByTestId("batch-item")).toHaveCount(5);
  await expect(page.getByTestId("phase-grouping")).toHaveCount(0);
});
