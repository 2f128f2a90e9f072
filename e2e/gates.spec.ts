import type { APIRequestContext, Page } from "@playwright/test";
import { createWorkspace, expect, person, signIn, slug, test } from "./fixtures";

/**
 * The release gate as a team runs it: an admin builds the gate in the editor,
 * records No-Go, fixes the register, defers the polish with owners and dates
 * and records Go with known risks; a viewer reads it on the portfolio.
 */
test.describe.configure({ mode: "serial" });

interface Setup {
  page: Page;
  ws: string;
  base: string;
  api: string;
  keys: { fix: string; darkMode: string; shortcuts: string };
  polishTeam: string;
  grace: { name: string; email: string };
}

let setup: Setup;

async function json<T>(response: Awaited<ReturnType<APIRequestContext["get"]>>, status = 200): Promise<T> {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as T;
}

async function patchItem(request: APIRequestContext, key: string, body: Record<string, unknown>) {
  const current = await json<{ version: number }>(await request.get(`${setup.api}/items/${key}`));
  await json(await request.patch(`${setup.api}/items/${key}`, { data: { ...body, version: current.version } }));
}

function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test.beforeAll(async ({ browser }) => {
  const grace = person("Grace");
  const page = await signIn(browser, grace);
  const ws = slug("gate");
  await createWorkspace(page, "Gate team", ws);
  const api = `/api/v1/workspaces/${ws}/projects/launch`;
  await json(await page.request.post(`/api/v1/workspaces/${ws}/projects`, { data: { slug: "launch", name: "Launch", keyPrefix: "LCH" } }), 201);
  const phase1 = await json<{ id: string }>(await page.request.post(`${api}/phases`, { data: { name: "Phase 1 — Security" } }), 201);
  const phase3 = await json<{ id: string }>(await page.request.post(`${api}/phases`, { data: { name: "Phase 3 — Polish" } }), 201);
  const polishTeam = (await json<{ id: string }>(await page.request.post(`/api/v1/workspaces/${ws}/owners`, { data: { name: "Polish team", kind: "team" } }), 201)).id;
  const create = async (body: Record<string, unknown>) => (await json<{ key: string }>(await page.request.post(`${api}/items`, { data: body }), 201)).key;
  const keys = {
    fix: await create({ title: "Fix token storage", severity: "critical", phaseId: phase1.id }),
    darkMode: await create({ title: "Dark mode", severity: "low", phaseId: phase3.id }),
    shortcuts: await create({ title: "Keyboard shortcuts", severity: "low", phaseId: phase3.id }),
  };
  setup = { page, ws, base: `/${ws}/projects/launch`, api, keys, polishTeam, grace };
});

test("an admin builds a gate in the editor and records No-Go", async () => {
  const { page } = setup;
  await page.goto(`${setup.base}/gates`);
  await expect(page.getByText("No release gate yet")).toBeVisible();
  await page.getByRole("button", { name: "New gate" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Gate name").fill("v1.0 release");
  await dialog.getByLabel("Target date").fill(daysFromNow(21));
  await dialog.getByLabel("Description").fill("Ship only when the **security fixes** are verified.");

  const first = dialog.getByRole("listitem", { name: "Criterion 1" });
  await first.getByLabel("Title", { exact: true }).fill("Phase 1 items complete with tests");
  await first.getByLabel("Rule", { exact: true }).selectOption({ label: "Every item done" });
  await first.getByLabel("Phase", { exact: true }).selectOption({ label: "Phase 1 — Security" });
  await first.getByLabel("Details").fill("Each fix comes with a `regression test`.");

  await dialog.getByRole("button", { name: "Add criterion" }).click();
  const second = dialog.getByRole("listitem", { name: "Criterion 2" });
  await second.getByLabel("Title", { exact: true }).fill("Phase 3 polish deferred with owners and dates");
  await second.getByLabel("Advisory — at most Go with known risks").check();
  await second.getByLabel("Rule", { exact: true }).selectOption({ label: "Every item done" });
  await second.getByLabel("Phase", { exact: true }).selectOption({ label: "Phase 3 — Polish" });
  await dialog.getByRole("button", { name: "Create gate" }).click();
  await expect(dialog).toBeHidden();

  // Descriptions are Markdown, as plans write them: rendered, never shown raw.
  await expect(page.locator("strong", { hasText: "security fixes" })).toBeVisible();
  await expect(page.locator("code", { hasText: "regression test" })).toBeVisible();
  await expect(page.getByText("**security fixes**")).toHaveCount(0);

  const banner = page.getByTestId("gate-recommendation");
  await expect(banner).toContainText("No-Go");
  await expect(banner).toContainText("Phase 1 items complete with tests");
  await expect(page.getByText(setup.keys.fix).first()).toBeVisible();

  // Go is not on offer while a required criterion fails: only No-Go can be recorded.
  await expect(page.getByRole("radio", { name: /^Go\b/ }).first()).toBeDisabled();
  await page.getByLabel("Rationale").fill("Token storage is still exposed.");
  await page.getByRole("button", { name: "Record No-Go" }).click();
  await expect(page.getByText("Recorded No-Go.").first()).toBeVisible();
  const history = page.getByTestId("gate-decision");
  await expect(history.first()).toContainText("No-Go");
  await expect(history.first().getByTestId("decision-sign-offs")).toContainText("1 of 1 sign-off");
});

test("the admin fixes the register, defers the polish with owners and dates, and records Go with known risks", async () => {
  const { page, keys } = setup;
  await patchItem(page.request, keys.fix, { status: "done" });
  await patchItem(page.request, keys.darkMode, { status: "deferred", ownerId: setup.polishTeam, dueDate: daysFromNow(30) });
  await patchItem(page.request, keys.shortcuts, { status: "deferred", ownerId: setup.polishTeam, dueDate: daysFromNow(-2) });

  await page.goto(`${setup.base}/gates`);
  const banner = page.getByTestId("gate-recommendation");
  await expect(banner).toContainText("Go with known risks");
  // The No-Go on record no longer matches the register.
  await expect(page.getByTestId("decision-out-of-date")).toBeVisible();

  await page.getByRole("radio", { name: /Go with known risks/ }).check();
  // The recommended list is filled in from the deferred items, with their owners and dates.
  await expect(page.getByLabel("Owner", { exact: true }).first()).toHaveValue(setup.polishTeam);
  await expect(page.getByLabel("Due date", { exact: true }).first()).not.toHaveValue("");
  await page.getByLabel("Rationale").fill("Security is done; polish ships after launch.");
  await page.getByRole("button", { name: "Record Go with known risks" }).click();
  await expect(page.getByText("Recorded Go with known risks.").first()).toBeVisible();
  await expect(page.getByTestId("gate-decision").first()).toContainText("Go with known risks");
  await expect(page.getByTestId("decision-out-of-date")).toBeHidden();

  // The project's deferred risks: the overdue one stands out.
  const listed = page.getByTestId("deferred-risk");
  await expect(listed).toHaveCount(2);
  await expect(listed.first()).toContainText("Keyboard shortcuts");
  await expect(listed.first()).toContainText("Overdue");
  await expect(listed.nth(1)).not.toContainText("Overdue");

  // The checklist export reflects the decision.
  const checklist = await page.request.get(`${setup.api}/gates/${(await json<{ data: { id: string }[] }>(await page.request.get(`${setup.api}/gates`))).data[0]!.id}/checklist`);
  expect(checklist.status()).toBe(200);
  const markdown = await checklist.text();
  expect(markdown).toContain("- [x] Phase 1 items complete with tests");
  expect(markdown).toMatch(/Go with known risks/);
  expect(markdown).toContain("Keyboard shortcuts");
});

test("a viewer reads the portfolio and the deferred risks, and cannot decide", async ({ browser }) => {
  const viewer = person("Victor");
  const invitation = await json<{ acceptUrl: string }>(await setup.page.request.post(`/api/v1/workspaces/${setup.ws}/invitations`, { data: { email: viewer.email, role: "viewer" } }), 201);
  const page = await signIn(browser, viewer, new URL(invitation.acceptUrl).pathname);
  await page.getByRole("button", { name: "Join Gate team" }).click();
  await page.waitForURL(`**/${setup.ws}`);

  const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Launch" }) });
  await expect(card).toContainText("v1.0 release");
  await expect(card).toContainText("Go with known risks");
  const dueNext = page.getByText("Deferred risks due next").locator("xpath=ancestor::div[contains(@class,'h-fit')]");
  await expect(dueNext).toContainText("Keyboard shortcuts");
  await expect(dueNext).toContainText("Overdue since");

  await page.getByRole("link", { name: "All deferred risks" }).click();
  await page.waitForURL(`**/${setup.ws}/risks`);
  await expect(page.getByTestId("deferred-risk")).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Resolve", exact: true })).toHaveCount(0);

  await page.goto(`${setup.base}/gates`);
  await expect(page.getByTestId("gate-recommendation")).toContainText("Go with known risks");
  await expect(page.getByRole("button", { name: /Record/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Edit gate" })).toHaveCount(0);
});

test("a gate that needs two sign-offs: the second approver signs the recorded decision", async ({ browser }) => {
  const { page } = setup;
  const admin = person("Ada");
  const invitation = await json<{ acceptUrl: string }>(await page.request.post(`/api/v1/workspaces/${setup.ws}/invitations`, { data: { email: admin.email, role: "admin" } }), 201);
  const adminPage = await signIn(browser, admin, new URL(invitation.acceptUrl).pathname);
  await adminPage.getByRole("button", { name: "Join Gate team" }).click();
  await adminPage.waitForURL(`**/${setup.ws}`);

  // Grace names both of them approvers and asks for two sign-offs.
  await page.goto(`${setup.base}/gates`);
  await page.getByRole("button", { name: "Edit gate" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("checkbox", { name: new RegExp(admin.name) }).check();
  await dialog.getByLabel("Sign-offs required").fill("2");
  // Two sign-offs from one approver is refused in place.
  await dialog.getByRole("button", { name: "Save gate" }).click();
  await expect(dialog.getByText("cannot exceed the 1 approver named")).toBeVisible();
  await dialog.getByRole("checkbox", { name: new RegExp(setup.grace.name) }).check();
  await dialog.getByRole("button", { name: "Save gate" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("radio", { name: /Go with known risks/ }).check();
  await page.getByLabel("Rationale").fill("Re-recorded with two approvers.");
  await expect(page.getByText("This gate needs 2 sign-offs")).toBeVisible();
  await page.getByRole("button", { name: "Record Go with known risks" }).click();
  const latest = page.getByTestId("gate-decision").first();
  await expect(latest).toContainText("Awaiting sign-off");
  await expect(latest.getByTestId("decision-sign-offs")).toContainText("1 of 2 sign-offs");
  // The recorder has signed; there is nothing more for her to sign.
  await expect(latest.getByRole("button", { name: "Sign this decision" })).toHaveCount(0);

  await adminPage.goto(`${setup.base}/gates`);
  const theirs = adminPage.getByTestId("gate-decision").first();
  await theirs.getByRole("button", { name: "Sign this decision" }).click();
  await expect(theirs.getByTestId("decision-sign-offs")).toContainText("2 of 2 sign-offs");
  await expect(theirs).not.toContainText("Awaiting sign-off");
  await expect(theirs.getByRole("button", { name: "Sign this decision" })).toHaveCount(0);
});
