import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as startRoute from "@/app/api/auth/sso/route";
import * as callbackRoute from "@/app/api/auth/sso/oidc/callback/route";
import { rawDb } from "@/lib/db/client";
import { createConnection } from "@/lib/services/sso/connections";
import { createWorkspace, unique, verifyTestDomain, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";
import { startOidcProvider, type TestOidcProvider } from "@/test/harness/oidc-provider.mjs";
import { requestState } from "@/test/harness/request-state";
import { ssoStateCookieName } from "@/lib/sso/login";

/** Two workspaces, each with its own OpenID Connect provider: the work email picks the one. */
let idpA: TestOidcProvider;
let idpB: TestOidcProvider;
let a: TestWorkspace;
let b: TestWorkspace;
let domainA: string;
let domainB: string;

beforeAll(async () => {
  process.env.READYROOM_SSO_ALLOW_ADDRESSES = "127.0.0.1";
  [idpA, idpB] = await Promise.all([startOidcProvider(), startOidcProvider()]);
  a = await createWorkspace("sso-a");
  b = await createWorkspace("sso-b");
  domainA = `${unique("alpha")}.example`;
  domainB = `${unique("beta")}.example`;
  await verifyTestDomain(a, domainA);
  await verifyTestDomain(b, domainB);
  await createConnection({ ctx: { ...a.ctx, actor: { type: "user", userId: a.owner.id, email: a.owner.email } }, input: { protocol: "oidc", name: "Alpha IdP", issuer: idpA.issuer, clientId: "rr-a", clientSecret: "secret-a", domains: [domainA], defaultRole: "member", enabled: true } });
  await createConnection({ ctx: { ...b.ctx, actor: { type: "user", userId: b.owner.id, email: b.owner.email } }, input: { protocol: "oidc", name: "Beta IdP", issuer: idpB.issuer, clientId: "rr-b", clientSecret: "secret-b", domains: [domainB], defaultRole: "viewer", enabled: true } });
});
afterAll(async () => {
  delete process.env.READYROOM_SSO_ALLOW_ADDRESSES;
  await Promise.all([idpA.stop(), idpB.stop()]);
});
beforeEach(() => requestState.cookies.clear());

function start(email: string, callbackUrl = "/") {
  return callRoute(startRoute.POST, { method: "POST", as: null, url: "/api/auth/sso", rawBody: new URLSearchParams({ email, callbackUrl }).toString(), contentType: "application/x-www-form-urlencoded" });
}

/** The browser's trip: our start → the provider's authorize endpoint → back to our callback. */
async function signIn(email: string, callbackUrl = "/") {
  const started = await start(email, callbackUrl);
  expect(started.status).toBe(303);
  const authorize = new URL(started.headers.get("location")!);
  const atProvider = await fetch(authorize, { redirect: "manual" });
  const back = new URL(atProvider.headers.get("location")!);
  const done = await callRoute(callbackRoute.GET, { as: null, url: `${back.pathname}${back.search}` });
  return { started, authorize, done, location: done.headers.get("location") };
}

async function sessionsOf(email: string) {
  const db = await rawDb();
  return db.session.findMany({ where: { user: { email } } });
}

describe("Continue with SSO (OpenID Connect)", () => {
  it("sends each domain to its own workspace's provider with PKCE, state, nonce and the email as login_hint", async () => {
    const email = `ada@${domainA}`;
    const { started, authorize } = await signIn(email);
    expect(authorize.origin).toBe(idpA.issuer);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ client_id: "rr-a", login_hint: email, response_type: "code", code_challenge_method: "S256", redirect_uri: "http://localhost:3000/api/auth/sso/oidc/callback" });
    expect(authorize.searchParams.get("state")).toBeTruthy();
    expect(authorize.searchParams.get("nonce")).toBeTruthy();
    expect(started.headers.get("location")).not.toContain(idpB.issuer);
    const other = await start(`bob@${domainB}`);
    expect(new URL(other.headers.get("location")!).origin).toBe(idpB.issuer);
  });

  it("creates the person and their membership on the first sign-in, in that workspace only, with its default role", async () => {
    const email = `grace@${domainB}`;
    const { location } = await signIn(email);
    expect(location).toBe(`http://localhost:3000/${b.slug}`);
    const db = await rawDb();
    const user = await db.user.findUniqueOrThrow({ where: { email }, include: { memberships: true, accounts: true } });
    expect(user.memberships.map((m) => [m.workspaceId, m.role])).toEqual([[b.id, "viewer"]]);
    expect(user.accounts.map((x) => x.provider)).toEqual([expect.stringMatching(/^sso:/)]);
    const sessions = await sessionsOf(email);
    expect(sessions).toHaveLength(1);
    expect(requestState.cookies.get("readyroom.session")).toBe(sessions[0]!.sessionToken);
    expect(requestState.cookies.has(ssoStateCookieName())).toBe(false);
    expect(await b.ctx.db.auditEvent.count({ where: { action: "member.joined_by_sso", targetId: user.id } })).toBe(1);
    expect(await b.ctx.db.auditEvent.count({ where: { action: "sso.signed_in", actorUserId: user.id } })).toBe(1);
    expect(await a.ctx.db.membership.count({ where: { userId: user.id } })).toBe(0);

    // The second sign-in finds the same person by the provider's subject and keeps their role.
    await b.ctx.db.membership.updateMany({ where: { userId: user.id }, data: { role: "member" } });
    requestState.cookies.clear();
    expect((await signIn(email, "/somewhere?x=1")).location).toBe("http://localhost:3000/somewhere?x=1");
    expect((await b.ctx.db.membership.findFirstOrThrow({ where: { userId: user.id } })).role).toBe("member");
    expect(await db.user.count({ where: { email } })).toBe(1);
    expect(await b.ctx.db.auditEvent.count({ where: { action: "sso.signed_in", actorUserId: user.id } })).toBe(2);
  });

  it("links an existing account of the same address and adds the membership", async () => {
    const email = `existing-${unique("p")}@${domainA}`;
    const db = await rawDb();
    const existing = await db.user.create({ data: { email } });
    await signIn(email);
    expect((await a.ctx.db.membership.findFirstOrThrow({ where: { userId: existing.id } })).role).toBe("member");
  });

  it("refuses an address outside the connection's domains, one the provider marks unverified, and a replayed or missing state", async () => {
    const outsider = `mallory@${domainA}`;
    idpA.override(outsider, { email: `mallory@${domainB}` });
    const wrong = await signIn(outsider);
    expect(wrong.location).toContain("/signin?error=SsoWrongDomain");
    expect(await sessionsOf(`mallory@${domainB}`)).toHaveLength(0);
    const db = await rawDb();
    expect(await db.user.count({ where: { email: `mallory@${domainB}` } })).toBe(0);

    const unverified = `eve@${domainA}`;
    idpA.override(unverified, { email_verified: false });
    expect((await signIn(unverified)).location).toContain("/signin?error=AccessDenied");
    expect(await db.user.count({ where: { email: unverified } })).toBe(0);

    // The state cookie is good for one answer: replaying the callback fails.
    const first = await start(`replay@${domainA}`);
    const back = new URL((await fetch(first.headers.get("location")!, { redirect: "manual" })).headers.get("location")!);
    const saved = new Map(requestState.cookies);
    await callRoute(callbackRoute.GET, { as: null, url: `${back.pathname}${back.search}` });
    expect(await sessionsOf(`replay@${domainA}`)).toHaveLength(1);
    const replay = await callRoute(callbackRoute.GET, { as: null, url: `${back.pathname}${back.search}` });
    expect(replay.headers.get("location")).toContain("/signin?error=SsoExpired");
    // Even with the old cookie back, the provider's code cannot be used twice.
    requestState.cookies = saved;
    const reused = await callRoute(callbackRoute.GET, { as: null, url: `${back.pathname}${back.search}` });
    expect(reused.headers.get("location")).toContain("/signin?error=");
    expect(await sessionsOf(`replay@${domainA}`)).toHaveLength(1);

    // A state that does not match the cookie's is refused.
    requestState.cookies.clear();
    const other = await start(`forged@${domainA}`);
    const forgedBack = new URL((await fetch(other.headers.get("location")!, { redirect: "manual" })).headers.get("location")!);
    forgedBack.searchParams.set("state", "forged");
    expect((await callRoute(callbackRoute.GET, { as: null, url: `${forgedBack.pathname}${forgedBack.search}` })).headers.get("location")).toContain("/signin?error=SsoFailed");
    expect(await sessionsOf(`forged@${domainA}`)).toHaveLength(0);
  });

  it("says in place when no connection serves the domain, the email is not one, or the connection is disabled", async () => {
    expect((await start("someone@nowhere.example")).headers.get("location")).toBe("http://localhost:3000/signin?error=SsoNotConfigured&email=someone%40nowhere.example");
    expect((await start("not an email")).headers.get("location")).toContain("/signin?error=SsoInvalidEmail");
    await a.ctx.db.ssoConnection.updateMany({ data: { enabled: false } });
    try {
      expect((await start(`ada@${domainA}`)).headers.get("location")).toContain("error=SsoNotConfigured");
    } finally {
      await a.ctx.db.ssoConnection.updateMany({ data: { enabled: true } });
    }
  });

  it("refuses a sign-in started on another site", async () => {
    const r = await callRoute(startRoute.POST, { method: "POST", as: null, url: "/api/auth/sso", rawBody: `email=ada%40${domainA}`, contentType: "application/x-www-form-urlencoded", headers: { origin: "https://evil.example" } });
    expect(r.status).toBe(403);
  });
});
