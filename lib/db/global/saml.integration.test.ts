import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as startRoute from "@/app/api/auth/sso/route";
import * as acsRoute from "@/app/api/auth/sso/saml/[id]/acs/route";
import * as metadataRoute from "@/app/api/auth/sso/saml/[id]/metadata/route";
import * as connectionsRoute from "@/app/api/v1/workspaces/[ws]/sso-connections/route";
import { rawDb } from "@/lib/db/client";
import { as, createWorkspace, unique, verifyTestDomain, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";
import { requestState } from "@/test/harness/request-state";
import { createSamlIdp, OTHER_KEYS, readAuthnRequest, tamper, type TestSamlIdp } from "@/test/harness/saml-idp.mjs";

/** SAML 2.0 sign-in against a samlify identity provider: what it signs gets in, anything else does not. */
let idp: TestSamlIdp;
let ws: TestWorkspace;
let domain: string;
let connectionId: string;
let spMetadata: string;
let metadataServer: Server;
let metadataUrl: string;

beforeAll(async () => {
  process.env.READYROOM_SSO_ALLOW_ADDRESSES = "127.0.0.1";
  idp = createSamlIdp({ entityId: "https://idp.acme.test/saml", ssoUrl: "https://idp.acme.test/sso" });
  metadataServer = createServer((req, res) => res.writeHead(req.url === "/metadata" ? 200 : 404, { "content-type": "application/xml" }).end(req.url === "/metadata" ? idp.metadata : ""));
  await new Promise<void>((resolve) => metadataServer.listen(0, "127.0.0.1", resolve));
  metadataUrl = `http://127.0.0.1:${(metadataServer.address() as { port: number }).port}/metadata`;
  ws = await createWorkspace("saml");
  domain = `${unique("saml")}.example`;
  await verifyTestDomain(ws, domain);
  const created = await callRoute(connectionsRoute.POST, { method: "POST", as: as.user(ws.owner), params: { ws: ws.slug }, body: { protocol: "saml", name: "Entra", metadataXml: idp.metadata, domains: [domain], defaultRole: "member" } });
  expect(created.status).toBe(201);
  connectionId = created.body.id;
  expect(created.body.saml).toEqual({
    idpEntityId: "https://idp.acme.test/saml",
    idpSsoUrl: "https://idp.acme.test/sso",
    metadataUrl: null,
    certificates: 1,
    serviceProvider: { entityId: `http://localhost:3000/api/auth/sso/saml/${connectionId}/metadata`, acsUrl: `http://localhost:3000/api/auth/sso/saml/${connectionId}/acs`, metadataUrl: `http://localhost:3000/api/auth/sso/saml/${connectionId}/metadata` },
  });
  spMetadata = (await callRoute(metadataRoute.GET, { as: null, params: { id: connectionId } })).text;
});
afterAll(async () => {
  delete process.env.READYROOM_SSO_ALLOW_ADDRESSES;
  await new Promise((resolve) => metadataServer.close(resolve));
});
beforeEach(() => requestState.cookies.clear());

async function start(email: string, callbackUrl = "/") {
  const r = await callRoute(startRoute.POST, { method: "POST", as: null, url: "/api/auth/sso", rawBody: new URLSearchParams({ email, callbackUrl }).toString(), contentType: "application/x-www-form-urlencoded" });
  expect(r.status).toBe(303);
  const location = r.headers.get("location")!;
  return { location, request: readAuthnRequest(location), relayState: new URL(location).searchParams.get("RelayState") ?? "" };
}

function post(samlResponse: string, relayState = "/", id = connectionId) {
  return callRoute(acsRoute.POST, { method: "POST", as: null, params: { id }, url: `/api/auth/sso/saml/${id}/acs`, rawBody: new URLSearchParams({ SAMLResponse: samlResponse, RelayState: relayState }).toString(), contentType: "application/x-www-form-urlencoded", headers: { origin: "https://idp.acme.test" } });
}

async function userCount(email: string) {
  return (await rawDb()).user.count({ where: { email } });
}

describe("SAML sign-in", () => {
  it("publishes service-provider metadata that asks for signed assertions at this connection's ACS", async () => {
    const r = await callRoute(metadataRoute.GET, { as: null, params: { id: connectionId } });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("application/samlmetadata+xml");
    expect(r.text).toContain(`entityID="http://localhost:3000/api/auth/sso/saml/${connectionId}/metadata"`);
    expect(r.text).toContain('WantAssertionsSigned="true"');
    expect(r.text).toContain(`Location="http://localhost:3000/api/auth/sso/saml/${connectionId}/acs"`);
    expect((await callRoute(metadataRoute.GET, { as: null, params: { id: "c".padEnd(25, "0") } })).status).toBe(404);
  });

  it("signs a person in end to end: AuthnRequest to the IdP, signed response to the ACS, account and membership created", async () => {
    const email = `sam@${domain}`;
    const { location, request, relayState } = await start(email, "/welcome");
    expect(location.startsWith("https://idp.acme.test/sso?SAMLRequest=")).toBe(true);
    expect(request.issuer).toBe(`http://localhost:3000/api/auth/sso/saml/${connectionId}/metadata`);
    expect(request.acsUrl).toBe(`http://localhost:3000/api/auth/sso/saml/${connectionId}/acs`);
    const response = await idp.respond({ spMetadata, requestId: request.id, email });
    const done = await post(response, relayState);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("http://localhost:3000/welcome");
    const db = await rawDb();
    const user = await db.user.findUniqueOrThrow({ where: { email }, include: { memberships: true, accounts: true, sessions: true } });
    expect(user.memberships.map((m) => [m.workspaceId, m.role])).toEqual([[ws.id, "member"]]);
    expect(user.accounts).toEqual([expect.objectContaining({ provider: `sso:${connectionId}`, providerAccountId: email, type: "saml" })]);
    expect(user.sessions).toHaveLength(1);
    expect(await ws.ctx.db.auditEvent.count({ where: { action: "sso.signed_in", actorUserId: user.id } })).toBe(1);

    // The same response again is a replay: its request was answered.
    requestState.cookies.clear();
    const replay = await post(response, relayState);
    expect(replay.headers.get("location")).toContain("/signin?error=SsoFailed");
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("refuses a tampered assertion, one signed with another key, an unsolicited one, and one meant for another connection", async () => {
    const victim = `ceo@${domain}`;
    const attacker = `intern@${domain}`;

    const first = await start(attacker);
    const genuine = await idp.respond({ spMetadata, requestId: first.request.id, email: attacker });
    const tampered = tamper(genuine, attacker, victim);
    expect((await post(tampered)).headers.get("location")).toContain("/signin?error=SsoFailed");
    // A request is answered once, even by a refused response; an untouched response to a new one is accepted.
    expect((await post(genuine)).headers.get("location")).toContain("/signin?error=SsoFailed");
    const again = await start(attacker);
    expect((await post(await idp.respond({ spMetadata, requestId: again.request.id, email: attacker }))).headers.get("location")).toBe(`http://localhost:3000/${ws.slug}`);
    expect(await userCount(attacker)).toBe(1);

    const second = await start(victim);
    const forged = await idp.respond({ spMetadata, requestId: second.request.id, email: victim, keys: OTHER_KEYS });
    expect((await post(forged)).headers.get("location")).toContain("/signin?error=SsoFailed");

    const unsolicited = await idp.respond({ spMetadata, requestId: "_never-sent", email: victim });
    expect((await post(unsolicited)).headers.get("location")).toContain("/signin?error=SsoFailed");

    // A second SAML connection of another workspace, with the same IdP: a response for one is not accepted by the other.
    const other = await createWorkspace("saml-other");
    const otherDomain = `${unique("other")}.example`;
    await verifyTestDomain(other, otherDomain);
    const otherConnection = await callRoute(connectionsRoute.POST, { method: "POST", as: as.user(other.owner), params: { ws: other.slug }, body: { protocol: "saml", name: "Shared IdP", metadataXml: idp.metadata, domains: [otherDomain] } });
    const third = await start(victim);
    const forThis = await idp.respond({ spMetadata, requestId: third.request.id, email: victim });
    expect((await post(forThis, "/", otherConnection.body.id)).headers.get("location")).toContain("/signin?error=SsoFailed");

    expect(await userCount(victim)).toBe(0);
    expect(await other.ctx.db.membership.count()).toBe(4);
  });

  it("refuses an address outside the connection's domains even when the IdP signs it", async () => {
    const { request } = await start(`sly@${domain}`);
    const response = await idp.respond({ spMetadata, requestId: request.id, email: "sly@elsewhere.example" });
    expect((await post(response)).headers.get("location")).toContain("/signin?error=SsoWrongDomain");
    expect(await userCount("sly@elsewhere.example")).toBe(0);
  });

  it("reads metadata from a URL through the outbound guard, and says what is wrong with unusable metadata (422)", async () => {
    const second = `${unique("url")}.example`;
    await verifyTestDomain(ws, second);
    const byUrl = await callRoute(connectionsRoute.POST, { method: "POST", as: as.user(ws.owner), params: { ws: ws.slug }, body: { protocol: "saml", name: "By URL", metadataUrl, domains: [second] } });
    expect(byUrl.status).toBe(201);
    expect(byUrl.body.saml).toMatchObject({ idpEntityId: "https://idp.acme.test/saml", metadataUrl });
    const bad = async (body: Record<string, unknown>) => {
      const r = await callRoute(connectionsRoute.POST, { method: "POST", as: as.user(ws.owner), params: { ws: ws.slug }, body: { protocol: "saml", name: "Bad", domains: [`${unique("bad")}.example`], ...body } });
      return r;
    };
    const third = `${unique("third")}.example`;
    await verifyTestDomain(ws, third);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ metadataXml: "<not xml" }, "metadataXml", /not well-formed XML/],
      [{ metadataXml: "<EntityDescriptor xmlns='urn:oasis:names:tc:SAML:2.0:metadata' entityID='x'/>" }, "metadataXml", /no EntityDescriptor with an IDPSSODescriptor/],
      [{ metadataXml: idp.metadata.replace(/<ds:X509Certificate>[^<]+<\/ds:X509Certificate>/g, "") }, "metadataXml", /no signing certificate/],
      [{ metadataUrl: metadataUrl.replace("/metadata", "/missing") }, "metadataUrl", /answered 404/],
      [{ metadataXml: idp.metadata, metadataUrl }, "metadataXml", /one of them/],
      [{}, "metadataXml", /one of them/],
    ];
    for (const [body, path, message] of cases) {
      const r = await bad({ ...body, domains: [third] });
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(r.body.error.details[0].path).toBe(path);
      expect(r.body.error.details[0].message).toMatch(message);
    }
    delete process.env.READYROOM_SSO_ALLOW_ADDRESSES;
    try {
      const refused = await bad({ metadataUrl, domains: [third] });
      expect(refused.body.error.details[0].message).toBe("refused: 127.0.0.1 is a loopback address");
    } finally {
      process.env.READYROOM_SSO_ALLOW_ADDRESSES = "127.0.0.1";
    }
  });
});
