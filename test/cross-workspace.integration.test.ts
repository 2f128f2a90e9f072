import { randomBytes } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_KEY_ROLE, can, ROLES } from "@/lib/auth/permissions";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ApiKeyRole, Role } from "@/lib/generated/prisma/enums";
import { createInvitation } from "@/lib/services/invitations/create-invitation";
import { createItem } from "@/lib/services/items/create-item";
import { createOwner } from "@/lib/services/owners/owners";
import { createPhase } from "@/lib/services/phases/create-phase";
import { createSavedView } from "@/lib/services/views/saved-views";
import { createWebhook } from "@/lib/services/webhooks/manage-webhooks";
import { createPhaseInput } from "@/lib/validation/phase";
import { as, createTestApiKey, createTestProject, createWorkspace, type TestWorkspace } from "./factories";
import { callRoute, type As, type RouteResult } from "./harness/call-route";
import { changedTables, ownDatabase, tableChecksums, type TableChecksums } from "./harness/table-checksums";

/**
 * The cross-tenant matrix (issue 9): every route handler under app/api, with
 * every method it exports, called by every kind of caller of workspace A —
 * its owner, admin, member and viewer, and its read, write and admin API keys —
 * aiming at workspace B's ids. Each call gets exactly the answer an id that
 * exists nowhere gets (404 `not_found`, or the caller's own role's 403 in its
 * own workspace: never a hint that B's id exists), and no row of any table
 * changes: every table is checksummed before and after each case.
 * A new route without a case fails this suite.
 */
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return entry === "route.ts" ? [full] : [];
  });
}

const ROOT = path.resolve(__dirname, "..");
const routes = routeFiles(path.join(ROOT, "app", "api")).map((file) => ({
  file,
  path: `/${path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).join("/")}`,
}));

/** Routes that hold no workspace data, with the reason. */
const NOT_WORKSPACE_DATA: Record<string, string> = {
  "/api/health": "liveness only",
  "/api/ready": "readiness only (database and migrations)",
  "/api/metrics": "process-wide figures labelled by route pattern, behind the metrics token; no workspace rows (lib/observability/metrics.integration.test.ts)",
  "/api/auth/[...nextauth]": "Auth.js sign-in protocol endpoints",
  "/api/auth/demo": "demo sign-in; refused unless demo mode",
  "/api/auth/sso": "starts a sign-in from a work email: reads only the verified domain's own connection (lib/db/global/sso.integration.test.ts)",
  "/api/auth/sso/saml/[id]/acs": "a SAML connection's assertion consumer: accepts only a response signed by that connection's IdP for a request it sent (lib/db/global/saml.integration.test.ts)",
  "/api/auth/sso/saml/[id]/metadata": "a SAML connection's service-provider metadata: only Readyroom's own URLs (lib/db/global/saml.integration.test.ts)",
  "/api/auth/sso/oidc/callback": "finishes a sign-in whose connection id travels sealed in the state cookie (lib/db/global/sso.integration.test.ts)",
  "/api/[...path]": "JSON 404 for unknown API paths",
  "/api/scim/v2/ServiceProviderConfig": "SCIM discovery: constants (lib/db/global/scim.integration.test.ts)",
  "/api/scim/v2/ResourceTypes": "SCIM discovery: constants (lib/db/global/scim.integration.test.ts)",
  "/api/scim/v2/Schemas": "SCIM discovery: constants (lib/db/global/scim.integration.test.ts)",
  "/api/v1/openapi.json": "the OpenAPI document: constants, no data (lib/api/operations/workspaces.contract.integration.test.ts)",
  "/api/public/v1/status/[slug]/summary.json": "public surface: only published projects, by public slug, only opted-in fields (lib/public/public-surfaces.integration.test.ts)",
  "/api/public/v1/status/[slug]/shields.json": "public surface: only published projects, by public slug, only opted-in fields (lib/public/public-surfaces.integration.test.ts)",
};

interface Env {
  a: TestWorkspace;
  b: TestWorkspace;
  aProject: { slug: string; id: string };
  bProject: { slug: string; id: string; keyPrefix: string };
  bPhaseId: string;
  bOwnerId: string;
  bItemKey: string;
  bViewId: string;
  bGateId: string;
  bCheckId: string;
  bManualId: string;
  bDecisionId: string;
  bRiskId: string;
  bInvitationId: string;
  bInvitationToken: string;
  bApiKeyId: string;
  bWebhookId: string;
  bDomainId: string;
  bConnectionId: string;
  bScimTokenId: string;
  bScimGroupId: string;
  bScimUserId: string;
  aScimToken: string;
  bDeliveryId: string;
  bAuditEventId: string;
  aKeys: Record<ApiKeyRole, { key: string; id: string }>;
}

/** One caller of workspace A: a signed-in member, or one of A's API keys. */
interface Who {
  kind: "user" | "apiKey";
  /** The workspace role it acts with (an API key's is API_KEY_ROLE of its own). */
  role: Role;
  as: As;
  apiKeyId: string | null;
}

const KEY_ROLES: readonly ApiKeyRole[] = ["read", "write", "admin"];

const CALLERS: { label: string; who: (env: Env) => Who }[] = [
  ...ROLES.map((role) => ({ label: `A's ${role}`, who: (env: Env): Who => ({ kind: "user", role, as: as.user(env.a.members[role]), apiKeyId: null }) })),
  ...KEY_ROLES.map((keyRole) => ({
    label: `A's ${keyRole} API key`,
    who: (env: Env): Who => ({ kind: "apiKey", role: API_KEY_ROLE[keyRole], as: as.apiKey(env.aKeys[keyRole].key), apiKeyId: env.aKeys[keyRole].id }),
  })),
];

type Case = (env: Env, who: Who) => Promise<void>;

/** B's workspace by its slug: the answer a workspace that does not exist gets, whatever the caller's role. */
async function expectUnknownWorkspace(result: Promise<RouteResult>) {
  const r = await result;
  expect(r.status).toBe(404);
  expect(r.body.error).toMatchObject({ code: "not_found", message: "Workspace not found." });
}

/** Routes for a person outside any workspace: an API key is refused before anything is looked up. */
function expectPersonOnly(r: RouteResult) {
  expect(r.status).toBe(403);
  expect(r.body.error).toMatchObject({ code: "forbidden", message: "This endpoint needs a signed-in person; API keys belong to one workspace." });
}

const CUID = /^c[a-z0-9]{24}$/;
const ITEM_KEY = /^[A-Za-z][A-Za-z0-9]{1,9}-\d{1,9}$/;

/** An id of the same shape as `id` that exists nowhere. */
function unknownLike(id: string): string {
  if (CUID.test(id)) return `c${randomBytes(12).toString("hex")}`;
  if (ITEM_KEY.test(id)) return `NOPE-${1 + randomBytes(2).readUInt16BE()}`;
  return `no-such-${randomBytes(4).toString("hex")}`;
}

type Ids = Record<string, string>;

/** The answer with the ids it was asked about (and the request id) taken out, to compare two answers. */
function answer(r: RouteResult, ids: Ids) {
  let text = typeof r.body === "string" ? r.body : JSON.stringify(r.body);
  for (const [name, value] of Object.entries(ids).sort((x, y) => y[1].length - x[1].length)) text = text.replaceAll(value, `<${name}>`);
  const body = typeof r.body === "string" ? text : (JSON.parse(text) as { error?: { requestId?: string } } | null);
  if (body && typeof body === "object" && body.error) delete body.error.requestId;
  return { status: r.status, body };
}

/**
 * A's own workspace, aiming at B's ids: the answer must be exactly the one
 * ids that exist nowhere get — 404 `not_found` where the caller's role may act,
 * its role's 403 where it may not, the same 422 for a reference in a body,
 * the same 409 from an all-or-nothing bulk edit that lists what it refused —
 * so it tells nothing about B. `send` is called with B's ids, then with
 * unknown ids of the same shape. Unless `listing`, the answer is a refusal.
 * Returns the answer to B's ids.
 */
async function expectAsUnknown(send: (ids: Ids) => Promise<RouteResult>, theirs: Ids, options: { listing?: boolean } = {}): Promise<RouteResult> {
  const unknown = Object.fromEntries(Object.entries(theirs).map(([name, value]) => [name, unknownLike(value)]));
  const got = await send(theirs);
  const none = await send(unknown);
  expect(answer(got, theirs), "B's ids answered otherwise than ids that exist nowhere").toEqual(answer(none, unknown));
  if (!options.listing) expect([403, 404, 409, 422]).toContain(got.status);
  return got;
}

function scimAuth(env: Env) {
  return { authorization: `Bearer ${env.aScimToken}` };
}

async function loadRoute(routePath: string) {
  const route = routes.find((r) => r.path === routePath);
  if (!route) throw new Error(`No route at ${routePath}`);
  return (await import(/* @vite-ignore */ route.file)) as Partial<Record<Method, Parameters<typeof callRoute>[0]>>;
}

const bWs = (env: Env) => ({ ws: env.b.slug });
const bProject = (env: Env) => ({ ws: env.b.slug, project: env.bProject.slug });
const aProject = (env: Env) => ({ ws: env.a.slug, project: env.aProject.slug });

const CASES: Record<string, Partial<Record<Method, Case>>> = {
  "/api/v1/me": {
    GET: async (env, who) => {
      const r = await callRoute((await loadRoute("/api/v1/me")).GET, { as: who.as });
      if (who.kind === "apiKey") return expectPersonOnly(r);
      expect(r.status).toBe(200);
      expect(r.body.workspaces.map((w: { slug: string }) => w.slug)).toEqual([env.a.slug]);
    },
  },
  "/api/v1/workspaces": {
    GET: async (env, who) => {
      const r = await callRoute((await loadRoute("/api/v1/workspaces")).GET, { as: who.as });
      if (who.kind === "apiKey") return expectPersonOnly(r);
      expect(r.status).toBe(200);
      expect(r.body.data.map((w: { slug: string }) => w.slug)).toEqual([env.a.slug]);
    },
    POST: async (env, who) => {
      // Creating a workspace with B's slug is a conflict on the slug (slugs are public, like a URL), and B keeps its owner.
      const r = await callRoute((await loadRoute("/api/v1/workspaces")).POST, { method: "POST", as: who.as, body: { slug: env.b.slug, name: "Takeover" } });
      if (who.kind === "apiKey") return expectPersonOnly(r);
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe("conflict");
    },
  },
  "/api/v1/invitations/[token]": {
    POST: async (env, who) => {
      // B's invitation is for another address: accepting it as A's user is refused and creates no membership.
      const r = await callRoute((await loadRoute("/api/v1/invitations/[token]")).POST, { method: "POST", as: who.as, params: { token: env.bInvitationToken } });
      if (who.kind === "apiKey") return expectPersonOnly(r);
      expect([403, 404]).toContain(r.status);
    },
  },
  "/api/v1/workspaces/[ws]": {
    GET: async (env, who) => expectUnknownWorkspace(callRoute((await loadRoute("/api/v1/workspaces/[ws]")).GET, { as: who.as, params: bWs(env) })),
    PATCH: async (env, who) => expectUnknownWorkspace(callRoute((await loadRoute("/api/v1/workspaces/[ws]")).PATCH, { method: "PATCH", as: who.as, params: bWs(env), body: { name: "Hijacked" } })),
    DELETE: async (env, who) => expectUnknownWorkspace(callRoute((await loadRoute("/api/v1/workspaces/[ws]")).DELETE, { method: "DELETE", as: who.as, params: bWs(env) })),
  },
  "/api/v1/workspaces/[ws]/members": {
    GET: async (env, who) => expectUnknownWorkspace(callRoute((await loadRoute("/api/v1/workspaces/[ws]/members")).GET, { as: who.as, params: bWs(env) })),
    POST: async (env, who) =>
      expectUnknownWorkspace(callRoute((await loadRoute("/api/v1/workspaces/[ws]/members")).POST, { method: "POST", as: who.as, params: bWs(env), body: { email: env.a.owner.email, role: "owner" } })),
  },
  "/api/v1/workspaces/[ws]/members/[userId]": {
    PATCH: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/members/[userId]");
      await expectUnknownWorkspace(callRoute(r.PATCH, { method: "PATCH", as: who.as, params: { ws: env.b.slug, userId: env.b.members.viewer.id }, body: { role: "owner" } }));
      // A's own workspace, B's member id: as for a user id that does not exist.
      await expectAsUnknown((ids) => callRoute(r.PATCH, { method: "PATCH", as: who.as, params: { ws: env.a.slug, userId: ids.userId! }, body: { role: "viewer" } }), { userId: env.b.members.viewer.id });
    },
    DELETE: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/members/[userId]");
      await expectUnknownWorkspace(callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ws: env.b.slug, userId: env.b.members.member.id } }));
      await expectAsUnknown((ids) => callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ws: env.a.slug, userId: ids.userId! } }), { userId: env.b.members.member.id });
    },
  },
  "/api/v1/workspaces/[ws]/invitations": {
    GET: async (env, who) => expectUnknownWorkspace(callRoute((await loadRoute("/api/v1/workspaces/[ws]/invitations")).GET, { as: who.as, params: bWs(env) })),
    POST: async (env, who) =>
      expectUnknownWorkspace(callRoute((await loadRoute("/api/v1/workspaces/[ws]/invitations")).POST, { method: "POST", as: who.as, params: bWs(env), body: { email: "x@evil.test", role: "owner" } })),
  },
  "/api/v1/workspaces/[ws]/invitations/[id]": {
    DELETE: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/invitations/[id]");
      await expectUnknownWorkspace(callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ws: env.b.slug, id: env.bInvitationId } }));
      await expectAsUnknown((ids) => callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ws: env.a.slug, id: ids.id! } }), { id: env.bInvitationId });
    },
  },
  "/api/v1/workspaces/[ws]/projects": {
    GET: async (env, who) => expectUnknownWorkspace(callRoute((await loadRoute("/api/v1/workspaces/[ws]/projects")).GET, { as: who.as, params: bWs(env) })),
    POST: async (env, who) =>
      expectUnknownWorkspace(callRoute((await loadRoute("/api/v1/workspaces/[ws]/projects")).POST, { method: "POST", as: who.as, params: bWs(env), body: { slug: "x-proj", name: "X", keyPrefix: "XX" } })),
  },
  "/api/v1/workspaces/[ws]/projects/[project]": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: bProject(env) }));
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ws: env.a.slug, project: ids.project! } }), { project: env.bProject.slug });
    },
    PATCH: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]");
      await expectUnknownWorkspace(callRoute(r.PATCH, { method: "PATCH", as: who.as, params: bProject(env), body: { name: "Hijacked" } }));
      await expectAsUnknown((ids) => callRoute(r.PATCH, { method: "PATCH", as: who.as, params: { ws: env.a.slug, project: ids.project! }, body: { name: "Hijacked" } }), { project: env.bProject.slug });
    },
    DELETE: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]");
      await expectUnknownWorkspace(callRoute(r.DELETE, { method: "DELETE", as: who.as, params: bProject(env) }));
      await expectAsUnknown((ids) => callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ws: env.a.slug, project: ids.project! } }), { project: env.bProject.slug });
    },
  },
  "/api/v1/workspaces/[ws]/api-keys": {
    GET: async (env, who) => expectUnknownWorkspace(callRoute((await loadRoute("/api/v1/workspaces/[ws]/api-keys")).GET, { as: who.as, params: bWs(env) })),
    POST: async (env, who) =>
      expectUnknownWorkspace(callRoute((await loadRoute("/api/v1/workspaces/[ws]/api-keys")).POST, { method: "POST", as: who.as, params: bWs(env), body: { name: "steal", role: "admin" } })),
  },
  "/api/v1/workspaces/[ws]/api-keys/[id]": {
    DELETE: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/api-keys/[id]");
      await expectUnknownWorkspace(callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ws: env.b.slug, id: env.bApiKeyId } }));
      await expectAsUnknown((ids) => callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ws: env.a.slug, id: ids.id! } }), { id: env.bApiKeyId });
    },
  },
  "/api/v1/workspaces/[ws]/domains": {
    GET: async (env, who) => expectUnknownWorkspace(callRoute((await loadRoute("/api/v1/workspaces/[ws]/domains")).GET, { as: who.as, params: bWs(env) })),
    POST: async (env, who) =>
      expectUnknownWorkspace(callRoute((await loadRoute("/api/v1/workspaces/[ws]/domains")).POST, { method: "POST", as: who.as, params: bWs(env), body: { domain: "a-steals.example" } })),
  },
  "/api/v1/workspaces/[ws]/domains/[id]": {
    DELETE: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/domains/[id]");
      await expectUnknownWorkspace(callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ws: env.b.slug, id: env.bDomainId } }));
      await expectAsUnknown((ids) => callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ws: env.a.slug, id: ids.id! } }), { id: env.bDomainId });
    },
  },
  "/api/v1/workspaces/[ws]/domains/[id]/verify": {
    POST: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/domains/[id]/verify");
      await expectUnknownWorkspace(callRoute(r.POST, { method: "POST", as: who.as, params: { ws: env.b.slug, id: env.bDomainId } }));
      await expectAsUnknown((ids) => callRoute(r.POST, { method: "POST", as: who.as, params: { ws: env.a.slug, id: ids.id! } }), { id: env.bDomainId });
    },
  },
  "/api/v1/workspaces/[ws]/sso-connections": {
    GET: async (env, who) => expectUnknownWorkspace(callRoute((await loadRoute("/api/v1/workspaces/[ws]/sso-connections")).GET, { as: who.as, params: bWs(env) })),
    POST: async (env, who) =>
      expectUnknownWorkspace(
        callRoute((await loadRoute("/api/v1/workspaces/[ws]/sso-connections")).POST, { method: "POST", as: who.as, params: bWs(env), body: { protocol: "oidc", name: "steal", issuer: "https://idp.a.example", clientId: "a", clientSecret: "a", domains: ["b-secret.example"] } }),
      ),
  },
  "/api/v1/workspaces/[ws]/sso-connections/[id]": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/sso-connections/[id]");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: { ws: env.b.slug, id: env.bConnectionId } }));
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ws: env.a.slug, id: ids.id! } }), { id: env.bConnectionId });
    },
    PATCH: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/sso-connections/[id]");
      const body = { name: "hijacked", enabled: false };
      await expectUnknownWorkspace(callRoute(r.PATCH, { method: "PATCH", as: who.as, params: { ws: env.b.slug, id: env.bConnectionId }, body }));
      await expectAsUnknown((ids) => callRoute(r.PATCH, { method: "PATCH", as: who.as, params: { ws: env.a.slug, id: ids.id! }, body }), { id: env.bConnectionId });
    },
    DELETE: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/sso-connections/[id]");
      await expectUnknownWorkspace(callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ws: env.b.slug, id: env.bConnectionId } }));
      await expectAsUnknown((ids) => callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ws: env.a.slug, id: ids.id! } }), { id: env.bConnectionId });
    },
  },
  "/api/v1/workspaces/[ws]/sso-settings": {
    GET: async (env, who) => expectUnknownWorkspace(callRoute((await loadRoute("/api/v1/workspaces/[ws]/sso-settings")).GET, { as: who.as, params: bWs(env) })),
    PUT: async (env, who) =>
      expectUnknownWorkspace(callRoute((await loadRoute("/api/v1/workspaces/[ws]/sso-settings")).PUT, { method: "PUT", as: who.as, params: bWs(env), body: { enforced: false } })),
  },
  "/api/v1/workspaces/[ws]/scim-tokens": {
    GET: async (env, who) => expectUnknownWorkspace(callRoute((await loadRoute("/api/v1/workspaces/[ws]/scim-tokens")).GET, { as: who.as, params: bWs(env) })),
    POST: async (env, who) => expectUnknownWorkspace(callRoute((await loadRoute("/api/v1/workspaces/[ws]/scim-tokens")).POST, { method: "POST", as: who.as, params: bWs(env), body: { name: "steal" } })),
  },
  "/api/v1/workspaces/[ws]/scim-tokens/[id]": {
    DELETE: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/scim-tokens/[id]");
      await expectUnknownWorkspace(callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ws: env.b.slug, id: env.bScimTokenId } }));
      await expectAsUnknown((ids) => callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ws: env.a.slug, id: ids.id! } }), { id: env.bScimTokenId });
    },
  },
  "/api/v1/workspaces/[ws]/scim-groups": {
    GET: async (env, who) => expectUnknownWorkspace(callRoute((await loadRoute("/api/v1/workspaces/[ws]/scim-groups")).GET, { as: who.as, params: bWs(env) })),
  },
  "/api/v1/workspaces/[ws]/scim-groups/[id]": {
    PATCH: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/scim-groups/[id]");
      await expectUnknownWorkspace(callRoute(r.PATCH, { method: "PATCH", as: who.as, params: { ws: env.b.slug, id: env.bScimGroupId }, body: { role: "admin" } }));
      await expectAsUnknown((ids) => callRoute(r.PATCH, { method: "PATCH", as: who.as, params: { ws: env.a.slug, id: ids.id! }, body: { role: "admin" } }), { id: env.bScimGroupId });
    },
  },
  // SCIM acts with workspace A's SCIM token (whoever the caller is otherwise): B's users and groups are as unknown as ids that exist nowhere.
  "/api/scim/v2/Users": {
    GET: async (env) => {
      const r = await callRoute((await loadRoute("/api/scim/v2/Users")).GET, { as: null, headers: scimAuth(env), url: `/api/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${env.b.members.member.email}"`)}` });
      expect(r.status).toBe(200);
      expect(r.body.totalResults).toBe(0);
    },
    POST: async (env) => {
      const r = await callRoute((await loadRoute("/api/scim/v2/Users")).POST, { method: "POST", as: null, headers: scimAuth(env), body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: env.b.members.member.email } });
      expect(r.status).toBe(400);
      expect(r.body.scimType).toBe("invalidValue");
    },
  },
  "/api/scim/v2/Users/[id]": Object.fromEntries(
    (["GET", "PUT", "PATCH", "DELETE"] as const).map((method) => [
      method,
      async (env: Env) => {
        const r = await loadRoute("/api/scim/v2/Users/[id]");
        const body = method === "PATCH" ? { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", value: { active: false } }] } : method === "PUT" ? { userName: env.b.members.member.email, active: false } : undefined;
        await expectAsUnknown((ids) => callRoute(r[method], { method, as: null, headers: scimAuth(env), params: { id: ids.id! }, ...(body ? { body } : {}) }), { id: env.bScimUserId });
      },
    ]),
  ),
  "/api/scim/v2/Groups": {
    GET: async (env) => {
      const r = await callRoute((await loadRoute("/api/scim/v2/Groups")).GET, { as: null, headers: scimAuth(env), url: `/api/scim/v2/Groups?filter=${encodeURIComponent('displayName eq "B engineers"')}` });
      expect(r.body.totalResults).toBe(0);
    },
    POST: async (env) => {
      const r = await callRoute((await loadRoute("/api/scim/v2/Groups")).POST, { method: "POST", as: null, headers: scimAuth(env), body: { displayName: "Hijack", members: [{ value: env.bScimUserId }] } });
      expect(r.status).toBe(400);
    },
  },
  "/api/scim/v2/Groups/[id]": Object.fromEntries(
    (["GET", "PUT", "PATCH", "DELETE"] as const).map((method) => [
      method,
      async (env: Env) => {
        const r = await loadRoute("/api/scim/v2/Groups/[id]");
        const body = method === "PATCH" ? { Operations: [{ op: "add", path: "members", value: [{ value: env.bScimUserId }] }] } : method === "PUT" ? { displayName: "Hijack", members: [] } : undefined;
        await expectAsUnknown((ids) => callRoute(r[method], { method, as: null, headers: scimAuth(env), params: { id: ids.id! }, ...(body ? { body } : {}) }), { id: env.bScimGroupId });
      },
    ]),
  ),
  "/api/v1/workspaces/[ws]/webhooks": {
    GET: async (env, who) => expectUnknownWorkspace(callRoute((await loadRoute("/api/v1/workspaces/[ws]/webhooks")).GET, { as: who.as, params: bWs(env) })),
    POST: async (env, who) =>
      expectUnknownWorkspace(
        callRoute((await loadRoute("/api/v1/workspaces/[ws]/webhooks")).POST, { method: "POST", as: who.as, params: bWs(env), body: { url: "https://attacker.example.com/hook", events: ["item.created"] } }),
      ),
  },
  "/api/v1/workspaces/[ws]/webhooks/[id]": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/webhooks/[id]");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: { ws: env.b.slug, id: env.bWebhookId } }));
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ws: env.a.slug, id: ids.id! } }), { id: env.bWebhookId });
    },
    PATCH: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/webhooks/[id]");
      const body = { url: "https://attacker.example.com/hook" };
      await expectUnknownWorkspace(callRoute(r.PATCH, { method: "PATCH", as: who.as, params: { ws: env.b.slug, id: env.bWebhookId }, body }));
      await expectAsUnknown((ids) => callRoute(r.PATCH, { method: "PATCH", as: who.as, params: { ws: env.a.slug, id: ids.id! }, body }), { id: env.bWebhookId });
    },
    DELETE: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/webhooks/[id]");
      await expectUnknownWorkspace(callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ws: env.b.slug, id: env.bWebhookId } }));
      await expectAsUnknown((ids) => callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ws: env.a.slug, id: ids.id! } }), { id: env.bWebhookId });
    },
  },
  "/api/v1/workspaces/[ws]/webhooks/[id]/test": {
    POST: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/webhooks/[id]/test");
      await expectUnknownWorkspace(callRoute(r.POST, { method: "POST", as: who.as, params: { ws: env.b.slug, id: env.bWebhookId } }));
      await expectAsUnknown((ids) => callRoute(r.POST, { method: "POST", as: who.as, params: { ws: env.a.slug, id: ids.id! } }), { id: env.bWebhookId });
    },
  },
  "/api/v1/workspaces/[ws]/webhooks/[id]/deliveries": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/webhooks/[id]/deliveries");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: { ws: env.b.slug, id: env.bWebhookId } }));
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ws: env.a.slug, id: ids.id! } }), { id: env.bWebhookId });
    },
  },
  "/api/v1/workspaces/[ws]/webhooks/[id]/deliveries/[delivery]/resend": {
    POST: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/webhooks/[id]/deliveries/[delivery]/resend");
      await expectUnknownWorkspace(callRoute(r.POST, { method: "POST", as: who.as, params: { ws: env.b.slug, id: env.bWebhookId, delivery: env.bDeliveryId } }));
      await expectAsUnknown((ids) => callRoute(r.POST, { method: "POST", as: who.as, params: { ws: env.a.slug, id: ids.id!, delivery: ids.delivery! } }), { id: env.bWebhookId, delivery: env.bDeliveryId });
    },
  },
  "/api/v1/workspaces/[ws]/audit-events": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/audit-events");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: bWs(env) }));
      // A's own log: B's event as a cursor is refused like an id that does not exist, and B's object filters find nothing.
      const cursor = await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ws: env.a.slug }, url: `/api/test?cursor=${ids.cursor}` }), { cursor: env.bAuditEventId });
      const filtered = await expectAsUnknown(
        (ids) => callRoute(r.GET, { as: who.as, params: { ws: env.a.slug }, url: `/api/test?targetType=project&targetId=${ids.targetId}` }),
        { targetId: env.bProject.id },
        { listing: true },
      );
      if (can(who.role, "audit.read")) {
        expect(cursor.status).toBe(422);
        expect(cursor.body.error.details).toEqual([{ path: "cursor", message: "is not an entry of this audit log" }]);
        expect(filtered.status).toBe(200);
        expect(filtered.body.data).toEqual([]);
      } else {
        expect(filtered.status).toBe(403);
      }
    },
  },
  "/api/v1/workspaces/[ws]/audit-events/export": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/audit-events/export");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: bWs(env) }));
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: bWs(env), url: `/api/test?targetType=project&targetId=${env.bProject.id}` }));
      // A's own export, aimed at B's project: the header row only, nothing of B.
      const own = await expectAsUnknown(
        (ids) => callRoute(r.GET, { as: who.as, params: { ws: env.a.slug }, url: `/api/test?targetType=project&targetId=${ids.targetId}` }),
        { targetId: env.bProject.id },
        { listing: true },
      );
      const all = await callRoute(r.GET, { as: who.as, params: { ws: env.a.slug } });
      if (can(who.role, "audit.read")) {
        expect(own.status).toBe(200);
        expect(own.headers.get("x-export-rows")).toBe("0");
        expect(String(own.body).trim().split("\r\n")).toHaveLength(1);
        expect(all.status).toBe(200);
        expect(String(all.body)).not.toContain(env.bProject.id);
        expect(String(all.body)).not.toContain(env.b.slug);
      } else {
        expect([own.status, all.status]).toEqual([403, 403]);
      }
    },
  },
  "/api/v1/workspaces/[ws]/owners": {
    GET: async (env, who) => expectUnknownWorkspace(callRoute((await loadRoute("/api/v1/workspaces/[ws]/owners")).GET, { as: who.as, params: bWs(env) })),
    POST: async (env, who) => expectUnknownWorkspace(callRoute((await loadRoute("/api/v1/workspaces/[ws]/owners")).POST, { method: "POST", as: who.as, params: bWs(env), body: { name: "Intruder" } })),
  },
  "/api/v1/workspaces/[ws]/owners/[id]": {
    PATCH: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/owners/[id]");
      await expectUnknownWorkspace(callRoute(r.PATCH, { method: "PATCH", as: who.as, params: { ws: env.b.slug, id: env.bOwnerId }, body: { name: "Hijacked" } }));
      await expectAsUnknown((ids) => callRoute(r.PATCH, { method: "PATCH", as: who.as, params: { ws: env.a.slug, id: ids.id! }, body: { name: "Hijacked" } }), { id: env.bOwnerId });
    },
    DELETE: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/owners/[id]");
      await expectUnknownWorkspace(callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ws: env.b.slug, id: env.bOwnerId } }));
      await expectAsUnknown((ids) => callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ws: env.a.slug, id: ids.id! } }), { id: env.bOwnerId });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/phases": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/phases");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: bProject(env) }));
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ws: env.a.slug, project: ids.project! } }), { project: env.bProject.slug });
    },
    POST: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/phases");
      await expectUnknownWorkspace(callRoute(r.POST, { method: "POST", as: who.as, params: bProject(env), body: { name: "X" } }));
      await expectAsUnknown((ids) => callRoute(r.POST, { method: "POST", as: who.as, params: { ws: env.a.slug, project: ids.project! }, body: { name: "X" } }), { project: env.bProject.slug });
      // A's own project, depending on B's phase: B's phase does not exist for A.
      await expectAsUnknown((ids) => callRoute(r.POST, { method: "POST", as: who.as, params: aProject(env), body: { name: "X", dependsOn: [ids.phase] } }), { phase: env.bPhaseId });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/phases/[phase]": {
    PATCH: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/phases/[phase]");
      await expectUnknownWorkspace(callRoute(r.PATCH, { method: "PATCH", as: who.as, params: { ...bProject(env), phase: env.bPhaseId }, body: { name: "Hijacked" } }));
      await expectAsUnknown((ids) => callRoute(r.PATCH, { method: "PATCH", as: who.as, params: { ...aProject(env), phase: ids.phase! }, body: { name: "Hijacked" } }), { phase: env.bPhaseId });
    },
    DELETE: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/phases/[phase]");
      await expectUnknownWorkspace(callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ...bProject(env), phase: env.bPhaseId } }));
      await expectAsUnknown((ids) => callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ...aProject(env), phase: ids.phase! } }), { phase: env.bPhaseId });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/items": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/items");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: bProject(env), url: "/api/x?limit=10" }));
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ws: env.a.slug, project: ids.project! }, url: "/api/x?limit=10" }), { project: env.bProject.slug });
    },
    POST: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/items");
      await expectUnknownWorkspace(callRoute(r.POST, { method: "POST", as: who.as, params: bProject(env), body: { title: "X" } }));
      await expectAsUnknown((ids) => callRoute(r.POST, { method: "POST", as: who.as, params: { ws: env.a.slug, project: ids.project! }, body: { title: "X" } }), { project: env.bProject.slug });
      // A's own project, pointing at B's phase and owner: refused as for ones that do not exist.
      await expectAsUnknown((ids) => callRoute(r.POST, { method: "POST", as: who.as, params: aProject(env), body: { title: "X", phaseId: ids.phase } }), { phase: env.bPhaseId });
      await expectAsUnknown((ids) => callRoute(r.POST, { method: "POST", as: who.as, params: aProject(env), body: { title: "X", ownerId: ids.owner } }), { owner: env.bOwnerId });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/items/bulk": {
    POST: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/items/bulk");
      await expectUnknownWorkspace(callRoute(r.POST, { method: "POST", as: who.as, params: bProject(env), body: { keys: [env.bItemKey], set: { status: "done" } } }));
      const own = await expectAsUnknown((ids) => callRoute(r.POST, { method: "POST", as: who.as, params: aProject(env), body: { keys: [ids.key], set: { status: "done" } } }), { key: env.bItemKey });
      if (can(who.role, "items.write")) expect(own.body.error.details.refused).toEqual([{ key: env.bItemKey, code: "not_found", reason: "Item not found." }]);
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/items/[key]": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/items/[key]");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: { ...bProject(env), key: env.bItemKey } }));
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ws: env.a.slug, project: ids.project!, key: ids.key! } }), { project: env.bProject.slug, key: env.bItemKey });
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ...aProject(env), key: ids.key! } }), { key: env.bItemKey });
    },
    PATCH: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/items/[key]");
      const body = { version: 1, title: "Hijacked" };
      await expectUnknownWorkspace(callRoute(r.PATCH, { method: "PATCH", as: who.as, params: { ...bProject(env), key: env.bItemKey }, body }));
      await expectAsUnknown((ids) => callRoute(r.PATCH, { method: "PATCH", as: who.as, params: { ...aProject(env), key: ids.key! }, body }), { key: env.bItemKey });
    },
    DELETE: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/items/[key]");
      await expectUnknownWorkspace(callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ...bProject(env), key: env.bItemKey } }));
      await expectAsUnknown((ids) => callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ...aProject(env), key: ids.key! } }), { key: env.bItemKey });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/items/[key]/evidence": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/items/[key]/evidence");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: { ...bProject(env), key: env.bItemKey } }));
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ...aProject(env), key: ids.key! } }), { key: env.bItemKey });
    },
    POST: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/items/[key]/evidence");
      const body = { kind: "note", note: "x" };
      await expectUnknownWorkspace(callRoute(r.POST, { method: "POST", as: who.as, params: { ...bProject(env), key: env.bItemKey }, body }));
      await expectAsUnknown((ids) => callRoute(r.POST, { method: "POST", as: who.as, params: { ...aProject(env), key: ids.key! }, body }), { key: env.bItemKey });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/items/[key]/comments": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/items/[key]/comments");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: { ...bProject(env), key: env.bItemKey } }));
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ...aProject(env), key: ids.key! } }), { key: env.bItemKey });
    },
    POST: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/items/[key]/comments");
      await expectUnknownWorkspace(callRoute(r.POST, { method: "POST", as: who.as, params: { ...bProject(env), key: env.bItemKey }, body: { body: "x" } }));
      await expectAsUnknown((ids) => callRoute(r.POST, { method: "POST", as: who.as, params: { ...aProject(env), key: ids.key! }, body: { body: "x" } }), { key: env.bItemKey });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/items/[key]/activity": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/items/[key]/activity");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: { ...bProject(env), key: env.bItemKey } }));
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ...aProject(env), key: ids.key! } }), { key: env.bItemKey });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/views": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/views");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: bProject(env) }));
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ws: env.a.slug, project: ids.project! } }), { project: env.bProject.slug });
    },
    POST: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/views");
      const body = { name: "x", surface: "register", query: "" };
      await expectUnknownWorkspace(callRoute(r.POST, { method: "POST", as: who.as, params: bProject(env), body }));
      await expectAsUnknown((ids) => callRoute(r.POST, { method: "POST", as: who.as, params: { ws: env.a.slug, project: ids.project! }, body }), { project: env.bProject.slug });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/views/[id]": {
    DELETE: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/views/[id]");
      await expectUnknownWorkspace(callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ...bProject(env), id: env.bViewId } }));
      await expectAsUnknown((ids) => callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ...aProject(env), id: ids.id! } }), { id: env.bViewId });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/gates": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: bProject(env) }));
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ws: env.a.slug, project: ids.project! } }), { project: env.bProject.slug });
    },
    POST: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates");
      await expectUnknownWorkspace(callRoute(r.POST, { method: "POST", as: who.as, params: bProject(env), body: { name: "Forged gate" } }));
      // A's own project, a rule naming B's phase: refused as for a phase that does not exist.
      await expectAsUnknown(
        (ids) => callRoute(r.POST, { method: "POST", as: who.as, params: aProject(env), body: { name: "X", criteria: [{ title: "x", type: "rule", rule: { type: "all_done", filter: { phase: ids.phase } } }] } }),
        { phase: env.bPhaseId },
      );
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: { ...bProject(env), gate: env.bGateId } }));
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ...aProject(env), gate: ids.gate! } }), { gate: env.bGateId });
    },
    PATCH: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]");
      const body = { name: "Hijacked gate", criteria: [] };
      await expectUnknownWorkspace(callRoute(r.PATCH, { method: "PATCH", as: who.as, params: { ...bProject(env), gate: env.bGateId }, body }));
      await expectAsUnknown((ids) => callRoute(r.PATCH, { method: "PATCH", as: who.as, params: { ...aProject(env), gate: ids.gate! }, body }), { gate: env.bGateId });
    },
    DELETE: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]");
      await expectUnknownWorkspace(callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ...bProject(env), gate: env.bGateId } }));
      await expectAsUnknown((ids) => callRoute(r.DELETE, { method: "DELETE", as: who.as, params: { ...aProject(env), gate: ids.gate! } }), { gate: env.bGateId });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/checklist": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/checklist");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: { ...bProject(env), gate: env.bGateId } }));
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ...aProject(env), gate: ids.gate! } }), { gate: env.bGateId });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/criteria/[criterion]/history": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/criteria/[criterion]/history");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: { ...bProject(env), gate: env.bGateId, criterion: env.bManualId } }));
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ...aProject(env), gate: ids.gate!, criterion: ids.criterion! } }), { gate: env.bGateId, criterion: env.bManualId });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/decisions/[decision]/approvals": {
    POST: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/decisions/[decision]/approvals");
      await expectUnknownWorkspace(callRoute(r.POST, { method: "POST", as: who.as, params: { ...bProject(env), gate: env.bGateId, decision: env.bDecisionId } }));
      await expectAsUnknown(
        (ids) => callRoute(r.POST, { method: "POST", as: who.as, params: { ...aProject(env), gate: ids.gate!, decision: ids.decision! } }),
        { gate: env.bGateId, decision: env.bDecisionId },
      );
    },
  },
  "/api/v1/workspaces/[ws]/deferred-risks": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/deferred-risks");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: bWs(env) }));
      const own = await callRoute(r.GET, { as: who.as, params: { ws: env.a.slug }, url: "/api/test?status=all" });
      expect(own.status).toBe(200);
      expect(JSON.stringify(own.body)).not.toContain("B secret");
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ws: env.a.slug }, url: `/api/test?project=${ids.project}` }), { project: env.bProject.slug });
    },
  },
  "/api/v1/workspaces/[ws]/deferred-risks/[risk]/resolve": {
    POST: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/deferred-risks/[risk]/resolve");
      const body = { resolution: "forged" };
      await expectUnknownWorkspace(callRoute(r.POST, { method: "POST", as: who.as, params: { ws: env.b.slug, risk: env.bRiskId }, body }));
      await expectAsUnknown((ids) => callRoute(r.POST, { method: "POST", as: who.as, params: { ws: env.a.slug, risk: ids.risk! }, body }), { risk: env.bRiskId });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/deferred-risks": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/deferred-risks");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: bProject(env) }));
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ws: env.a.slug, project: ids.project! } }), { project: env.bProject.slug });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/imports": {
    POST: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/imports");
      const body = { source: "## Phase 1\n- Forged item", apply: true };
      await expectUnknownWorkspace(callRoute(r.POST, { method: "POST", as: who.as, params: bProject(env), body }));
      await expectAsUnknown((ids) => callRoute(r.POST, { method: "POST", as: who.as, params: { ws: env.a.slug, project: ids.project! }, body }), { project: env.bProject.slug });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/imports/json": {
    POST: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/imports/json");
      const register = { schema: "readyroom.register", version: 1, exportedAt: new Date().toISOString(), project: { name: "X", keyPrefix: "X", description: "" }, owners: [], phases: [], items: [], dependencies: [], gates: [] };
      const body = { source: JSON.stringify(register), apply: true };
      await expectUnknownWorkspace(callRoute(r.POST, { method: "POST", as: who.as, params: bProject(env), body }));
      await expectAsUnknown((ids) => callRoute(r.POST, { method: "POST", as: who.as, params: { ws: env.a.slug, project: ids.project! }, body }), { project: env.bProject.slug });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/imports/csv": {
    POST: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/imports/csv");
      const body = { source: "Title\nForged item\n", apply: true };
      await expectUnknownWorkspace(callRoute(r.POST, { method: "POST", as: who.as, params: bProject(env), body }));
      await expectAsUnknown((ids) => callRoute(r.POST, { method: "POST", as: who.as, params: { ws: env.a.slug, project: ids.project! }, body }), { project: env.bProject.slug });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/export": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/export");
      for (const format of ["json", "csv", "plan-md", "gate-md"]) {
        await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: bProject(env), url: `/api/test?format=${format}` }));
        await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ws: env.a.slug, project: ids.project! }, url: `/api/test?format=${format}` }), { project: env.bProject.slug });
      }
      // A's own project, B's gate: as for a gate that does not exist.
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: aProject(env), url: `/api/test?format=gate-md&gate=${ids.gate}` }), { gate: env.bGateId });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/trend": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/trend");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: bProject(env) }));
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ws: env.a.slug, project: ids.project! } }), { project: env.bProject.slug });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/evaluation": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/evaluation");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: { ...bProject(env), gate: env.bGateId } }));
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ...aProject(env), gate: ids.gate! } }), { gate: env.bGateId });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/criteria/[criterion]/checks": {
    POST: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/criteria/[criterion]/checks");
      const body = { status: "pass", summary: "forged" };
      await expectUnknownWorkspace(callRoute(r.POST, { method: "POST", as: who.as, params: { ...bProject(env), gate: env.bGateId, criterion: env.bCheckId }, body }));
      await expectAsUnknown((ids) => callRoute(r.POST, { method: "POST", as: who.as, params: { ...aProject(env), gate: ids.gate!, criterion: ids.criterion! }, body }), { gate: env.bGateId, criterion: env.bCheckId });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/criteria/[criterion]/marks": {
    POST: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/criteria/[criterion]/marks");
      const body = { result: "pass", justification: "forged" };
      await expectUnknownWorkspace(callRoute(r.POST, { method: "POST", as: who.as, params: { ...bProject(env), gate: env.bGateId, criterion: env.bManualId }, body }));
      await expectAsUnknown((ids) => callRoute(r.POST, { method: "POST", as: who.as, params: { ...aProject(env), gate: ids.gate!, criterion: ids.criterion! }, body }), { gate: env.bGateId, criterion: env.bManualId });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/decisions": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/decisions");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: { ...bProject(env), gate: env.bGateId } }));
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ...aProject(env), gate: ids.gate! } }), { gate: env.bGateId });
    },
    POST: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/decisions");
      const body = { outcome: "no_go", rationale: "forged", confidence: "high" };
      await expectUnknownWorkspace(callRoute(r.POST, { method: "POST", as: who.as, params: { ...bProject(env), gate: env.bGateId }, body }));
      await expectAsUnknown((ids) => callRoute(r.POST, { method: "POST", as: who.as, params: { ...aProject(env), gate: ids.gate! }, body }), { gate: env.bGateId });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/events": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/events");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: bProject(env) }));
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ws: env.a.slug, project: ids.project! } }), { project: env.bProject.slug });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/public-status": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/public-status");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: bProject(env) }));
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ws: env.a.slug, project: ids.project! } }), { project: env.bProject.slug });
    },
    PUT: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/public-status");
      const body = { enabled: true, slug: `x-${env.bProject.slug}`.slice(0, 40), show: { decision: true, recommendation: true, phases: true, severityCounts: true, criteria: true, itemTitles: true }, embedOrigins: [] };
      await expectUnknownWorkspace(callRoute(r.PUT, { method: "PUT", as: who.as, params: bProject(env), body }));
      await expectAsUnknown((ids) => callRoute(r.PUT, { method: "PUT", as: who.as, params: { ws: env.a.slug, project: ids.project! }, body }), { project: env.bProject.slug });
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/batches": {
    GET: async (env, who) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/batches");
      await expectUnknownWorkspace(callRoute(r.GET, { as: who.as, params: bProject(env) }));
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: { ws: env.a.slug, project: ids.project! } }), { project: env.bProject.slug });
      // A's own project, B's phase id or item key: neither exists for A.
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: aProject(env), url: `/api/test?phase=${ids.phase}` }), { phase: env.bPhaseId });
      await expectAsUnknown((ids) => callRoute(r.GET, { as: who.as, params: aProject(env), url: `/api/test?items=${ids.key}` }), { key: env.bItemKey });
    },
  },
};

describe("cross-tenant matrix", () => {
  let env: Env;
  let checksums: TableChecksums;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    // Checksums of every table need a database that only this file writes to.
    dropDatabase = await ownDatabase();
    const [a, b] = [await createWorkspace("iso-a"), await createWorkspace("iso-b")];
    const bProject = await createTestProject(b);
    const aProject = await createTestProject(a);
    const bOwner = await createOwner({ ctx: b.ctx, input: { name: "B team", kind: "team" } });
    const bPhase = await createPhase({ ctx: b.ctx, projectSlug: bProject.slug, input: createPhaseInput.parse({ name: "B phase" }) });
    const bItem = await createItem({ ctx: b.ctx, projectSlug: bProject.slug, input: { title: "B secret finding", phaseId: bPhase.id, ownerId: bOwner.id } });
    const bOwnerCtx = { ...b.ctx, actor: { type: "user" as const, userId: b.owner.id, email: b.owner.email } };
    const bView = await createSavedView({ ctx: bOwnerCtx, projectSlug: bProject.slug, input: { name: "B view", surface: "register", query: "", shared: true } });
    const { invitation, token } = await createInvitation({ ctx: b.ctx, input: { email: "someone@b.test", role: "member" } });
    const bKey = await createTestApiKey(b, "admin");
    const aKeys = { read: await createTestApiKey(a, "read"), write: await createTestApiKey(a, "write"), admin: await createTestApiKey(a, "admin") };
    const bGate = await b.ctx.db.gate.create({ data: { workspaceId: b.id, projectId: bProject.id, name: "B gate" } });
    const bCheck = await b.ctx.db.criterion.create({ data: { workspaceId: b.id, gateId: bGate.id, position: 0, title: "CI", type: "check" } });
    const bManual = await b.ctx.db.criterion.create({ data: { workspaceId: b.id, gateId: bGate.id, position: 1, title: "Sign-off", type: "manual" } });
    const bDecision = await b.ctx.db.decision.create({
      data: { workspaceId: b.id, projectId: bProject.id, gateId: bGate.id, outcome: "go_with_risks", recommendation: "go_with_risks", rationale: "B secret rationale", confidence: "medium", snapshot: {}, snapshotHash: "0".repeat(64), requiredApprovals: 2, decidedById: b.owner.id },
    });
    await b.ctx.db.decisionApproval.create({ data: { workspaceId: b.id, decisionId: bDecision.id, userId: b.owner.id } });
    const bRisk = await b.ctx.db.deferredRisk.create({ data: { workspaceId: b.id, decisionId: bDecision.id, itemId: null, title: "B secret risk", ownerId: bOwner.id, dueDate: new Date("2026-01-01T00:00:00Z") } });
    const { webhook: bWebhook } = await createWebhook({ ctx: b.ctx, input: { url: "https://hooks.b.example.com/readyroom", description: "", events: ["item.created"] } });
    const bDelivery = await b.ctx.db.webhookDelivery.create({ data: { workspaceId: b.ctx.workspace.id, webhookId: bWebhook.id, eventType: "webhook.test", eventId: "msg_b", payload: {}, status: "failed" } });
    const bConnection = await b.ctx.db.ssoConnection.create({ data: { workspaceId: b.id, protocol: "oidc", name: "B IdP", domains: ["b-secret.example"], oidcIssuer: "https://idp.b.example", oidcClientId: "b", oidcClientSecret: "sealed" } });
    const bScimToken = await b.ctx.db.scimToken.create({ data: { workspaceId: b.id, name: "B IdP", prefix: "rrscim_b", hash: "b".repeat(64) } });
    const bScimUser = await b.ctx.db.scimUser.create({ data: { workspaceId: b.id, userId: b.members.member.id, userName: b.members.member.email } });
    const bScimGroup = await b.ctx.db.scimGroup.create({ data: { workspaceId: b.id, displayName: "B engineers", role: "member" } });
    await b.ctx.db.scimGroupMember.create({ data: { workspaceId: b.id, groupId: bScimGroup.id, scimUserId: bScimUser.id } });
    const { createScimToken } = await import("@/lib/services/scim/tokens");
    const aScim = await createScimToken({ ctx: { ...a.ctx, actor: { type: "user", userId: a.owner.id, email: a.owner.email } }, name: "A IdP" });
    const bDomain = await b.ctx.db.workspaceDomain.create({ data: { workspaceId: b.id, domain: "b-secret.example", token: "b-token" } });
    const bAuditEvent = await b.ctx.db.auditEvent.findFirstOrThrow({});
    env = {
      a,
      b,
      aProject,
      bProject,
      bPhaseId: bPhase.id,
      bOwnerId: bOwner.id,
      bItemKey: bItem.key,
      bViewId: bView.id,
      bGateId: bGate.id,
      bCheckId: bCheck.id,
      bManualId: bManual.id,
      bDecisionId: bDecision.id,
      bRiskId: bRisk.id,
      bInvitationId: invitation.id,
      bInvitationToken: token,
      bApiKeyId: bKey.id,
      bWebhookId: bWebhook.id,
      bDomainId: bDomain.id,
      bConnectionId: bConnection.id,
      bScimTokenId: bScimToken.id,
      bScimGroupId: bScimGroup.id,
      bScimUserId: bScimUser.id,
      aScimToken: aScim.token,
      bDeliveryId: bDelivery.id,
      bAuditEventId: bAuditEvent.id,
      aKeys,
    };
    checksums = await tableChecksums();
  });

  afterAll(async () => dropDatabase?.());

  it("covers every route handler and method under app/api", async () => {
    const missing: string[] = [];
    for (const route of routes) {
      const mod = (await import(/* @vite-ignore */ route.file)) as Record<string, unknown>;
      for (const method of METHODS) {
        if (typeof mod[method] !== "function") continue;
        if (NOT_WORKSPACE_DATA[route.path]) continue;
        if (!CASES[route.path]?.[method]) missing.push(`${method} ${route.path}`);
      }
    }
    expect(missing, "routes without a cross-tenant case").toEqual([]);
  });

  it("checksums the table of every Prisma model", () => {
    expect(checksums.tables).toEqual(expect.arrayContaining(Object.values(Prisma.ModelName).map((model) => `public.${model}`)));
    expect(checksums.tables).not.toContain("public._prisma_migrations");
  });

  // Each caller reaches A with its role, so that a 404 below is about B, not about a caller that is nobody.
  for (const caller of CALLERS) {
    it(`${caller.label} reaches A with its role`, async () => {
      const who = caller.who(env);
      const r = await callRoute((await loadRoute("/api/v1/workspaces/[ws]")).GET, { as: who.as, params: { ws: env.a.slug } });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ slug: env.a.slug, role: who.role });
    });
  }

  it("sees any write, and leaves out only the calling API key's own lastUsedAt", async () => {
    const { read, write, admin } = env.aKeys;
    const mine = await checksums.take(read.id);
    const anyone = await checksums.take(null);
    const owner = await env.a.ctx.db.owner.create({ data: { workspaceId: env.a.id, name: "Checksum probe", kind: "team" } });
    expect(changedTables(mine, await checksums.take(read.id))).toEqual([expect.stringMatching(/^public\.Owner /)]);
    await env.a.ctx.db.owner.delete({ where: { id: owner.id } });
    expect(changedTables(mine, await checksums.take(read.id))).toEqual([]);
    // Authenticating a call stamps the key's lastUsedAt (at most once a minute): its own stamp is left out, any other key's counts.
    // Each key of A is marked as last used long ago, so the first case of each key in the matrix stamps it again.
    await env.a.ctx.db.apiKey.update({ where: { id: read.id }, data: { lastUsedAt: new Date(0) } });
    expect(changedTables(mine, await checksums.take(read.id))).toEqual([]);
    expect(changedTables(anyone, await checksums.take(null))).toEqual([expect.stringMatching(/^public\.ApiKey /)]);
    await env.a.ctx.db.apiKey.updateMany({ where: { id: { in: [write.id, admin.id] } }, data: { lastUsedAt: new Date(0) } });
    expect(changedTables(mine, await checksums.take(read.id))).toEqual([expect.stringMatching(/^public\.ApiKey /)]);
  });

  for (const [routePath, methods] of Object.entries(CASES)) {
    for (const [method, run] of Object.entries(methods)) {
      for (const caller of CALLERS) {
        it(`${method} ${routePath} as ${caller.label}: not found, nothing written`, async () => {
          const who = caller.who(env);
          const before = await checksums.take(who.apiKeyId);
          await run(env, who);
          const after = await checksums.take(who.apiKeyId);
          expect(changedTables(before, after), "tables written by a refused cross-tenant request").toEqual([]);
        });
      }
    }
  }
});
