import { createWorkspace, expect, person, signIn, slug, test } from "./fixtures";

test.describe("workspaces, invitations and isolation", () => {
  test("sign in with SSO, create a workspace and a project, invite a viewer who cannot edit, and keep another workspace out", async ({ browser }) => {
    const alice = person("Alice");
    const bob = person("Bob");
    const carol = person("Carol");
    const ws = slug("acme");

    // Alice signs in through the OIDC provider; with no workspace yet she is asked to create one.
    const alicePage = await signIn(browser, alice);
    await expect(alicePage).toHaveURL(/\/new$/);
    await createWorkspace(alicePage, "Acme Release", ws);
    await expect(alicePage.getByRole("heading", { name: "Portfolio", exact: true })).toBeVisible();
    await expect(alicePage.getByText("No projects yet")).toBeVisible();

    // She creates a project.
    await alicePage.getByRole("button", { name: "New project" }).first().click();
    await alicePage.getByLabel("Name").fill("Checkout v2");
    await alicePage.getByLabel("Item key prefix").fill("CHK");
    await alicePage.getByRole("button", { name: "Create project" }).click();
    await alicePage.waitForURL(`**/${ws}/projects/checkout-v2`);
    await expect(alicePage.getByRole("heading", { name: "Checkout v2" })).toBeVisible();

    // She invites Bob as a viewer and copies the link.
    await alicePage.goto(`/${ws}/settings/members`);
    await alicePage.getByLabel("Email", { exact: true }).fill(bob.email);
    await alicePage.getByLabel("Role", { exact: true }).selectOption("viewer");
    await alicePage.getByRole("button", { name: "Create invitation" }).click();
    const link = (await alicePage.getByTestId("invitation-link").textContent())!.trim();
    expect(link).toContain("/invite/");

    // Bob opens the link, signs in, accepts, and lands in the workspace.
    const bobPage = await signIn(browser, bob, new URL(link).pathname);
    await expect(bobPage.getByRole("heading", { name: "Acme Release" })).toBeVisible();
    await bobPage.getByRole("button", { name: "Join Acme Release" }).click();
    await bobPage.waitForURL(`**/${ws}`);
    await expect(bobPage.getByRole("link", { name: /Checkout v2/ })).toBeVisible();

    // The link was single-use.
    await bobPage.goto(new URL(link).pathname);
    await expect(bobPage.getByText("This invitation is accepted.")).toBeVisible();

    // Bob is a viewer: no editing in the UI, and the API refuses his writes.
    await bobPage.goto(`/${ws}`);
    await expect(bobPage.getByRole("button", { name: "New project" })).toHaveCount(0);
    await bobPage.goto(`/${ws}/projects/checkout-v2`);
    await expect(bobPage.getByRole("link", { name: "Project settings" })).toHaveCount(0);
    const write = await bobPage.request.patch(`/api/v1/workspaces/${ws}/projects/checkout-v2`, { data: { name: "Renamed by a viewer" } });
    expect(write.status()).toBe(403);
    expect((await write.json()).error.code).toBe("forbidden");

    // Alice sees Bob as a viewer.
    await alicePage.reload();
    await expect(alicePage.getByLabel(`Role of ${bob.email}`)).toHaveValue("viewer");

    // Carol, of another workspace, gets a 404 for Acme's pages and API.
    const carolPage = await signIn(browser, carol);
    await createWorkspace(carolPage, "Globex", slug("globex"));
    const page = await carolPage.goto(`/${ws}/projects/checkout-v2`);
    expect(page?.status()).toBe(404);
    await expect(carolPage.getByRole("heading", { name: "Not found" })).toBeVisible();
    const api = await carolPage.request.get(`/api/v1/workspaces/${ws}/projects/checkout-v2`);
    expect(api.status()).toBe(404);
    expect((await api.json()).error.code).toBe("not_found");
  });

  test("sign-out ends the session", async ({ browser }) => {
    const dave = person("Dave");
    const page = await signIn(browser, dave);
    await createWorkspace(page, "Dave's team", slug("dave"));
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/signin");
    const me = await page.request.get("/api/v1/me");
    expect(me.status()).toBe(401);
    await page.goto(`/new`);
    await expect(page).toHaveURL(/\/signin/);
  });

  test("unknown API paths answer with the JSON 404 and a request id", async ({ request }) => {
    const res = await request.get("/api/x");
    expect(res.status()).toBe(404);
    const body = await res.json();
    expect(body.error.code).toBe("not_found");
    expect(body.error.requestId).toBe(res.headers()["x-request-id"]);
  });

  test("demo sign-in is not offered when SSO is configured", async ({ page, request }) => {
    await page.goto("/signin");
    await expect(page.getByRole("button", { name: /Continue with Acme SSO/ })).toBeVisible();
    await expect(page.getByText("Demo sign-in")).toHaveCount(0);
    const res = await request.post("/api/auth/demo", { form: { email: "olivia.owner@demo.readyroom.dev" } });
    expect(res.status()).toBe(404);
  });
});
