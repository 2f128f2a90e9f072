import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createInvitation } from "@/lib/services/invitations/create-invitation";
import { createItem } from "@/lib/services/items/create-item";
import { createOwner } from "@/lib/services/owners/owners";
import { createPhase } from "@/lib/services/phases/create-phase";
import { createSavedView } from "@/lib/services/views/saved-views";
import { createWebhook } from "@/lib/services/webhooks/manage-webhooks";
import { createPhaseInput } from "@/lib/validation/phase";
import { as, createTestApiKey, createTestProject, createWorkspace, type TestWorkspace } from "./factories";
import { callRoute, type As } from "./harness/call-route";

/**
 * Every route handler under app/api, with every method it exports, must have a
 * cross-workspace case here: a caller of workspace A aims at workspace B's ids
 * and gets the same 404 as for an id that does not exist, and B is unchanged.
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
  "/api/[...path]": "JSON 404 for unknown API paths",
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
  bDeliveryId: string;
  aKey: string;
}

type Case = (env: Env, caller: As) => Promise<void>;

/** Expects the answer an unknown id gets, never 403 or a hint that the id exists. */
async function expectNotFound(result: Promise<{ status: number; body: { error?: { code: string } } }>) {
  const r = await result;
  expect(r.status).toBe(404);
  expect(r.body.error?.code).toBe("not_found");
}

const ws = (env: Env) => ({ ws: env.b.slug });

async function loadRoute(routePath: string) {
  const route = routes.find((r) => r.path === routePath);
  if (!route) throw new Error(`No route at ${routePath}`);
  return (await import(/* @vite-ignore */ route.file)) as Partial<Record<Method, Parameters<typeof callRoute>[0]>>;
}

const CASES: Record<string, Partial<Record<Method, Case>>> = {
  "/api/v1/me": {
    GET: async (env, caller) => {
      const r = await callRoute((await loadRoute("/api/v1/me")).GET, { as: caller });
      expect(r.status).toBe(200);
      expect(r.body.workspaces.map((w: { slug: string }) => w.slug)).not.toContain(env.b.slug);
    },
  },
  "/api/v1/workspaces": {
    GET: async (env, caller) => {
      const r = await callRoute((await loadRoute("/api/v1/workspaces")).GET, { as: caller });
      expect(r.status).toBe(200);
      expect(r.body.data.map((w: { slug: string }) => w.slug)).not.toContain(env.b.slug);
    },
    POST: async (env, caller) => {
      // Creating a workspace with B's slug is a conflict on the slug, and B keeps its owner.
      const r = await callRoute((await loadRoute("/api/v1/workspaces")).POST, { method: "POST", as: caller, body: { slug: env.b.slug, name: "Takeover" } });
      expect([403, 409]).toContain(r.status);
      expect(await env.b.ctx.db.membership.count({ where: { role: "owner" } })).toBe(1);
    },
  },
  "/api/v1/invitations/[token]": {
    POST: async (env, caller) => {
      // B's invitation is for another address: accepting it as A's user is refused and creates no membership.
      const r = await callRoute((await loadRoute("/api/v1/invitations/[token]")).POST, { method: "POST", as: caller, params: { token: env.bInvitationToken } });
      expect([403, 404]).toContain(r.status);
      expect(await env.b.ctx.db.membership.count()).toBe(4);
    },
  },
  "/api/v1/workspaces/[ws]": {
    GET: async (env, caller) => expectNotFound(callRoute((await loadRoute("/api/v1/workspaces/[ws]")).GET, { as: caller, params: ws(env) })),
    PATCH: async (env, caller) => {
      await expectNotFound(callRoute((await loadRoute("/api/v1/workspaces/[ws]")).PATCH, { method: "PATCH", as: caller, params: ws(env), body: { name: "Hijacked" } }));
      expect((await env.b.ctx.db.workspace.findFirstOrThrow({})).name).not.toBe("Hijacked");
    },
    DELETE: async (env, caller) => {
      await expectNotFound(callRoute((await loadRoute("/api/v1/workspaces/[ws]")).DELETE, { method: "DELETE", as: caller, params: ws(env) }));
      expect(await env.b.ctx.db.workspace.count()).toBe(1);
    },
  },
  "/api/v1/workspaces/[ws]/members": {
    GET: async (env, caller) => expectNotFound(callRoute((await loadRoute("/api/v1/workspaces/[ws]/members")).GET, { as: caller, params: ws(env) })),
    POST: async (env, caller) => {
      await expectNotFound(callRoute((await loadRoute("/api/v1/workspaces/[ws]/members")).POST, { method: "POST", as: caller, params: ws(env), body: { email: env.a.owner.email, role: "owner" } }));
      expect(await env.b.ctx.db.membership.count()).toBe(4);
    },
  },
  "/api/v1/workspaces/[ws]/members/[userId]": {
    PATCH: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/members/[userId]");
      await expectNotFound(callRoute(r.PATCH, { method: "PATCH", as: caller, params: { ws: env.b.slug, userId: env.b.members.viewer.id }, body: { role: "owner" } }));
      // A's own workspace, B's member id: not found either.
      await expectNotFound(callRoute(r.PATCH, { method: "PATCH", as: caller, params: { ws: env.a.slug, userId: env.b.members.viewer.id }, body: { role: "viewer" } }));
      expect((await env.b.ctx.db.membership.findFirstOrThrow({ where: { userId: env.b.members.viewer.id } })).role).toBe("viewer");
    },
    DELETE: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/members/[userId]");
      await expectNotFound(callRoute(r.DELETE, { method: "DELETE", as: caller, params: { ws: env.b.slug, userId: env.b.members.member.id } }));
      await expectNotFound(callRoute(r.DELETE, { method: "DELETE", as: caller, params: { ws: env.a.slug, userId: env.b.members.member.id } }));
      expect(await env.b.ctx.db.membership.count()).toBe(4);
    },
  },
  "/api/v1/workspaces/[ws]/invitations": {
    GET: async (env, caller) => expectNotFound(callRoute((await loadRoute("/api/v1/workspaces/[ws]/invitations")).GET, { as: caller, params: ws(env) })),
    POST: async (env, caller) => {
      const before = await env.b.ctx.db.invitation.count();
      await expectNotFound(callRoute((await loadRoute("/api/v1/workspaces/[ws]/invitations")).POST, { method: "POST", as: caller, params: ws(env), body: { email: "x@evil.test", role: "owner" } }));
      expect(await env.b.ctx.db.invitation.count()).toBe(before);
    },
  },
  "/api/v1/workspaces/[ws]/invitations/[id]": {
    DELETE: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/invitations/[id]");
      await expectNotFound(callRoute(r.DELETE, { method: "DELETE", as: caller, params: { ws: env.b.slug, id: env.bInvitationId } }));
      await expectNotFound(callRoute(r.DELETE, { method: "DELETE", as: caller, params: { ws: env.a.slug, id: env.bInvitationId } }));
      expect((await env.b.ctx.db.invitation.findFirstOrThrow({ where: { id: env.bInvitationId } })).revokedAt).toBeNull();
    },
  },
  "/api/v1/workspaces/[ws]/projects": {
    GET: async (env, caller) => expectNotFound(callRoute((await loadRoute("/api/v1/workspaces/[ws]/projects")).GET, { as: caller, params: ws(env) })),
    POST: async (env, caller) => {
      const before = await env.b.ctx.db.project.count();
      await expectNotFound(callRoute((await loadRoute("/api/v1/workspaces/[ws]/projects")).POST, { method: "POST", as: caller, params: ws(env), body: { slug: "x-proj", name: "X", keyPrefix: "XX" } }));
      expect(await env.b.ctx.db.project.count()).toBe(before);
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]": {
    GET: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]");
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.b.slug, project: env.bProject.slug } }));
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.a.slug, project: env.bProject.slug } }));
    },
    PATCH: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]");
      await expectNotFound(callRoute(r.PATCH, { method: "PATCH", as: caller, params: { ws: env.b.slug, project: env.bProject.slug }, body: { name: "Hijacked" } }));
      await expectNotFound(callRoute(r.PATCH, { method: "PATCH", as: caller, params: { ws: env.a.slug, project: env.bProject.slug }, body: { name: "Hijacked" } }));
      expect((await env.b.ctx.db.project.findFirstOrThrow({ where: { id: env.bProject.id } })).name).not.toBe("Hijacked");
    },
    DELETE: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]");
      await expectNotFound(callRoute(r.DELETE, { method: "DELETE", as: caller, params: { ws: env.b.slug, project: env.bProject.slug } }));
      await expectNotFound(callRoute(r.DELETE, { method: "DELETE", as: caller, params: { ws: env.a.slug, project: env.bProject.slug } }));
      expect(await env.b.ctx.db.project.count({ where: { id: env.bProject.id } })).toBe(1);
    },
  },
  "/api/v1/workspaces/[ws]/api-keys": {
    GET: async (env, caller) => expectNotFound(callRoute((await loadRoute("/api/v1/workspaces/[ws]/api-keys")).GET, { as: caller, params: ws(env) })),
    POST: async (env, caller) => {
      const before = await env.b.ctx.db.apiKey.count();
      await expectNotFound(callRoute((await loadRoute("/api/v1/workspaces/[ws]/api-keys")).POST, { method: "POST", as: caller, params: ws(env), body: { name: "steal", role: "admin" } }));
      expect(await env.b.ctx.db.apiKey.count()).toBe(before);
    },
  },
  "/api/v1/workspaces/[ws]/api-keys/[id]": {
    DELETE: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/api-keys/[id]");
      await expectNotFound(callRoute(r.DELETE, { method: "DELETE", as: caller, params: { ws: env.b.slug, id: env.bApiKeyId } }));
      await expectNotFound(callRoute(r.DELETE, { method: "DELETE", as: caller, params: { ws: env.a.slug, id: env.bApiKeyId } }));
      expect((await env.b.ctx.db.apiKey.findFirstOrThrow({ where: { id: env.bApiKeyId } })).revokedAt).toBeNull();
    },
  },
  "/api/v1/workspaces/[ws]/webhooks": {
    GET: async (env, caller) => expectNotFound(callRoute((await loadRoute("/api/v1/workspaces/[ws]/webhooks")).GET, { as: caller, params: ws(env) })),
    POST: async (env, caller) => {
      const before = await env.b.ctx.db.webhook.count();
      await expectNotFound(callRoute((await loadRoute("/api/v1/workspaces/[ws]/webhooks")).POST, { method: "POST", as: caller, params: ws(env), body: { url: "https://attacker.example.com/hook", events: ["item.created"] } }));
      expect(await env.b.ctx.db.webhook.count()).toBe(before);
    },
  },
  "/api/v1/workspaces/[ws]/webhooks/[id]": {
    GET: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/webhooks/[id]");
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.b.slug, id: env.bWebhookId } }));
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.a.slug, id: env.bWebhookId } }));
    },
    PATCH: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/webhooks/[id]");
      const body = { url: "https://attacker.example.com/hook" };
      await expectNotFound(callRoute(r.PATCH, { method: "PATCH", as: caller, params: { ws: env.b.slug, id: env.bWebhookId }, body }));
      await expectNotFound(callRoute(r.PATCH, { method: "PATCH", as: caller, params: { ws: env.a.slug, id: env.bWebhookId }, body }));
      expect((await env.b.ctx.db.webhook.findFirstOrThrow({ where: { id: env.bWebhookId } })).url).toBe("https://hooks.b.example.com/readyroom");
    },
    DELETE: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/webhooks/[id]");
      await expectNotFound(callRoute(r.DELETE, { method: "DELETE", as: caller, params: { ws: env.b.slug, id: env.bWebhookId } }));
      await expectNotFound(callRoute(r.DELETE, { method: "DELETE", as: caller, params: { ws: env.a.slug, id: env.bWebhookId } }));
      expect(await env.b.ctx.db.webhook.count({ where: { id: env.bWebhookId } })).toBe(1);
    },
  },
  "/api/v1/workspaces/[ws]/webhooks/[id]/test": {
    POST: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/webhooks/[id]/test");
      const before = await env.b.ctx.db.webhookDelivery.count();
      await expectNotFound(callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.b.slug, id: env.bWebhookId } }));
      await expectNotFound(callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.a.slug, id: env.bWebhookId } }));
      expect(await env.b.ctx.db.webhookDelivery.count()).toBe(before);
    },
  },
  "/api/v1/workspaces/[ws]/webhooks/[id]/deliveries": {
    GET: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/webhooks/[id]/deliveries");
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.b.slug, id: env.bWebhookId } }));
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.a.slug, id: env.bWebhookId } }));
    },
  },
  "/api/v1/workspaces/[ws]/webhooks/[id]/deliveries/[delivery]/resend": {
    POST: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/webhooks/[id]/deliveries/[delivery]/resend");
      await expectNotFound(callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.b.slug, id: env.bWebhookId, delivery: env.bDeliveryId } }));
      await expectNotFound(callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.a.slug, id: env.bWebhookId, delivery: env.bDeliveryId } }));
      expect((await env.b.ctx.db.webhookDelivery.findFirstOrThrow({ where: { id: env.bDeliveryId } })).status).toBe("failed");
    },
  },
  "/api/v1/workspaces/[ws]/audit-events": {
    GET: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/audit-events");
      await expectNotFound(callRoute(r.GET, { as: caller, params: ws(env) }));
      // A's own log: B's event as a cursor is refused like an id that does not exist, and B's object filters find nothing.
      const bEvent = await env.b.ctx.db.auditEvent.findFirstOrThrow({});
      for (const cursor of [bEvent.id, "no-such-event"]) {
        const refused = await callRoute(r.GET, { as: caller, params: { ws: env.a.slug }, url: `/api/test?cursor=${cursor}` });
        expect(refused.status).toBe(422);
        expect(refused.body.error.details).toEqual([{ path: "cursor", message: "is not an entry of this audit log" }]);
      }
      const filtered = await callRoute(r.GET, { as: caller, params: { ws: env.a.slug }, url: `/api/test?targetType=project&targetId=${env.bProject.id}` });
      expect(filtered.status).toBe(200);
      expect(filtered.body.data).toEqual([]);
    },
  },
  "/api/v1/workspaces/[ws]/audit-events/export": {
    GET: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/audit-events/export");
      await expectNotFound(callRoute(r.GET, { as: caller, params: ws(env) }));
      await expectNotFound(callRoute(r.GET, { as: caller, params: ws(env), url: `/api/test?targetType=project&targetId=${env.bProject.id}` }));
      // A's own export, aimed at B's project: the header row only, nothing of B.
      const own = await callRoute(r.GET, { as: caller, params: { ws: env.a.slug }, url: `/api/test?targetType=project&targetId=${env.bProject.id}` });
      expect(own.status).toBe(200);
      expect(own.headers.get("x-export-rows")).toBe("0");
      expect(String(own.body).trim().split("\r\n")).toHaveLength(1);
      const all = await callRoute(r.GET, { as: caller, params: { ws: env.a.slug } });
      expect(all.status).toBe(200);
      expect(String(all.body)).not.toContain(env.bProject.id);
      expect(String(all.body)).not.toContain(env.b.slug);
    },
  },
  "/api/v1/workspaces/[ws]/owners": {
    GET: async (env, caller) => expectNotFound(callRoute((await loadRoute("/api/v1/workspaces/[ws]/owners")).GET, { as: caller, params: ws(env) })),
    POST: async (env, caller) => {
      await expectNotFound(callRoute((await loadRoute("/api/v1/workspaces/[ws]/owners")).POST, { method: "POST", as: caller, params: ws(env), body: { name: "Intruder" } }));
      expect(await env.b.ctx.db.owner.count()).toBe(1);
    },
  },
  "/api/v1/workspaces/[ws]/owners/[id]": {
    PATCH: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/owners/[id]");
      await expectNotFound(callRoute(r.PATCH, { method: "PATCH", as: caller, params: { ws: env.b.slug, id: env.bOwnerId }, body: { name: "Hijacked" } }));
      await expectNotFound(callRoute(r.PATCH, { method: "PATCH", as: caller, params: { ws: env.a.slug, id: env.bOwnerId }, body: { name: "Hijacked" } }));
      expect((await env.b.ctx.db.owner.findFirstOrThrow({ where: { id: env.bOwnerId } })).name).toBe("B team");
    },
    DELETE: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/owners/[id]");
      await expectNotFound(callRoute(r.DELETE, { method: "DELETE", as: caller, params: { ws: env.b.slug, id: env.bOwnerId } }));
      await expectNotFound(callRoute(r.DELETE, { method: "DELETE", as: caller, params: { ws: env.a.slug, id: env.bOwnerId } }));
      expect(await env.b.ctx.db.owner.count({ where: { id: env.bOwnerId } })).toBe(1);
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/phases": {
    GET: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/phases");
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.b.slug, project: env.bProject.slug } }));
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.a.slug, project: env.bProject.slug } }));
    },
    POST: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/phases");
      await expectNotFound(callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.b.slug, project: env.bProject.slug }, body: { name: "X" } }));
      // A's own project, depending on B's phase: B's phase does not exist for A.
      const dep = await callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.a.slug, project: env.aProject.slug }, body: { name: "X", dependsOn: [env.bPhaseId] } });
      expect(dep.status).toBe(422);
      expect(await env.b.ctx.db.phase.count()).toBe(1);
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/phases/[phase]": {
    PATCH: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/phases/[phase]");
      await expectNotFound(callRoute(r.PATCH, { method: "PATCH", as: caller, params: { ws: env.b.slug, project: env.bProject.slug, phase: env.bPhaseId }, body: { name: "Hijacked" } }));
      await expectNotFound(callRoute(r.PATCH, { method: "PATCH", as: caller, params: { ws: env.a.slug, project: env.aProject.slug, phase: env.bPhaseId }, body: { name: "Hijacked" } }));
      expect((await env.b.ctx.db.phase.findFirstOrThrow({ where: { id: env.bPhaseId } })).name).toBe("B phase");
    },
    DELETE: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/phases/[phase]");
      await expectNotFound(callRoute(r.DELETE, { method: "DELETE", as: caller, params: { ws: env.b.slug, project: env.bProject.slug, phase: env.bPhaseId } }));
      await expectNotFound(callRoute(r.DELETE, { method: "DELETE", as: caller, params: { ws: env.a.slug, project: env.aProject.slug, phase: env.bPhaseId } }));
      expect(await env.b.ctx.db.phase.count({ where: { id: env.bPhaseId } })).toBe(1);
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/items": {
    GET: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/items");
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.b.slug, project: env.bProject.slug }, url: "/api/x?limit=10" }));
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.a.slug, project: env.bProject.slug }, url: "/api/x?limit=10" }));
    },
    POST: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/items");
      await expectNotFound(callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.b.slug, project: env.bProject.slug }, body: { title: "X" } }));
      // A's own project, pointing at B's phase and owner: refused, nothing written in B.
      for (const body of [{ title: "X", phaseId: env.bPhaseId }, { title: "X", ownerId: env.bOwnerId }]) {
        const res = await callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.a.slug, project: env.aProject.slug }, body });
        expect(res.status).toBe(422);
      }
      expect(await env.b.ctx.db.item.count()).toBe(1);
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/items/bulk": {
    POST: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/items/bulk");
      await expectNotFound(callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.b.slug, project: env.bProject.slug }, body: { keys: [env.bItemKey], set: { status: "done" } } }));
      expect((await env.b.ctx.db.item.findFirstOrThrow({})).status).toBe("open");
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/items/[key]": {
    GET: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/items/[key]");
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.b.slug, project: env.bProject.slug, key: env.bItemKey } }));
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.a.slug, project: env.bProject.slug, key: env.bItemKey } }));
    },
    PATCH: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/items/[key]");
      await expectNotFound(callRoute(r.PATCH, { method: "PATCH", as: caller, params: { ws: env.b.slug, project: env.bProject.slug, key: env.bItemKey }, body: { version: 1, title: "Hijacked" } }));
      expect((await env.b.ctx.db.item.findFirstOrThrow({})).title).toBe("B secret finding");
    },
    DELETE: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/items/[key]");
      await expectNotFound(callRoute(r.DELETE, { method: "DELETE", as: caller, params: { ws: env.b.slug, project: env.bProject.slug, key: env.bItemKey } }));
      expect(await env.b.ctx.db.item.count()).toBe(1);
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/items/[key]/evidence": {
    GET: async (env, caller) =>
      expectNotFound(callRoute((await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/items/[key]/evidence")).GET, { as: caller, params: { ws: env.b.slug, project: env.bProject.slug, key: env.bItemKey } })),
    POST: async (env, caller) => {
      await expectNotFound(callRoute((await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/items/[key]/evidence")).POST, { method: "POST", as: caller, params: { ws: env.b.slug, project: env.bProject.slug, key: env.bItemKey }, body: { kind: "note", note: "x" } }));
      expect(await env.b.ctx.db.evidence.count()).toBe(0);
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/items/[key]/comments": {
    GET: async (env, caller) =>
      expectNotFound(callRoute((await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/items/[key]/comments")).GET, { as: caller, params: { ws: env.b.slug, project: env.bProject.slug, key: env.bItemKey } })),
    POST: async (env, caller) => {
      await expectNotFound(callRoute((await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/items/[key]/comments")).POST, { method: "POST", as: caller, params: { ws: env.b.slug, project: env.bProject.slug, key: env.bItemKey }, body: { body: "x" } }));
      expect(await env.b.ctx.db.comment.count()).toBe(0);
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/items/[key]/activity": {
    GET: async (env, caller) =>
      expectNotFound(callRoute((await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/items/[key]/activity")).GET, { as: caller, params: { ws: env.b.slug, project: env.bProject.slug, key: env.bItemKey } })),
  },
  "/api/v1/workspaces/[ws]/projects/[project]/views": {
    GET: async (env, caller) =>
      expectNotFound(callRoute((await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/views")).GET, { as: caller, params: { ws: env.b.slug, project: env.bProject.slug } })),
    POST: async (env, caller) => {
      await expectNotFound(callRoute((await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/views")).POST, { method: "POST", as: caller, params: { ws: env.b.slug, project: env.bProject.slug }, body: { name: "x", surface: "register", query: "" } }));
      expect(await env.b.ctx.db.savedView.count()).toBe(1);
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/views/[id]": {
    DELETE: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/views/[id]");
      await expectNotFound(callRoute(r.DELETE, { method: "DELETE", as: caller, params: { ws: env.b.slug, project: env.bProject.slug, id: env.bViewId } }));
      await expectNotFound(callRoute(r.DELETE, { method: "DELETE", as: caller, params: { ws: env.a.slug, project: env.aProject.slug, id: env.bViewId } }));
      expect(await env.b.ctx.db.savedView.count()).toBe(1);
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/gates": {
    GET: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates");
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.b.slug, project: env.bProject.slug } }));
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.a.slug, project: env.bProject.slug } }));
    },
    POST: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates");
      await expectNotFound(callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.b.slug, project: env.bProject.slug }, body: { name: "Forged gate" } }));
      // A's own project, a rule naming B's phase: refused.
      const own = await callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.a.slug, project: env.aProject.slug }, body: { name: "X", criteria: [{ title: "x", type: "rule", rule: { type: "all_done", filter: { phase: env.bPhaseId } } }] } });
      expect(own.status).toBe(422);
      expect(await env.b.ctx.db.gate.count()).toBe(1);
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]": {
    GET: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]");
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.b.slug, project: env.bProject.slug, gate: env.bGateId } }));
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.a.slug, project: env.aProject.slug, gate: env.bGateId } }));
    },
    PATCH: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]");
      const body = { name: "Hijacked gate", criteria: [] };
      await expectNotFound(callRoute(r.PATCH, { method: "PATCH", as: caller, params: { ws: env.b.slug, project: env.bProject.slug, gate: env.bGateId }, body }));
      await expectNotFound(callRoute(r.PATCH, { method: "PATCH", as: caller, params: { ws: env.a.slug, project: env.aProject.slug, gate: env.bGateId }, body }));
      expect((await env.b.ctx.db.gate.findFirstOrThrow({ where: { id: env.bGateId } })).name).toBe("B gate");
      expect(await env.b.ctx.db.criterion.count({ where: { gateId: env.bGateId } })).toBe(2);
    },
    DELETE: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]");
      await expectNotFound(callRoute(r.DELETE, { method: "DELETE", as: caller, params: { ws: env.b.slug, project: env.bProject.slug, gate: env.bGateId } }));
      await expectNotFound(callRoute(r.DELETE, { method: "DELETE", as: caller, params: { ws: env.a.slug, project: env.aProject.slug, gate: env.bGateId } }));
      expect(await env.b.ctx.db.gate.count()).toBe(1);
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/checklist": {
    GET: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/checklist");
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.b.slug, project: env.bProject.slug, gate: env.bGateId } }));
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.a.slug, project: env.aProject.slug, gate: env.bGateId } }));
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/criteria/[criterion]/history": {
    GET: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/criteria/[criterion]/history");
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.b.slug, project: env.bProject.slug, gate: env.bGateId, criterion: env.bManualId } }));
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.a.slug, project: env.aProject.slug, gate: env.bGateId, criterion: env.bManualId } }));
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/decisions/[decision]/approvals": {
    POST: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/decisions/[decision]/approvals");
      await expectNotFound(callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.b.slug, project: env.bProject.slug, gate: env.bGateId, decision: env.bDecisionId } }));
      const own = await callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.a.slug, project: env.aProject.slug, gate: env.bGateId, decision: env.bDecisionId } });
      expect([403, 404]).toContain(own.status);
      expect(await env.b.ctx.db.decisionApproval.count()).toBe(1);
    },
  },
  "/api/v1/workspaces/[ws]/deferred-risks": {
    GET: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/deferred-risks");
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.b.slug } }));
      const own = await callRoute(r.GET, { as: caller, params: { ws: env.a.slug }, url: "/api/test?status=all" });
      expect(own.status).toBe(200);
      expect(JSON.stringify(own.body)).not.toContain("B secret");
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.a.slug }, url: `/api/test?project=${env.bProject.slug}` }));
    },
  },
  "/api/v1/workspaces/[ws]/deferred-risks/[risk]/resolve": {
    POST: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/deferred-risks/[risk]/resolve");
      const body = { resolution: "forged" };
      await expectNotFound(callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.b.slug, risk: env.bRiskId }, body }));
      await expectNotFound(callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.a.slug, risk: env.bRiskId }, body }));
      expect(await env.b.ctx.db.deferredRisk.count({ where: { resolvedAt: null } })).toBe(1);
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/deferred-risks": {
    GET: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/deferred-risks");
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.b.slug, project: env.bProject.slug } }));
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.a.slug, project: env.bProject.slug } }));
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/imports": {
    POST: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/imports");
      const body = { source: "## Phase 1\n- Forged item", apply: true };
      await expectNotFound(callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.b.slug, project: env.bProject.slug }, body }));
      await expectNotFound(callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.a.slug, project: env.bProject.slug }, body }));
      expect(await env.b.ctx.db.item.count()).toBe(1);
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/imports/json": {
    POST: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/imports/json");
      const register = { schema: "readyroom.register", version: 1, exportedAt: new Date().toISOString(), project: { name: "X", keyPrefix: "X", description: "" }, owners: [], phases: [], items: [], dependencies: [], gates: [] };
      const body = { source: JSON.stringify(register), apply: true };
      await expectNotFound(callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.b.slug, project: env.bProject.slug }, body }));
      await expectNotFound(callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.a.slug, project: env.bProject.slug }, body }));
      expect(await env.b.ctx.db.planImport.count()).toBe(0);
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/imports/csv": {
    POST: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/imports/csv");
      const body = { source: "Title\nForged item\n", apply: true };
      await expectNotFound(callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.b.slug, project: env.bProject.slug }, body }));
      await expectNotFound(callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.a.slug, project: env.bProject.slug }, body }));
      expect(await env.b.ctx.db.item.count()).toBe(1);
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/export": {
    GET: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/export");
      for (const format of ["json", "csv", "plan-md", "gate-md"]) {
        await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.b.slug, project: env.bProject.slug }, url: `/api/test?format=${format}` }));
        await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.a.slug, project: env.bProject.slug }, url: `/api/test?format=${format}` }));
      }
      // A's own project, B's gate: not found either.
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.a.slug, project: env.aProject.slug }, url: `/api/test?format=gate-md&gate=${env.bGateId}` }));
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/trend": {
    GET: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/trend");
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.b.slug, project: env.bProject.slug } }));
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.a.slug, project: env.bProject.slug } }));
      expect(await env.b.ctx.db.projectSnapshot.count()).toBe(0);
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/evaluation": {
    GET: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/evaluation");
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.b.slug, project: env.bProject.slug, gate: env.bGateId } }));
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.a.slug, project: env.aProject.slug, gate: env.bGateId } }));
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/criteria/[criterion]/checks": {
    POST: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/criteria/[criterion]/checks");
      const body = { status: "pass", summary: "forged" };
      await expectNotFound(callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.b.slug, project: env.bProject.slug, gate: env.bGateId, criterion: env.bCheckId }, body }));
      await expectNotFound(callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.a.slug, project: env.aProject.slug, gate: env.bGateId, criterion: env.bCheckId }, body }));
      expect(await env.b.ctx.db.checkResult.count()).toBe(0);
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/criteria/[criterion]/marks": {
    POST: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/criteria/[criterion]/marks");
      const body = { result: "pass", justification: "forged" };
      await expectNotFound(callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.b.slug, project: env.bProject.slug, gate: env.bGateId, criterion: env.bManualId }, body }));
      await expectNotFound(callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.a.slug, project: env.aProject.slug, gate: env.bGateId, criterion: env.bManualId }, body }));
      expect(await env.b.ctx.db.criterionMark.count()).toBe(0);
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/decisions": {
    GET: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/decisions");
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.b.slug, project: env.bProject.slug, gate: env.bGateId } }));
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.a.slug, project: env.aProject.slug, gate: env.bGateId } }));
    },
    POST: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/gates/[gate]/decisions");
      const body = { outcome: "no_go", rationale: "forged", confidence: "high" };
      await expectNotFound(callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.b.slug, project: env.bProject.slug, gate: env.bGateId }, body }));
      const own = await callRoute(r.POST, { method: "POST", as: caller, params: { ws: env.a.slug, project: env.aProject.slug, gate: env.bGateId }, body });
      expect([403, 404]).toContain(own.status);
      expect(await env.b.ctx.db.decision.count()).toBe(1);
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/events": {
    GET: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/events");
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.b.slug, project: env.bProject.slug } }));
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.a.slug, project: env.bProject.slug } }));
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/public-status": {
    GET: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/public-status");
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.b.slug, project: env.bProject.slug } }));
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.a.slug, project: env.bProject.slug } }));
    },
    PUT: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/public-status");
      const body = { enabled: true, slug: `x-${env.bProject.slug}`.slice(0, 40), show: { decision: true, recommendation: true, phases: true, severityCounts: true, criteria: true, itemTitles: true }, embedOrigins: [] };
      await expectNotFound(callRoute(r.PUT, { method: "PUT", as: caller, params: { ws: env.b.slug, project: env.bProject.slug }, body }));
      await expectNotFound(callRoute(r.PUT, { method: "PUT", as: caller, params: { ws: env.a.slug, project: env.bProject.slug }, body }));
    },
  },
  "/api/v1/workspaces/[ws]/projects/[project]/batches": {
    GET: async (env, caller) => {
      const r = await loadRoute("/api/v1/workspaces/[ws]/projects/[project]/batches");
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.b.slug, project: env.bProject.slug } }));
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.a.slug, project: env.bProject.slug } }));
      // A's own project, B's phase id or item key: neither exists for A.
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.a.slug, project: env.aProject.slug }, url: `/api/test?phase=${env.bPhaseId}` }));
      await expectNotFound(callRoute(r.GET, { as: caller, params: { ws: env.a.slug, project: env.aProject.slug }, url: `/api/test?items=${env.bItemKey}` }));
    },
  },
};

describe("cross-workspace isolation", () => {
  let env: Env;

  beforeAll(async () => {
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
    const aKey = await createTestApiKey(a, "admin");
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
    env = { bDecisionId: bDecision.id, bRiskId: bRisk.id, bGateId: bGate.id, bCheckId: bCheck.id, bManualId: bManual.id, a, b, aProject, bProject, bPhaseId: bPhase.id, bOwnerId: bOwner.id, bItemKey: bItem.key, bViewId: bView.id, bInvitationId: invitation.id, bInvitationToken: token, bApiKeyId: bKey.id, bWebhookId: bWebhook.id, bDeliveryId: bDelivery.id, aKey: aKey.key };
  });

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
    expect(missing, "routes without a cross-workspace case").toEqual([]);
  });

  for (const [routePath, methods] of Object.entries(CASES)) {
    for (const [method, run] of Object.entries(methods)) {
      it(`${method} ${routePath}: A's owner cannot reach B`, async () => run(env, as.user(env.a.owner)));
      it(`${method} ${routePath}: A's admin API key cannot reach B`, async () => {
        if (routePath === "/api/v1/me" || routePath === "/api/v1/workspaces" || routePath === "/api/v1/invitations/[token]") {
          // These need a person; an API key is refused before any workspace is looked at.
          const mod = await loadRoute(routePath);
          const r = await callRoute(mod[method as Method], { method, as: as.apiKey(env.aKey), params: { token: env.bInvitationToken }, body: method === "POST" ? { slug: env.b.slug, name: "x" } : undefined });
          expect(r.status).toBe(403);
          return;
        }
        await run(env, as.apiKey(env.aKey));
      });
    }
  }
});
