import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as connectionsRoute from "@/app/api/v1/workspaces/[ws]/sso-connections/route";
import * as connectionRoute from "@/app/api/v1/workspaces/[ws]/sso-connections/[id]/route";
import * as domainRoute from "@/app/api/v1/workspaces/[ws]/domains/[id]/route";
import { unseal } from "@/lib/auth/encryption";
import { as, createTestApiKey, createWorkspace, unique, verifyTestDomain, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";
import { startOidcProvider, type TestOidcProvider } from "@/test/harness/oidc-provider.mjs";

let idp: TestOidcProvider;
let ws: TestWorkspace;
let domain: string;

beforeAll(async () => {
  process.env.READYROOM_SSO_ALLOW_ADDRESSES = "127.0.0.1";
  idp = await startOidcProvider();
  ws = await createWorkspace("conn");
  domain = `${unique("conn")}.example`;
  await verifyTestDomain(ws, domain);
});
afterAll(async () => {
  delete process.env.READYROOM_SSO_ALLOW_ADDRESSES;
  await idp.stop();
});

const oidc = (extra: Record<string, unknown> = {}) => ({ protocol: "oidc", name: "Okta", issuer: `${idp.issuer}/`, clientId: "readyroom", clientSecret: "s3cret-value", domains: [domain], ...extra });
const create = (body: unknown, w: TestWorkspace = ws) => callRoute(connectionsRoute.POST, { method: "POST", as: as.user(w.members.admin), params: { ws: w.slug }, body });
const patch = (id: string, body: unknown) => callRoute(connectionRoute.PATCH, { method: "PATCH", as: as.user(ws.owner), params: { ws: ws.slug, id }, body });

describe("SSO connections", () => {
  it("creates an OpenID Connect connection after reading the issuer's discovery document, keeps the secret sealed and never shows it", async () => {
    const r = await create(oidc({ defaultRole: "viewer" }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ protocol: "oidc", name: "Okta", enabled: true, domains: [domain], defaultRole: "viewer", oidc: { issuer: idp.issuer, clientId: "readyroom", clientSecretSet: true } });
    expect(r.text).not.toContain("s3cret-value");
    const row = await ws.ctx.db.ssoConnection.findFirstOrThrow({ where: { id: r.body.id } });
    expect(row.oidcClientSecret).not.toContain("s3cret");
    expect(unseal("sso-client-secret", row.oidcClientSecret!)).toBe("s3cret-value");
    const audit = await ws.ctx.db.auditEvent.findFirstOrThrow({ where: { action: "sso_connection.created", targetId: r.body.id } });
    expect(JSON.stringify(audit)).not.toContain("s3cret-value");
    expect(audit.metadata).toMatchObject({ issuer: idp.issuer, domains: [domain], defaultRole: "viewer" });
    const list = await callRoute(connectionsRoute.GET, { as: as.user(ws.owner), params: { ws: ws.slug } });
    expect(list.body.data.map((c: { id: string }) => c.id)).toEqual([r.body.id]);
    expect(list.text).not.toContain("s3cret-value");

    // A domain belongs to one connection.
    const twice = await create(oidc({ name: "Second" }));
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe(`${domain} already signs in through “Okta”. A domain belongs to one connection.`);
    await callRoute(connectionRoute.DELETE, { method: "DELETE", as: as.user(ws.owner), params: { ws: ws.slug, id: r.body.id } });
    expect(await ws.ctx.db.auditEvent.count({ where: { action: "sso_connection.deleted", targetId: r.body.id } })).toBe(1);
  });

  it("refuses a domain the workspace has not verified, or only claimed (422 naming it)", async () => {
    const pending = `${unique("pending")}.example`;
    await ws.ctx.db.workspaceDomain.create({ data: { workspaceId: ws.id, domain: pending, token: "t" } });
    const r = await create(oidc({ domains: [domain, pending] }));
    expect(r.status).toBe(422);
    expect(r.body.error.details).toEqual([{ path: "domains.1", message: `${pending} is not verified by this workspace` }]);
    const elsewhere = await createWorkspace("conn-else");
    const theirs = await create(oidc(), elsewhere);
    expect(theirs.status).toBe(422);
    expect(await elsewhere.ctx.db.ssoConnection.count()).toBe(0);
  });

  it("refuses an issuer whose discovery document cannot be read, and a private address the outbound guard refuses", async () => {
    const r = await create(oidc({ issuer: `${idp.issuer}/nowhere` }));
    expect(r.status).toBe(422);
    expect(r.body.error.details[0]).toMatchObject({ path: "issuer" });
    delete process.env.READYROOM_SSO_ALLOW_ADDRESSES;
    try {
      const refused = await create(oidc());
      expect(refused.status).toBe(422);
      expect(refused.body.error.details[0].message).toBe("refused: 127.0.0.1 is a loopback address");
    } finally {
      process.env.READYROOM_SSO_ALLOW_ADDRESSES = "127.0.0.1";
    }
    for (const bad of [{ issuer: "ftp://idp.example" }, { clientId: "" }, { domains: [] }, { defaultRole: "owner" }, { protocol: "ldap" }]) {
      expect((await create(oidc(bad))).status, JSON.stringify(bad)).toBe(422);
    }
    expect(await ws.ctx.db.ssoConnection.count()).toBe(0);
  });

  it("changes a connection (a new secret is checked and replaced, never echoed) and disables it", async () => {
    const { body } = await create(oidc());
    const renamed = await patch(body.id, { name: "Okta (prod)", defaultRole: "admin", clientSecret: "rotated-secret" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "Okta (prod)", defaultRole: "admin" });
    const row = await ws.ctx.db.ssoConnection.findFirstOrThrow({ where: { id: body.id } });
    expect(unseal("sso-client-secret", row.oidcClientSecret!)).toBe("rotated-secret");
    const audit = await ws.ctx.db.auditEvent.findFirstOrThrow({ where: { action: "sso_connection.updated", targetId: body.id } });
    expect(audit.metadata).toMatchObject({ clientSecretReplaced: true, changes: { name: { from: "Okta", to: "Okta (prod)" }, defaultRole: { from: "member", to: "admin" } } });
    expect(JSON.stringify(audit)).not.toContain("rotated-secret");
    expect((await patch(body.id, { enabled: false })).body.enabled).toBe(false);
    expect((await patch(body.id, { issuer: `${idp.issuer}/nowhere` })).status).toBe(422);
    expect((await ws.ctx.db.ssoConnection.findFirstOrThrow({ where: { id: body.id } })).oidcIssuer).toBe(idp.issuer);
    expect((await patch(body.id, {})).status).toBe(422);
    await callRoute(connectionRoute.DELETE, { method: "DELETE", as: as.user(ws.owner), params: { ws: ws.slug, id: body.id } });
  });

  it("unbinds a removed domain from its connection", async () => {
    const second = `${unique("second")}.example`;
    const row = await verifyTestDomain(ws, second);
    const { body } = await create(oidc({ domains: [domain, second] }));
    expect((await callRoute(domainRoute.DELETE, { method: "DELETE", as: as.user(ws.owner), params: { ws: ws.slug, id: row.id } })).status).toBe(204);
    expect((await ws.ctx.db.ssoConnection.findFirstOrThrow({ where: { id: body.id } })).domains).toEqual([domain]);
    expect((await ws.ctx.db.auditEvent.findFirstOrThrow({ where: { action: "domain.removed", targetId: row.id } })).metadata).toMatchObject({ unboundFrom: ["Okta"] });
    await callRoute(connectionRoute.DELETE, { method: "DELETE", as: as.user(ws.owner), params: { ws: ws.slug, id: body.id } });
  });

  it("is for owners and admins in person", async () => {
    expect((await callRoute(connectionsRoute.POST, { method: "POST", as: as.user(ws.members.member), params: { ws: ws.slug }, body: oidc() })).status).toBe(403);
    const key = await createTestApiKey(ws, "admin");
    expect((await callRoute(connectionsRoute.POST, { method: "POST", as: as.apiKey(key.key), params: { ws: ws.slug }, body: oidc() })).status).toBe(403);
  });
});
