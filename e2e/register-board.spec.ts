import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { createWorkspace, expect, person, signIn, slug, test } from "./fixtures";

/**
 * The register, the phases graph and the boards, as a team uses them: one
 * workspace for the whole file, set up through the API, driven through the UI.
 */
test.describe.configure({ mode: "serial" });

interface Setup {
  page: Page;
  ws: string;
  base: string;
  api: string;
  phases: Record<string, string>;
  owners: Record<string, string>;
}

let setup: Setup;

async function json<T>(response: Awaited<ReturnType<APIRequestContext["get"]>>, status = 200): Promise<T> {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as T;
}

async function item(request: APIRequestContext, key: string) {
  return json<{ key: string; status: string; version: number; phase: { name: string } | null; owner: { name: string } | null; title: string }>(
    await request.get(`${setup.api}/items/${key}`),
  );
}

async function createItem(request: APIRequestContext, body: Record<string, unknown>) {
  return json<{ key: string }>(await request.post(`${setup.api}/items`, { data: body }), 201);
}

/** Drags with real pointer events (dnd-kit needs a few moves to start a drag). */
async function drag(page: Page, handle: Locator, target: Locator) {
  // A person scrolls the board to the column first; so does the test.
  await target.scrollIntoViewIfNeeded();
  await handle.scrollIntoViewIfNeeded();
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(40, to.height / 2), { steps: 20 });
  await page.mouse.up();
}

/**
 * Moves a card with the keyboard as a person does: pick it up, wait until the
 * board announces it, press the arrows one at a time, drop.
 */
async function keyboardMove(page: Page, grip: Locator, arrows: string[], pick = "Space") {
  const live = page.locator('[id^="DndLiveRegion"]');
  await grip.focus();
  await page.keyboard.press(pick);
  await expect(live).toHaveText(/Picked up|is over/);
  for (const arrow of arrows) {
    const before = await live.textContent();
    await page.keyboard.press(arrow);
    await expect(live).not.toHaveText(before ?? "");
  }
  await page.keyboard.press(pick);
}

test.beforeAll(async ({ browser }) => {
  const page = await signIn(browser, person("Rita"));
  const ws = slug("reg");
  await createWorkspace(page, "Register team", ws);
  await json(await page.request.post(`/api/v1/workspaces/${ws}/projects`, { data: { slug: "release", name: "Release 1", keyPrefix: "REL" } }), 201);
  const owners: Record<string, string> = {};
  for (const name of ["Platform team", "CLAUDE"]) {
    owners[name] = (await json<{ id: string }>(await page.request.post(`/api/v1/workspaces/${ws}/owners`, { data: { name, kind: name === "CLAUDE" ? "agent" : "team" } }), 201)).id;
  }
  setup = { page, ws, base: `/${ws}/projects/release`, api: `/api/v1/workspaces/${ws}/projects/release`, phases: {}, owners };
});

test("create phases with a dependency and see the graph drawn", async () => {
  const { page } = setup;
  await page.goto(`${setup.base}/phases`);
  await expect(page.getByText("No phases yet")).toBeVisible();
  for (const [name, days, dependsOn] of [["Phase A", "2", null], ["Phase B", "3", "Phase A"]] as const) {
    await page.getByRole("button", { name: "New phase" }).first().click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("Estimate in days").fill(days);
    if (dependsOn) await dialog.getByRole("checkbox", { name: dependsOn }).check();
    await dialog.getByRole("button", { name: "Create phase" }).click();
    await expect(dialog).toBeHidden();
  }
  const graph = page.getByRole("img", { name: /2 phases with 1 dependency/ });
  await expect(graph).toBeVisible();
  await expect(graph.locator("text").filter({ hasText: "Phase B" })).toBeVisible();
  await expect(page.getByText("Critical path: 5 days")).toBeVisible();

  const phases = await json<{ data: { id: string; name: string; dependsOn: string[] }[] }>(await page.request.get(`${setup.api}/phases`));
  for (const phase of phases.data) setup.phases[phase.name] = phase.id;
  expect(phases.data.find((p) => p.name === "Phase B")?.dependsOn).toEqual([setup.phases["Phase A"]]);

  // A dependency that closes a cycle is refused in place, naming it.
  await page.getByRole("button", { name: /Edit Phase A/ }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("checkbox", { name: "Phase B" }).check();
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByText(/cycle: Phase A → Phase B → Phase A/)).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
});

test("create items and move cards by mouse and keyboard on the phase and owner boards", async () => {
  const { page } = setup;
  const first = await createItem(page.request, { title: "Login works", phaseId: setup.phases["Phase A"], severity: "high" });
  const second = await createItem(page.request, { title: "Logout works", phaseId: setup.phases["Phase A"], severity: "medium" });

  await page.goto(`${setup.base}/board?group=phase`);
  const columnB = page.getByRole("list", { name: "Phase B", exact: true });
  await drag(page, page.getByRole("button", { name: `Move ${first.key}: Login works` }), columnB);
  await expect(columnB.getByText("Login works")).toBeVisible();
  await expect.poll(async () => (await item(page.request, first.key)).phase?.name).toBe("Phase B");

  // Keyboard: pick up, one column to the right, drop.
  await keyboardMove(page, page.getByRole("button", { name: `Move ${second.key}: Logout works` }), ["ArrowRight"]);
  await expect.poll(async () => (await item(page.request, second.key)).phase?.name).toBe("Phase B");

  // The owner board.
  await page.goto(`${setup.base}/board?group=owner`);
  const platform = page.getByRole("list", { name: "Platform team", exact: true });
  await drag(page, page.getByRole("button", { name: `Move ${first.key}: Login works` }), platform);
  await expect.poll(async () => (await item(page.request, first.key)).owner?.name).toBe("Platform team");
  await keyboardMove(page, page.getByRole("button", { name: `Move ${second.key}: Logout works` }), ["ArrowRight"], "Enter");
  await expect.poll(async () => (await item(page.request, second.key)).owner).not.toBeNull();
});

test("the blocker rule refuses a move to done with a visible reason", async () => {
  const { page } = setup;
  const blocker = await createItem(page.request, { title: "Fix the token storage", severity: "critical" });
  const blocked = await createItem(page.request, { title: "Ship the login page", blockedBy: [blocker.key] });
  // A status board filtered to the two columns that matter, as a lead reviewing closures would use it.
  await page.goto(`${setup.base}/board?group=status&status=open,done`);
  await keyboardMove(page, page.getByRole("button", { name: `Move ${blocked.key}: Ship the login page` }), ["ArrowRight"]);
  await expect(page.getByRole("alert").filter({ hasText: "can’t be done" })).toContainText(`${blocked.key} can’t be done while ${blocker.key} is open`);
  await expect(page.getByRole("list", { name: "Open", exact: true }).getByText("Ship the login page")).toBeVisible();
  expect((await item(page.request, blocked.key)).status).toBe("open");
});

test("filter the register and bulk-edit the selection", async () => {
  const { page } = setup;
  await page.goto(`${setup.base}/register?severity=critical,high`);
  const table = page.getByRole("table", { name: "Items" });
  await expect(table.getByText("Fix the token storage")).toBeVisible();
  await expect(table.getByText("Login works")).toBeVisible();
  await expect(table.getByText("Logout works")).toHaveCount(0);

  await page.getByRole("checkbox", { name: "Select all items" }).check();
  const bar = page.getByRole("region", { name: "Bulk edit" });
  await expect(bar.getByText("2 items selected")).toBeVisible();
  await bar.getByLabel("Status").selectOption("in_review");
  await bar.getByRole("button", { name: "Apply to 2" }).click();
  await expect(table.getByText("In review")).toHaveCount(2);
  const items = await json<{ data: { status: string }[] }>(await page.request.get(`${setup.api}/items?severity=critical,high`));
  expect(items.data.map((i) => i.status)).toEqual(["in_review", "in_review"]);
});

test("two people see each other's changes within 5 seconds", async ({ browser }) => {
  const { page, ws } = setup;
  const colleague = person("Sam");
  const invite = await json<{ acceptUrl: string }>(await page.request.post(`/api/v1/workspaces/${ws}/invitations`, { data: { email: colleague.email, role: "member" } }), 201);
  const samPage = await signIn(browser, colleague, new URL(invite.acceptUrl).pathname);
  await samPage.getByRole("button", { name: /Join Register team/ }).click();
  await samPage.waitForURL(`**/${ws}`);

  const target = await createItem(page.request, { title: "Document the rollout", phaseId: setup.phases["Phase A"] });
  await page.goto(`${setup.base}/board?group=phase`);
  await samPage.goto(`${setup.base}/board?group=phase`);
  await expect(samPage.getByText("Live")).toBeVisible();
  await expect(page.getByText("Live")).toBeVisible();

  // Sam moves the card on his board; Rita's board shows it without a reload.
  await keyboardMove(samPage, samPage.getByRole("button", { name: `Move ${target.key}: Document the rollout` }), ["ArrowRight"]);
  await expect(page.getByRole("list", { name: "Phase B", exact: true }).getByText("Document the rollout")).toBeVisible({ timeout: 5_000 });

  // Rita renames it through the API; Sam sees the new title.
  const current = await item(page.request, target.key);
  await json(await page.request.patch(`${setup.api}/items/${target.key}`, { data: { version: current.version, title: "Document the rollout plan" } }));
  await expect(samPage.getByText("Document the rollout plan")).toBeVisible({ timeout: 5_000 });
});
