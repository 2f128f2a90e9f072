import { beforeAll, describe, expect, it } from "vitest";
import * as usersRoute from "@/app/api/scim/v2/Users/route";
import * as userRoute from "@/app/api/scim/v2/Users/[id]/route";
import * as groupsRoute from "@/app/api/scim/v2/Groups/route";
import * as groupRoute from "@/app/api/scim/v2/Groups/[id]/route";
import * as configRoute from "@/app/api/scim/v2/ServiceProviderConfig/route";
import * as typesRoute from "@/app/api/scim/v2/ResourceTypes/route";
import * as schemasRoute from "@/app/api/scim/v2/Schemas/route";
import * as tokensRoute from "@/app/api/v1/workspaces/[ws]/scim-tokens/route";
import * as tokenRoute from "@/app/api/v1/workspaces/[ws]/scim-tokens/[id]/route";
import * as mapRoute from "@/app/api/v1/workspaces/[ws]/scim-groups/[id]/route";
import { rawDb } from "@/lib/db/client";
import { createSession } from "@/lib/db/global/identity";
import { as, createWorkspace, unique, verifyTestDomain, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";

/** SCIM 2.0 driven the way Okta's and Microsoft Entra ID's provisioning clients drive it. */
let ws: TestWorkspace;
let domain: string;
let token: string;

beforeAll(async () => {
  ws = await createWorkspace("scim");
  domain = `${unique("scim")}.example`;
  await verifyTestDomain(ws, domain);
  const created = await callRoute(tokensRoute.POST, { method: "POST", as: as.user(ws.owner), params: { ws: ws.slug }, body: { name: "Okta" } });
  expect(created.status).toBe(201);
  token = created.body.token;
});

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const auth = () => ({ authorization: `Bearer ${token}`, "content-type": "application/scim+json" });
type Handler = Parameters<typeof callRoute>[0];
const scim = {
  get: (route: Handler, url: string, params: Record<string, string> = {}) => callRoute(route, { as: null, headers: auth(), url, params }),
  send: (route: Handler, method: string, body: unknown, params: Record<string, string> = {}) => callRoute(route, { method, as: null, headers: auth(), body, contentType: "application/scim+json", params }),
};
const filterUrl = (path: string, filter: string, extra = "") => `/api/scim/v2/${path}?filter=${encodeURIComponent(filter)}${extra}`;

async function membershipOf(userName: string) {
  const db = await rawDb();
  return db.membership.findFirst({ where: { workspaceId: ws.id, user: { email: userName } } });
}

describe("SCIM as Okta provisions", () => {
  it("looks a user up, creates them, reads, replaces and deactivates them; the deactivated person's sessions end", async () => {
    const userName = `okta.user@${domain}`;
    const none = await scim.get(usersRoute.GET, filterUrl("Users", `userName eq "${userName}"`, "&startIndex=1&count=100"));
    expect(none.status).toBe(200);
    expect(none.headers.get("content-type")).toBe("application/scim+json");
    expect(none.body).toEqual({ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });

    const created = await scim.send(usersRoute.POST, "POST", {
      schemas: [USER],
      userName,
      name: { givenName: "Okta", familyName: "User" },
      emails: [{ primary: true, value: userName, type: "work" }],
      displayName: "Okta User",
      locale: "en-US",
      externalId: "00u1okta",
      groups: [],
      password: "ignored-by-readyroom",
      active: true,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ schemas: [USER], userName, externalId: "00u1okta", active: true, name: { givenName: "Okta", familyName: "User" }, meta: { resourceType: "User" } });
    expect(created.headers.get("location")).toBe(created.body.meta.location);
    expect(created.text).not.toContain("ignored-by-readyroom");
    const id = created.body.id;
    expect((await membershipOf(userName))?.role).toBe("member");

    const found = await scim.get(usersRoute.GET, filterUrl("Users", `userName eq "${userName.toUpperCase()}"`));
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(id);
    expect((await scim.get(userRoute.GET, `/api/scim/v2/Users/${id}`, { id })).body.userName).toBe(userName);

    const duplicate = await scim.send(usersRoute.POST, "POST", { schemas: [USER], userName, active: true });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "409", scimType: "uniqueness" });

    const replaced = await scim.send(userRoute.PUT, "PUT", { schemas: [USER], id, userName, name: { givenName: "Okta", familyName: "Renamed" }, active: true, externalId: "00u1okta" }, { id });
    expect(replaced.status).toBe(200);
    expect(replaced.body.name.familyName).toBe("Renamed");

    const db = await rawDb();
    const user = await db.user.findUniqueOrThrow({ where: { email: userName } });
    await createSession(user.id, 3600);
    const deactivated = await scim.send(userRoute.PATCH, "PATCH", { schemas: [PATCH], Operations: [{ op: "replace", value: { active: false } }] }, { id });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    expect(await membershipOf(userName)).toBeNull();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await ws.ctx.db.auditEvent.count({ where: { action: "scim.user_deactivated", targetId: id } })).toBe(1);
    expect(await ws.ctx.db.auditEvent.count({ where: { action: "member.deprovisioned", targetId: user.id } })).toBe(1);

    // Reactivated, they are a member again.
    expect((await scim.send(userRoute.PATCH, "PATCH", { schemas: [PATCH], Operations: [{ op: "replace", path: "active", value: true }] }, { id })).body.active).toBe(true);
    expect((await membershipOf(userName))?.role).toBe("member");
  });

  it("pushes groups, adds and removes members, and maps a group to a role", async () => {
    const a = (await scim.send(usersRoute.POST, "POST", { schemas: [USER], userName: `grace@${domain}`, active: true })).body;
    const b = (await scim.send(usersRoute.POST, "POST", { schemas: [USER], userName: `linus@${domain}`, active: true })).body;
    const group = await scim.send(groupsRoute.POST, "POST", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Release managers", members: [] });
    expect(group.status).toBe(201);
    const gid = group.body.id;
    const added = await scim.send(groupRoute.PATCH, "PATCH", { schemas: [PATCH], Operations: [{ op: "add", path: "members", value: [{ value: a.id, display: a.userName }, { value: b.id }] }] }, { id: gid });
    expect(added.status).toBe(200);
    expect(added.body.members.map((m: { value: string }) => m.value).sort()).toEqual([a.id, b.id].sort());

    const mapped = await callRoute(mapRoute.PATCH, { method: "PATCH", as: as.user(ws.members.admin), params: { ws: ws.slug, id: gid }, body: { role: "admin" } });
    expect(mapped.status).toBe(200);
    expect(mapped.body).toMatchObject({ displayName: "Release managers", role: "admin", members: 2 });
    expect((await membershipOf(a.userName))?.role).toBe("admin");
    expect((await membershipOf(b.userName))?.role).toBe("admin");
    expect((await callRoute(mapRoute.PATCH, { method: "PATCH", as: as.user(ws.members.admin), params: { ws: ws.slug, id: gid }, body: { role: "owner" } })).status).toBe(422);

    const removed = await scim.send(groupRoute.PATCH, "PATCH", { schemas: [PATCH], Operations: [{ op: "remove", path: `members[value eq "${b.id}"]` }] }, { id: gid });
    expect(removed.body.members.map((m: { value: string }) => m.value)).toEqual([a.id]);
    expect((await membershipOf(b.userName))?.role).toBe("member");
    expect((await scim.get(userRoute.GET, `/api/scim/v2/Users/${a.id}`, { id: a.id })).body.groups).toEqual([{ value: gid, display: "Release managers" }]);

    const renamed = await scim.send(groupRoute.PATCH, "PATCH", { schemas: [PATCH], Operations: [{ op: "replace", value: { id: gid, displayName: "Release leads" } }] }, { id: gid });
    expect(renamed.body.displayName).toBe("Release leads");
    expect((await scim.get(groupsRoute.GET, filterUrl("Groups", 'displayName eq "Release leads"', "&excludedAttributes=members"))).body.Resources[0]).not.toHaveProperty("members");

    expect((await scim.send(groupRoute.DELETE, "DELETE", undefined, { id: gid })).status).toBe(204);
    expect((await membershipOf(a.userName))?.role).toBe("member");
  });
});

describe("SCIM as Microsoft Entra ID provisions", () => {
  it("filters by externalId, deactivates with \"False\" in a capitalised Replace, and deletes", async () => {
    const userName = `entra.user@${domain}`;
    expect((await scim.get(usersRoute.GET, filterUrl("Users", `userName eq "${userName}"`))).body.totalResults).toBe(0);
    const created = await scim.send(usersRoute.POST, "POST", {
      schemas: [USER, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
      externalId: "8c4f2e1a-entra",
      userName,
      active: true,
      displayName: "Entra User",
      emails: [{ primary: true, type: "work", value: userName }],
      meta: { resourceType: "User" },
      name: { formatted: "Entra User", familyName: "User", givenName: "Entra" },
      roles: [],
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await scim.get(usersRoute.GET, filterUrl("Users", 'externalId eq "8c4f2e1a-entra"'))).body.Resources[0].id).toBe(id);

    const patched = await scim.send(userRoute.PATCH, "PATCH", {
      schemas: [PATCH],
      Operations: [
        { op: "Replace", path: "displayName", value: "Entra U." },
        { op: "Add", path: "name.givenName", value: "Ent" },
        { op: "Replace", path: "active", value: "False" },
      ],
    }, { id });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ active: false, displayName: "Entra U.", name: { givenName: "Ent" } });
    expect(await membershipOf(userName)).toBeNull();

    expect((await scim.send(userRoute.DELETE, "DELETE", undefined, { id })).status).toBe(204);
    const gone = await scim.get(userRoute.GET, `/api/scim/v2/Users/${id}`, { id });
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "404" });
    expect(await ws.ctx.db.auditEvent.count({ where: { action: "scim.user_deleted", targetId: id } })).toBe(1);
  });

  it("pages with startIndex and count", async () => {
    const list = await scim.get(usersRoute.GET, "/api/scim/v2/Users?startIndex=2&count=1");
    expect(list.body).toMatchObject({ startIndex: 2, itemsPerPage: 1 });
    expect(list.body.totalResults).toBeGreaterThanOrEqual(3);
    const all = await scim.get(usersRoute.GET, "/api/scim/v2/Users");
    expect(list.body.Resources[0].id).toBe(all.body.Resources[1].id);
    expect((await scim.get(usersRoute.GET, "/api/scim/v2/Users?count=0")).body).toMatchObject({ itemsPerPage: 0, Resources: [] });
  });
});

describe("SCIM refusals", () => {
  it("answers 401 without the token or with a revoked one, and in the SCIM error schema for bad requests", async () => {
    expect((await callRoute(usersRoute.GET, { as: null, url: "/api/scim/v2/Users" })).status).toBe(401);
    const extra = await callRoute(tokensRoute.POST, { method: "POST", as: as.user(ws.owner), params: { ws: ws.slug }, body: { name: "Temporary" } });
    const revoke = await callRoute(tokenRoute.DELETE, { method: "DELETE", as: as.user(ws.owner), params: { ws: ws.slug, id: extra.body.id } });
    expect(revoke.status).toBe(204);
    const refused = await callRoute(usersRoute.GET, { as: null, url: "/api/scim/v2/Users", headers: { authorization: `Bearer ${extra.body.token}` } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toContain("Bearer");

    const cases: [unknown, number, string][] = [
      [{ schemas: [USER], userName: "not-an-email" }, 400, "invalidValue"],
      [{ schemas: [USER], userName: "someone@gmail.com" }, 400, "invalidValue"],
      [{ schemas: [USER], userName: `x@${domain}`, active: "maybe" }, 400, "invalidValue"],
    ];
    for (const [body, status, scimType] of cases) {
      const r = await scim.send(usersRoute.POST, "POST", body);
      expect([r.status, r.body.scimType], JSON.stringify(body)).toEqual([status, scimType]);
    }
    const broken = await callRoute(usersRoute.POST, { method: "POST", as: null, headers: auth(), rawBody: "{not json", contentType: "application/scim+json" });
    expect([broken.status, broken.body.scimType]).toEqual([400, "invalidSyntax"]);
    const badFilter = await scim.get(usersRoute.GET, filterUrl("Users", 'title co "x"'));
    expect([badFilter.status, badFilter.body.scimType]).toEqual([400, "invalidFilter"]);
    const badOp = await scim.send(userRoute.PATCH, "PATCH", { schemas: [PATCH], Operations: [{ op: "move", path: "active" }] }, { id: "c".padEnd(25, "0") });
    expect(badOp.status).toBe(400);
    expect(await ws.ctx.db.scimUser.count({ where: { userName: { in: ["someone@gmail.com", `x@${domain}`] } } })).toBe(0);
  });

  it("never deprovisions the last owner", async () => {
    const solo = await createWorkspace("scim-solo");
    const soloDomain = `${unique("solo")}.example`;
    await verifyTestDomain(solo, soloDomain);
    const soloToken = (await callRoute(tokensRoute.POST, { method: "POST", as: as.user(solo.owner), params: { ws: solo.slug }, body: { name: "IdP" } })).body.token;
    const db = await rawDb();
    const boss = await db.user.create({ data: { email: `boss@${soloDomain}` } });
    await solo.ctx.db.membership.deleteMany({ where: { role: "owner" } });
    await solo.ctx.db.membership.create({ data: { workspaceId: solo.id, userId: boss.id, role: "owner" } });
    const headers = { authorization: `Bearer ${soloToken}` };
    const linked = await callRoute(usersRoute.POST, { method: "POST", as: null, headers, body: { schemas: [USER], userName: boss.email, active: true } });
    expect(linked.status).toBe(201);
    const off = await callRoute(userRoute.PATCH, { method: "PATCH", as: null, headers, params: { id: linked.body.id }, body: { Operations: [{ op: "replace", path: "active", value: false }] } });
    expect([off.status, off.body.scimType]).toEqual([409, "mutability"]);
    expect((await solo.ctx.db.membership.findFirstOrThrow({ where: { userId: boss.id } })).role).toBe("owner");
  });

  it("describes itself: ServiceProviderConfig, ResourceTypes and Schemas", async () => {
    const config = await scim.get(configRoute.GET, "/api/scim/v2/ServiceProviderConfig");
    expect(config.body).toMatchObject({ patch: { supported: true }, bulk: { supported: false }, filter: { supported: true, maxResults: 200 } });
    expect((await scim.get(typesRoute.GET, "/api/scim/v2/ResourceTypes")).body.Resources.map((r: { id: string }) => r.id)).toEqual(["User", "Group"]);
    expect((await scim.get(schemasRoute.GET, "/api/scim/v2/Schemas")).body.totalResults).toBe(2);
  });
});
