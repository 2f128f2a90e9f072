import { observatoryScore } from "@/lib/http/observatory";
import { createWorkspace, expect, person, signIn, slug, test } from "./fixtures";

/**
 * The headers of proxy.ts on the production build (docs/decisions/0013-security-headers.md),
 * read from real responses of the app, the API, the public pages and the embed,
 * and the app under its CSP in Chromium: every test's pages are also watched
 * for CSP refusals by the fixture in e2e/fixtures.ts.
 */
const BASE_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "cross-origin-opener-policy": "same-origin",
  "strict-transport-security": "max-age=63072000; includeSubDomains",
};

function nonceOf(csp: string | null): string {
  const match = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp ?? "");
  expect(match, `a nonce in ${csp}`).not.toBeNull();
  return match![1]!;
}

test("pages, the API, the public surfaces, the embed and static files carry the security headers", async ({ browser, baseURL }) => {
  const page = await signIn(browser, person("Sol"));
  const ws = slug("hdr");
  await createWorkspace(page, "Header checks", ws);
  expect((await page.request.post(`/api/v1/workspaces/${ws}/projects`, { data: { slug: "web", name: "Web", keyPrefix: "WEB" } })).status()).toBe(201);
  const publicSlug = slug("hdr");
  const show = { decision: true, recommendation: true, phases: true, severityCounts: true, criteria: false, itemTitles: false };
  expect((await page.request.put(`/api/v1/workspaces/${ws}/projects/web/public-status`, { data: { enabled: true, slug: publicSlug, show, embedOrigins: ["https://intranet.example.com"] } })).status()).toBe(200);

  const get = (path: string) => fetch(`${baseURL}${path}`, { redirect: "manual" });
  const signin = await get("/signin");
  const html = await signin.text();
  const staticScript = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(staticScript, "a Next chunk on the sign-in page").toBeTruthy();

  const responses: Record<string, Response> = {
    "sign-in page": signin,
    "API reference page": await get("/docs/api"),
    "not-found page": await get("/no-such-page"),
    "API": await get("/api/v1/me"),
    "OpenAPI document": await get("/api/v1/openapi.json"),
    "health": await get("/api/health"),
    "public status page": await get(`/status/${publicSlug}`),
    "embed": await get(`/embed/${publicSlug}`),
    "badge": await get(`/badge/${publicSlug}.svg`),
    "public JSON": await get(`/api/public/v1/status/${publicSlug}/summary.json`),
    "static script": await get(staticScript!),
  };
  for (const [name, response] of Object.entries(responses)) {
    for (const [header, value] of Object.entries(BASE_HEADERS)) expect(response.headers.get(header), `${name}: ${header}`).toBe(value);
    expect(response.headers.get("permissions-policy"), name).toContain("camera=()");
    expect(response.headers.get("content-security-policy"), name).toBeTruthy();
  }

  // Pages: scripts only with this response's nonce; nothing may frame them.
  const csp = signin.headers.get("content-security-policy")!;
  expect(csp).toContain("'strict-dynamic'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(/script-src[^;]*'unsafe-inline'/.test(csp)).toBe(false);
  const nonce = nonceOf(csp);
  const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  for (const attributes of scripts) {
    expect(attributes, "every script carries the nonce").toContain(`nonce="${nonce}"`);
    const src = /src="([^"]+)"/.exec(attributes)?.[1];
    if (src) expect(src.startsWith("/"), `script ${src} from this origin`).toBe(true);
  }
  expect(nonceOf((await get("/signin")).headers.get("content-security-policy"))).not.toBe(nonce);

  // The API answers data and allows nothing else.
  expect(responses["API"]!.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(responses["API"]!.headers.get("x-frame-options")).toBe("DENY");
  // Public surfaces keep their own policies: only the embed may be framed, and only by its listed origins.
  expect(responses["embed"]!.headers.get("content-security-policy")).toContain("frame-ancestors https://intranet.example.com");
  expect(responses["embed"]!.headers.get("x-frame-options")).toBeNull();
  for (const name of ["public status page", "badge", "public JSON"]) expect(responses[name]!.headers.get("content-security-policy"), name).toContain("frame-ancestors 'none'");

  // The MDN HTTP Observatory's score of the real answers (lib/http/observatory.ts), served over TLS as deployed.
  const bodies: Record<string, string | undefined> = { "sign-in page": html, "public status page": await responses["public status page"]!.text() };
  for (const name of ["sign-in page", "API", "public status page"]) {
    const report = observatoryScore({ headers: responses[name]!.headers, html: bodies[name], https: true, redirectsToHttps: true, host: "readyroom.example" });
    expect(report.score, `${name}: ${JSON.stringify(report.tests)}`).toBeGreaterThanOrEqual(100);
  }
});

test("the app works under its policy: pages hydrate and run their scripts with no CSP refusal", async ({ browser }) => {
  const page = await signIn(browser, person("Noor"));
  const ws = slug("csp");
  await createWorkspace(page, "Policy checks", ws);
  expect((await page.request.post(`/api/v1/workspaces/${ws}/projects`, { data: { slug: "web", name: "Web", keyPrefix: "WEB" } })).status()).toBe(201);
  expect((await page.request.post(`/api/v1/workspaces/${ws}/projects/web/items`, { data: { title: "Rotate the signing keys", severity: "high" } })).status()).toBe(201);

  for (const path of [`/${ws}`, `/${ws}/projects/web`, `/${ws}/projects/web/register`, `/${ws}/projects/web/board`, `/${ws}/projects/web/items/WEB-1`, `/${ws}/projects/web/phases`, `/${ws}/projects/web/gates`, `/${ws}/projects/web/batches`, `/${ws}/projects/web/import`, `/${ws}/projects/web/settings`, `/${ws}/risks`, `/${ws}/settings`, `/${ws}/settings/audit-log`, "/docs/api"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await page.waitForLoadState("networkidle");
  }
  // A client-side interaction: the register's search runs in React, so its scripts were allowed to run.
  await page.goto(`/${ws}/projects/web/register`);
  const row = page.getByRole("row", { name: /Rotate the signing keys/ });
  await expect(row).toBeVisible();
  await page.getByLabel("Search titles and descriptions").fill("nothing matches this");
  await expect(row).toHaveCount(0);
});
