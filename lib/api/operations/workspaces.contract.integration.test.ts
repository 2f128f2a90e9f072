import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as acceptRoute from "@/app/api/v1/invitations/[token]/route";
import * as meRoute from "@/app/api/v1/me/route";
import * as openapiRoute from "@/app/api/v1/openapi.json/route";
import * as apiKeyRoute from "@/app/api/v1/workspaces/[ws]/api-keys/[id]/route";
import * as apiKeysRoute from "@/app/api/v1/workspaces/[ws]/api-keys/route";
import * as auditExportRoute from "@/app/api/v1/workspaces/[ws]/audit-events/export/route";
import * as auditRoute from "@/app/api/v1/workspaces/[ws]/audit-events/route";
import * as invitationRoute from "@/app/api/v1/workspaces/[ws]/invitations/[id]/route";
import * as invitationsRoute from "@/app/api/v1/workspaces/[ws]/invitations/route";
import * as memberRoute from "@/app/api/v1/workspaces/[ws]/members/[userId]/route";
import * as membersRoute from "@/app/api/v1/workspaces/[ws]/members/route";
import * as ownerRoute from "@/app/api/v1/workspaces/[ws]/owners/[id]/route";
import * as ownersRoute from "@/app/api/v1/workspaces/[ws]/owners/route";
import * as workspaceRoute from "@/app/api/v1/workspaces/[ws]/route";
import * as workspacesRoute from "@/app/api/v1/workspaces/route";
import { as, createUser, createWorkspace, type TestUser, type TestWorkspace, unique } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";
import { expectContract, expectEveryOperationChecked } from "@/test/harness/contract";

let ws: TestWorkspace;
let outsider: TestUser;

beforeAll(async () => {
  ws = await createWorkspace("contract");
  outsider = await createUser("contract-new");
});

afterAll(() => expectEveryOperationChecked("Account", "Workspaces", "Meta"));

describe("account, workspace and meta operations answer as the OpenAPI document says", () => {
  it("the document, the caller and workspaces", async () => {
    expectContract("getOpenApiDocument", await callRoute(openapiRoute.GET, { as: null }));
    const owner = as.user(ws.owner);
    expectContract("getMe", await callRoute(meRoute.GET, { as: owner }));
    expectContract("listWorkspaces", await callRoute(workspacesRoute.GET, { as: owner }));
    const slug = unique("contract-new");
    expectContract("createWorkspace", await callRoute(workspacesRoute.POST, { method: "POST", as: owner, body: { slug, name: "Contract" } }));
    expectContract("createWorkspace", await callRoute(workspacesRoute.POST, { method: "POST", as: owner, body: { slug, name: "Contract" } }));
    expectContract("createWorkspace", await callRoute(workspacesRoute.POST, { method: "POST", as: owner, body: { slug: "x", extra: true } }));
    expectContract("getWorkspace", await callRoute(workspaceRoute.GET, { as: owner, params: { ws: ws.slug } }));
    expectContract("getWorkspace", await callRoute(workspaceRoute.GET, { as: as.user(outsider), params: { ws: ws.slug } }));
    expectContract("updateWorkspace", await callRoute(workspaceRoute.PATCH, { method: "PATCH", as: owner, params: { ws: ws.slug }, body: { name: "Renamed" } }));
    expectContract("updateWorkspace", await callRoute(workspaceRoute.PATCH, { method: "PATCH", as: as.user(ws.members.viewer), params: { ws: ws.slug }, body: { name: "No" } }));
    expectContract("deleteWorkspace", await callRoute(workspaceRoute.DELETE, { method: "DELETE", as: owner, params: { ws: slug } }));
  });

  it("members and invitations", async () => {
    const admin = as.user(ws.members.admin);
    const params = { ws: ws.slug };
    expectContract("listMembers", await callRoute(membersRoute.GET, { as: admin, params }));
    expectContract("addMember", await callRoute(membersRoute.POST, { method: "POST", as: admin, params, body: { email: outsider.email, role: "viewer" } }));
    expectContract("updateMember", await callRoute(memberRoute.PATCH, { method: "PATCH", as: admin, params: { ...params, userId: outsider.id }, body: { role: "member" } }));
    expectContract("removeMember", await callRoute(memberRoute.DELETE, { method: "DELETE", as: admin, params: { ...params, userId: outsider.id } }));

    const invitee = await createUser("contract-invitee");
    const created = await callRoute(invitationsRoute.POST, { method: "POST", as: admin, params, body: { email: invitee.email, role: "member" } });
    expectContract("createInvitation", created);
    expectContract("listInvitations", await callRoute(invitationsRoute.GET, { as: admin, params }));
    const token = new URL(created.body.acceptUrl).pathname.split("/").pop()!;
    expectContract("acceptInvitation", await callRoute(acceptRoute.POST, { method: "POST", as: as.user(invitee), params: { token } }));
    expectContract("acceptInvitation", await callRoute(acceptRoute.POST, { method: "POST", as: as.user(invitee), params: { token } }));
    const another = await callRoute(invitationsRoute.POST, { method: "POST", as: admin, params, body: { email: `${unique("later")}@test.readyroom.dev`, role: "viewer" } });
    expectContract("revokeInvitation", await callRoute(invitationRoute.DELETE, { method: "DELETE", as: admin, params: { ...params, id: another.body.id } }));
  });

  it("owners, API keys and the audit log", async () => {
    const member = as.user(ws.members.member);
    const admin = as.user(ws.members.admin);
    const params = { ws: ws.slug };
    const owner = await callRoute(ownersRoute.POST, { method: "POST", as: member, params, body: { name: unique("Platform team"), kind: "team" } });
    expectContract("createOwner", owner);
    expectContract("listOwners", await callRoute(ownersRoute.GET, { as: member, params }));
    expectContract("updateOwner", await callRoute(ownerRoute.PATCH, { method: "PATCH", as: member, params: { ...params, id: owner.body.id }, body: { name: unique("Platform") } }));
    expectContract("deleteOwner", await callRoute(ownerRoute.DELETE, { method: "DELETE", as: member, params: { ...params, id: owner.body.id } }));

    const key = await callRoute(apiKeysRoute.POST, { method: "POST", as: admin, params, body: { name: "CI", role: "write" } });
    expectContract("createApiKey", key);
    expectContract("listApiKeys", await callRoute(apiKeysRoute.GET, { as: admin, params }));
    expectContract("revokeApiKey", await callRoute(apiKeyRoute.DELETE, { method: "DELETE", as: admin, params: { ...params, id: key.body.id } }));
    expectContract("listApiKeys", await callRoute(apiKeysRoute.GET, { as: { apiKey: key.body.key }, params }));
    expectContract("listAuditEvents", await callRoute(auditRoute.GET, { as: admin, url: "/api/test?limit=5", params }));
    expectContract("listAuditEvents", await callRoute(auditRoute.GET, { as: admin, url: "/api/test?limit=5&action=api_key.&targetType=api_key&from=2020-01-01T00:00:00Z", params }));
    expectContract("listAuditEvents", await callRoute(auditRoute.GET, { as: admin, url: "/api/test?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", params }));
    expectContract("listAuditEvents", await callRoute(auditRoute.GET, { as: member, params }));
    const csv = await callRoute(auditExportRoute.GET, { as: admin, url: "/api/test?action=api_key.", params });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("x-export-truncated")).toBe("false");
    expectContract("exportAuditEvents", csv);
    expectContract("exportAuditEvents", await callRoute(auditExportRoute.GET, { as: admin, url: "/api/test?actor=nobody%20at%20all", params }));
    expectContract("exportAuditEvents", await callRoute(auditExportRoute.GET, { as: member, params }));
  });
});
