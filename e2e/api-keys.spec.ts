import { createWorkspace, expect, person, signIn, slug, test } from "./fixtures";

/** An admin makes a key for CI in settings, a script uses it, and once revoked it stops working. */
test("an admin creates an API key, a script uses it with fetch, and after revoking it the next call is 401", async ({ browser, baseURL }) => {
  const page = await signIn(browser, person("Ada"));
  const ws = slug("keys");
  await createWorkspace(page, "Key Holders", ws);
  await page.goto(`/${ws}/settings/api-keys`);
  await expect(page.getByText("No API keys")).toBeVisible();

  await page.getByLabel("Name").fill("GitHub Actions");
  await page.getByLabel("Role").selectOption("write");
  await page.getByLabel("Requests / minute").fill("50");
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("api-key-secret").textContent())!.trim();
  expect(secret).toMatch(/^rr_/);
  const row = page.getByRole("row", { name: /GitHub Actions/ });
  await expect(row).toContainText("50 / min");
  await expect(row).toContainText("Never");

  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${baseURL}/api/v1/workspaces/${ws}${path}`, { ...init, headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", ...init.headers } });
  const created = await call("/projects", { method: "POST", body: JSON.stringify({ slug: "from-ci", name: "From CI", keyPrefix: "CI" }), headers: { "idempotency-key": "e2e-create-from-ci" } });
  expect(created.status).toBe(201);
  const replayed = await call("/projects", { method: "POST", body: JSON.stringify({ slug: "from-ci", name: "From CI", keyPrefix: "CI" }), headers: { "idempotency-key": "e2e-create-from-ci" } });
  expect(replayed.status).toBe(201);
  expect(replayed.headers.get("idempotent-replayed")).toBe("true");
  const listed = await call("/projects");
  expect(listed.status).toBe(200);
  expect(listed.headers.get("x-ratelimit-limit")).toBe("50");
  expect(Number(listed.headers.get("x-ratelimit-remaining"))).toBe(47);
  expect(((await listed.json()) as { data: { slug: string }[] }).data.map((p) => p.slug)).toContain("from-ci");

  await page.reload();
  await expect(row).not.toContainText("Never");
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row.getByText("Revoked")).toBeVisible();

  const refused = await call("/projects");
  expect(refused.status).toBe(401);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
});
