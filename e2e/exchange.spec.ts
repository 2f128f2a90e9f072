import { readFileSync } from "node:fs";
import { createWorkspace, expect, person, signIn, slug, test } from "./fixtures";

test("a member exports a project's register as JSON and imports it into a fresh project", async ({ browser }) => {
  const page = await signIn(browser, person("Jonas"));
  const ws = slug("xch");
  await createWorkspace(page, "Exchange team", ws);
  for (const [projectSlug, keyPrefix] of [["source", "SRC"], ["copy", "CPY"]]) {
    const created = await page.request.post(`/api/v1/workspaces/${ws}/projects`, { data: { slug: projectSlug, name: `Project ${projectSlug}`, keyPrefix } });
    expect(created.status()).toBe(201);
  }
  const phase = await page.request.post(`/api/v1/workspaces/${ws}/projects/source/phases`, { data: { name: "Phase 1 — Security" } });
  const phaseId = ((await phase.json()) as { id: string }).id;
  for (const item of [
    { title: "Token stored on window", severity: "critical", phaseId, labels: ["security"] },
    { title: "Add CSP", status: "done", phaseId },
    { title: "Graceful shutdown", severity: "high" },
  ]) {
    expect((await page.request.post(`/api/v1/workspaces/${ws}/projects/source/items`, { data: item })).status()).toBe(201);
  }

  await page.goto(`/${ws}/projects/source/import`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download Register (JSON)" }).click()]);
  expect(download.suggestedFilename()).toBe("source-register.json");
  const file = await download.path();
  expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ schema: "readyroom.register", version: 1 });

  await page.goto(`/${ws}/projects/copy/import`);
  await page.getByText("Readyroom JSON", { exact: true }).click();
  await expect(page.getByLabel("Readyroom JSON")).toBeChecked();
  await page.locator('input[type="file"][accept*=".json"]').setInputFiles(file);
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("json-preview");
  await expect(preview).toContainText("1 new, 0 updated, 0 unchanged phases");
  await expect(preview).toContainText("3 new, 0 updated, 0 unchanged items");
  await expect(preview).toContainText("Token stored on window");
  // A preview writes nothing.
  expect(((await (await page.request.get(`/api/v1/workspaces/${ws}/projects/copy/items`)).json()) as { total: number }).total).toBe(0);

  const importButton = page.getByRole("button", { name: "Import", exact: true });
  await importButton.click();
  await expect(page.getByText("Imported.")).toBeVisible();
  const items = (await (await page.request.get(`/api/v1/workspaces/${ws}/projects/copy/items?sort=key`)).json()) as { data: { key: string; title: string; status: string; phase: { name: string } | null }[] };
  expect(items.data.map((i) => [i.key, i.title, i.status, i.phase?.name ?? null])).toEqual([
    ["CPY-1", "Token stored on window", "open", "Phase 1 — Security"],
    ["CPY-2", "Add CSP", "done", "Phase 1 — Security"],
    ["CPY-3", "Graceful shutdown", "open", null],
  ]);

  // The same file again would change nothing.
  await page.getByLabel("Register (JSON)").fill(readFileSync(file, "utf8"));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("json-preview")).toContainText("0 new, 0 updated, 3 unchanged items");
});

test("a member maps a small Jira CSV, changes the phase column, and imports it", async ({ browser }) => {
  const page = await signIn(browser, person("Kaia"));
  const ws = slug("jira");
  await createWorkspace(page, "Jira team", ws);
  expect((await page.request.post(`/api/v1/workspaces/${ws}/projects`, { data: { slug: "app", name: "App", keyPrefix: "APP" } })).status()).toBe(201);
  const csv = [
    "Summary,Issue key,Issue Type,Status,Priority,Assignee,Labels,Sprint,Fix Version/s",
    'Token in window,ABC-12,Bug,In Progress,Highest,Ada Lovelace,security,Sprint 1,"v1.0"',
    "Rate limits,ABC-13,Story,To Do,Low,,,Sprint 2,v1.1",
  ].join("\n");

  await page.goto(`/${ws}/projects/app/import`);
  await page.getByText("CSV (Jira, Linear, GitHub…)", { exact: true }).click();
  await expect(page.getByLabel("CSV (Jira, Linear, GitHub…)")).toBeChecked();
  await page.getByLabel("CSV", { exact: true }).fill(csv);
  await page.getByRole("button", { name: "Read columns" }).click();
  await expect(page.getByText("Read as Jira (detected from the header)")).toBeVisible();
  await expect(page.getByLabel("Field for column Summary")).toHaveValue("title");
  await expect(page.getByLabel("Field for column Priority")).toHaveValue("severity");
  await expect(page.getByLabel("Phases from")).toHaveValue("Sprint");
  await expect(page.getByTestId("csv-preview")).toContainText("jira:ABC-12");

  // Phases from the fix version instead of the sprint.
  await page.getByLabel("Phases from").selectOption("Fix Version/s");
  await expect(page.getByLabel("Field for column Fix Version/s")).toHaveValue("phase");
  await expect(page.getByLabel("Field for column Sprint")).toHaveValue("");
  await expect(page.getByTestId("csv-totals")).toContainText("2 new, 0 updated, 0 unchanged phases");

  await page.getByRole("button", { name: "Import 2 rows" }).click();
  await expect(page.getByText("Imported.")).toBeVisible();
  const items = (await (await page.request.get(`/api/v1/workspaces/${ws}/projects/app/items?sort=key`)).json()) as { data: { title: string; severity: string; status: string; externalId: string; phase: { name: string } | null; owner: { name: string } | null }[] };
  expect(items.data.map((i) => [i.externalId, i.title, i.severity, i.status, i.phase?.name, i.owner?.name ?? null])).toEqual([
    ["jira:ABC-12", "Token in window", "critical", "in_progress", "v1.0", "Ada Lovelace"],
    ["jira:ABC-13", "Rate limits", "low", "open", "v1.1", null],
  ]);
});
