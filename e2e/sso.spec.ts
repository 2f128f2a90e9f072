import { randomBytes } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { COMPANY_ISSUERS, createWorkspace, expect, nextSamlResponse, person, publishTxt, SAML_METADATA_URL, signIn, slug, test, watchCsp } from "./fixtures";

/** Enterprise sign-in (issue 10): domains proved by DNS, each workspace's own identity provider. */

const newDomain = (name: string) => `${name}-${randomBytes(3).toString("hex")}.example`;

/** Adds a domain on the Single sign-on page, publishes its TXT record and verifies it. */
async function verifyDomain(page: Page, ws: string, domain: string) {
  await page.goto(`/${ws}/settings/sso`);
  await page.getByLabel("Email domain").fill(domain);
  await page.getByRole("button", { name: "Add domain" }).click();
  const row = page.getByTestId(`domain-${domain}`);
  const name = (await row.locator("dd").nth(0).textContent())!.trim();
  const value = (await row.locator("dd").nth(2).textContent())!.trim();
  await publishTxt(name, [value]);
  await row.getByRole("button", { name: "Verify" }).click();
  await expect(row.getByText("Verified", { exact: true })).toBeVisible();
}

async function addIdentityProvider(page: Page, input: { name: string; issuer: string; domain: string; role: "Viewer" | "Member" | "Admin" }) {
  await page.getByRole("button", { name: "Add identity provider" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(input.name);
  await dialog.getByLabel("Issuer URL").fill(input.issuer);
  await dialog.getByLabel("Client ID").fill(`readyroom-${input.name.toLowerCase()}`);
  await dialog.getByLabel("Client secret").fill("e2e-secret");
  await dialog.getByLabel(input.domain).check();
  await dialog.getByLabel("Role on first sign-in").selectOption(input.role.toLowerCase());
  await dialog.getByRole("button", { name: "Add provider" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(`connection-${input.name}`)).toContainText(input.domain);
}

/** "Continue with SSO" with a work email, in a fresh browser. */
async function continueWithSso(browser: Browser, email: string): Promise<Page> {
  const page = await watchCsp(await browser.newContext()).newPage();
  await page.goto("/signin");
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Continue with SSO" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin") && !url.pathname.startsWith("/api/auth"));
  return page;
}

test("an owner proves a domain by DNS; until then it is pending, and afterwards no other workspace can claim it", async ({ browser }) => {
  const domain = newDomain("acme");
  const page = await signIn(browser, person("Olga"));
  const ws = slug("sso");
  await createWorkspace(page, "Acme", ws);
  await page.getByRole("link", { name: "Single sign-on" }).click();
  await expect(page.getByRole("heading", { name: "Single sign-on", exact: true })).toBeVisible();
  await expect(page.getByText("No domains yet")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add identity provider" })).toBeDisabled();

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

test("two workspaces, each with its own OpenID Connect provider: a person of each domain lands in their workspace and only there", async ({ browser }) => {
  const alpha = newDomain("alpha");
  const beta = newDomain("beta");
  const [issuerA, issuerB] = COMPANY_ISSUERS as [string, string];

  const ownerA = await signIn(browser, person("Aino"));
  const wsA = slug("alpha");
  await createWorkspace(ownerA, "Alpha Corp", wsA);
  await verifyDomain(ownerA, wsA, alpha);
  // A domain only claimed cannot be bound to a provider: the form offers verified ones, the API refuses the rest.
  const pending = newDomain("pending");
  await ownerA.getByLabel("Email domain").fill(pending);
  await ownerA.getByRole("button", { name: "Add domain" }).click();
  await expect(ownerA.getByTestId(`domain-${pending}`)).toContainText("Pending verification");
  await expect(ownerA.getByText("For an OpenID Connect provider")).toBeVisible();
  await expect(ownerA.locator("dd", { hasText: "/api/auth/sso/oidc/callback" })).toBeVisible();
  await addIdentityProvider(ownerA, { name: "AlphaOkta", issuer: issuerA, domain: alpha, role: "Member" });
  const refused = await ownerA.request.post(`/api/v1/workspaces/${wsA}/sso-connections`, {
    data: { protocol: "oidc", name: "Sneaky", issuer: issuerA, clientId: "x", clientSecret: "y", domains: [pending] },
  });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).error.details).toEqual([{ path: "domains.0", message: `${pending} is not verified by this workspace` }]);
  await ownerA.screenshot({ path: test.info().outputPath("sso-settings.png"), fullPage: true });

  const ownerB = await signIn(browser, person("Bruno"));
  const wsB = slug("beta");
  await createWorkspace(ownerB, "Beta Inc", wsB);
  await verifyDomain(ownerB, wsB, beta);
  await addIdentityProvider(ownerB, { name: "BetaEntra", issuer: issuerB, domain: beta, role: "Viewer" });

  const ana = await continueWithSso(browser, `ana@${alpha}`);
  expect(new URL(ana.url()).pathname).toBe(`/${wsA}`);
  await expect(ana.getByRole("button", { name: /Switch workspace, current: Alpha Corp member/i })).toBeVisible();
  expect((await ana.goto(`/${wsB}`))!.status()).toBe(404);
  const anaWorkspaces = (await (await ana.request.get("/api/v1/workspaces")).json()) as { data: { slug: string; role: string }[] };
  expect(anaWorkspaces.data).toEqual([expect.objectContaining({ slug: wsA, role: "member" })]);

  const ben = await continueWithSso(browser, `ben@${beta}`);
  expect(new URL(ben.url()).pathname).toBe(`/${wsB}`);
  const benWorkspaces = (await (await ben.request.get("/api/v1/workspaces")).json()) as { data: { slug: string; role: string }[] };
  expect(benWorkspaces.data).toEqual([expect.objectContaining({ slug: wsB, role: "viewer" })]);
  expect((await ben.goto(`/${wsA}`))!.status()).toBe(404);

  // A domain nobody connected is told so in place, with the address kept.
  const stranger = await watchCsp(await browser.newContext()).newPage();
  await stranger.goto("/signin");
  await stranger.getByLabel("Work email").fill(`carl@${newDomain("nobody")}`);
  await stranger.getByRole("button", { name: "Continue with SSO" }).click();
  await expect(stranger.getByRole("alert")).toContainText("No single sign-on is set up for this email domain.");
  await expect(stranger.getByLabel("Work email")).toHaveValue(/^carl@/);
  await stranger.screenshot({ path: test.info().outputPath("signin-sso-error.png"), fullPage: true });

  await ownerA.goto(`/${wsA}/settings/audit-log`);
  await expect(ownerA.getByRole("cell", { name: "member.joined_by_sso", exact: true })).toBeVisible();
  await expect(ownerA.getByRole("cell", { name: "sso.signed_in", exact: true })).toBeVisible();
});

test("SAML 2.0 end to end: a signed assertion from the company's IdP signs a person in, a tampered one is refused", async ({ browser }) => {
  const domain = newDomain("gamma");
  const owner = await signIn(browser, person("Gita"));
  const ws = slug("gamma");
  await createWorkspace(owner, "Gamma GmbH", ws);
  await verifyDomain(owner, ws, domain);
  await owner.getByRole("button", { name: "Add identity provider" }).click();
  const dialog = owner.getByRole("dialog");
  await dialog.getByLabel("SAML 2.0").check();
  await dialog.getByLabel("Name").fill("GammaEntra");
  await dialog.getByLabel("Metadata URL").fill(SAML_METADATA_URL);
  await dialog.getByLabel(domain).check();
  await dialog.getByRole("button", { name: "Add provider" }).click();
  await expect(dialog).toBeHidden();
  const connection = owner.getByTestId("connection-GammaEntra");
  await expect(connection).toContainText("SAML 2.0");
  await expect(connection).toContainText("1 signing certificate");
  await expect(connection.locator("dd", { hasText: /\/api\/auth\/sso\/saml\/[a-z0-9]+\/acs$/ })).toBeVisible();
  await owner.screenshot({ path: test.info().outputPath("sso-saml-connection.png"), fullPage: true });

  const email = `gus@${domain}`;
  await nextSamlResponse(email);
  const gus = await continueWithSso(browser, email);
  expect(new URL(gus.url()).pathname).toBe(`/${ws}`);
  await expect(gus.getByText(email).first()).toBeVisible();

  // The IdP signs an assertion for an intern; someone changes the address to the CEO's on the way.
  await nextSamlResponse(`intern@${domain}`, { from: `intern@${domain}`, to: `ceo@${domain}` });
  const mallory = await watchCsp(await browser.newContext()).newPage();
  await mallory.goto("/signin");
  await mallory.getByLabel("Work email").fill(`intern@${domain}`);
  await mallory.getByRole("button", { name: "Continue with SSO" }).click();
  await mallory.waitForURL(/\/signin\?error=SsoFailed/);
  await expect(mallory.getByRole("alert").filter({ hasText: "Your identity provider's answer could not be accepted." })).toBeVisible();
  const members = (await (await owner.request.get(`/api/v1/workspaces/${ws}/members`)).json()) as { data: { email: string }[] };
  expect(members.data.map((m) => m.email)).not.toContain(`ceo@${domain}`);
  expect(members.data.map((m) => m.email)).toContain(email);
});

test("required SSO: another sign-in method refuses the domain's people and sends them to their IdP; owners get through (break-glass)", async ({ browser }) => {
  const domain = newDomain("delta");
  const [, issuerB] = COMPANY_ISSUERS as [string, string];
  const olaf = { email: `olaf@${domain}`, name: "Olaf Owner" };
  const owner = await signIn(browser, olaf);
  const ws = slug("delta");
  await createWorkspace(owner, "Delta AB", ws);
  await verifyDomain(owner, ws, domain);
  await addIdentityProvider(owner, { name: "DeltaOkta", issuer: issuerB, domain, role: "Member" });
  await owner.getByRole("button", { name: "Require SSO" }).click();
  const confirm = owner.getByRole("dialog");
  await expect(confirm).toContainText(`Members with an address at ${domain} are signed out now`);
  await confirm.getByRole("button", { name: "Require SSO" }).click();
  await expect(owner.getByText("Required", { exact: true })).toBeVisible();
  await owner.screenshot({ path: test.info().outputPath("sso-required.png"), fullPage: true });

  // Dana tries the deployment's sign-in button: refused, and pointed at SSO with her address filled in.
  const dana = { email: `dana@${domain}`, name: "Dana" };
  await fetch(`http://127.0.0.1:${Number(process.env.OIDC_PORT ?? 9400) + 1}/identity`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(dana) });
  const page = await watchCsp(await browser.newContext()).newPage();
  await page.goto("/signin");
  await page.getByRole("button", { name: /Continue with Acme SSO/ }).click();
  await page.waitForURL(/\/signin\?error=SsoRequired/);
  await expect(page.getByRole("alert").filter({ hasText: "Your company requires you to sign in with its single sign-on." })).toBeVisible();
  await expect(page.getByLabel("Work email")).toHaveValue(dana.email);
  await page.getByRole("button", { name: "Continue with SSO" }).click();
  await page.waitForURL(`**/${ws}`);

  // The owner signs in with the deployment's button anyway, and it is on record.
  const again = await signIn(browser, olaf);
  await again.goto(`/${ws}/settings/audit-log`);
  await expect(again.getByRole("cell", { name: "sso.break_glass_sign_in", exact: true })).toBeVisible();
  await expect(again.getByRole("cell", { name: "sso.enforcement_enabled", exact: true })).toBeVisible();
});

test("SCIM: the IdP provisions a person, who signs in with SSO; deactivated by the IdP, their open session stops working", async ({ browser, baseURL }) => {
  const domain = newDomain("epsilon");
  const [issuerA] = COMPANY_ISSUERS as [string, string];
  const owner = await signIn(browser, person("Esko"));
  const ws = slug("epsilon");
  await createWorkspace(owner, "Epsilon Oy", ws);
  await verifyDomain(owner, ws, domain);
  await addIdentityProvider(owner, { name: "EpsilonEntra", issuer: issuerA, domain, role: "Viewer" });
  await owner.getByLabel("Token name").fill("Entra provisioning");
  await owner.getByRole("button", { name: "Create SCIM token" }).click();
  const token = (await owner.getByTestId("scim-token").textContent())!.trim();
  expect(token).toMatch(/^rrscim_/);

  const scim = (path: string, init: RequestInit = {}) => fetch(`${baseURL}/api/scim/v2${path}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/scim+json", ...init.headers } });
  const email = `eva@${domain}`;
  const created = await scim("/Users", { method: "POST", body: JSON.stringify({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: email, externalId: "entra-eva", active: true, name: { givenName: "Eva", familyName: "Epsilon" } }) });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const group = await scim("/Groups", { method: "POST", body: JSON.stringify({ displayName: "Readyroom members", members: [{ value: id }] }) });
  expect(group.status).toBe(201);
  await owner.reload();
  await owner.getByRole("combobox", { name: "Role for Readyroom members" }).selectOption("member");
  await expect(owner.getByRole("combobox", { name: "Role for Readyroom members" })).toHaveValue("member");
  await owner.screenshot({ path: test.info().outputPath("sso-scim.png"), fullPage: true });

  const eva = await continueWithSso(browser, email);
  expect(new URL(eva.url()).pathname).toBe(`/${ws}`);
  await expect(eva.getByRole("button", { name: /Switch workspace, current: Epsilon Oy member/i })).toBeVisible();

  const off = await scim(`/Users/${id}`, { method: "PATCH", body: JSON.stringify({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "Replace", path: "active", value: "False" }] }) });
  expect(off.status).toBe(200);
  await eva.reload();
  await eva.waitForURL(/\/signin/);
  expect((await eva.request.get("/api/v1/me")).status()).toBe(401);
  // Signing in again through the IdP does not bring her back while provisioning says she is inactive.
  await eva.getByLabel("Work email").fill(email);
  await eva.getByRole("button", { name: "Continue with SSO" }).click();
  await eva.waitForURL(/\/signin\?error=AccessDenied/);
  const members = (await (await owner.request.get(`/api/v1/workspaces/${ws}/members`)).json()) as { data: { email: string }[] };
  expect(members.data.map((m) => m.email)).not.toContain(email);
});
