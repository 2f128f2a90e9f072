import { readFileSync } from "node:fs";
import path from "node:path";
import { createWorkspace, expect, person, signIn, slug, test } from "./fixtures";

const plan = readFileSync(path.join(process.cwd(), "prisma", "seed", "plans", "rauskuclaw-milestones.md"), "utf8");

test("a member pastes a milestones plan, previews it by phase, imports it, and a second import changes nothing", async ({ browser }) => {
  const page = await signIn(browser, person("Ines"));
  const ws = slug("imp");
  await createWorkspace(page, "Import team", ws);
  const created = await page.request.post(`/api/v1/workspaces/${ws}/projects`, { data: { slug: "claw", name: "RauskuClaw", keyPrefix: "RC" } });
  expect(created.status()).toBe(201);

  await page.goto(`/${ws}/projects/claw`);
  await page.getByRole("link", { name: "Import", exact: true }).click();
  await page.getByLabel("Plan (Markdown)").fill(plan);
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("import-preview");
  await expect(preview).toContainText("4 new, 0 updated, 0 unchanged phases");
  await expect(preview).toContainText("M1: Reliable Core Runner");
  await expect(preview).toContainText("after M1: Reliable Core Runner, M3: Provider Integration");
  await expect(preview.getByText("Kept as text")).toBeVisible();
  // Nothing is written by a preview.
  expect(((await (await page.request.get(`/api/v1/workspaces/${ws}/projects/claw/phases`)).json()) as { data: unknown[] }).data).toHaveLength(0);

  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("Imported.")).toBeVisible();
  const phases = (await (await page.request.get(`/api/v1/workspaces/${ws}/projects/claw/phases`)).json()) as { data: { name: string }[] };
  expect(phases.data.map((p) => p.name)).toEqual(["M1: Reliable Core Runner", "M2: Tooling + Job Type Management UX", "M3: Provider Integration", "M4: Memory + Automation Foundations"]);

  // Importing the same plan again would change nothing.
  await page.getByLabel("Plan (Markdown)").fill(`${plan}\n`);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("import-preview")).toContainText("0 new, 0 updated, 4 unchanged phases");
  await expect(page.getByTestId("import-preview")).toContainText("0 new, 0 updated, 15 unchanged items");
});

test("a member reads an unknown heading as a stage and imports a stage into an existing phase", async ({ browser }) => {
  const page = await signIn(browser, person("Ines"));
  const ws = slug("map");
  await createWorkspace(page, "Mapping team", ws);
  expect((await page.request.post(`/api/v1/workspaces/${ws}/projects`, { data: { slug: "app", name: "App", keyPrefix: "APP" } })).status()).toBe(201);
  expect((await page.request.post(`/api/v1/workspaces/${ws}/projects/app/phases`, { data: { name: "Groundwork" } })).status()).toBe(201);

  await page.goto(`/${ws}/projects/app/import`);
  await page.getByLabel("Plan (Markdown)").fill("# Plan\n\n## Phase 1 — Baseline\n\n- Pin dependencies\n\n## Hardening sprint\n\n- Add CSP\n- Rotate keys\n");
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("import-preview");
  await expect(preview).toContainText("1 new, 0 updated, 0 unchanged phases");
  await expect(preview).toContainText("1 new, 0 updated, 0 unchanged items");

  await preview.getByRole("checkbox", { name: "Hardening sprint" }).check();
  await expect(preview).toContainText("2 new, 0 updated, 0 unchanged phases");
  await expect(preview).toContainText("3 new, 0 updated, 0 unchanged items");
  await preview.getByLabel("Import Phase 1 — Baseline as").selectOption({ label: "into “Groundwork”" });
  await expect(preview).toContainText("1 new, 1 updated, 0 unchanged phases");
  await expect(preview).toContainText("into “Groundwork”");

  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("Imported.")).toBeVisible();
  const phases = (await (await page.request.get(`/api/v1/workspaces/${ws}/projects/app/phases`)).json()) as { data: { name: string }[] };
  expect(phases.data.map((p) => p.name)).toEqual(["Phase 1 — Baseline", "Hardening sprint"]);
});
