import { beforeAll, describe, expect, it } from "vitest";
import * as ownersRoute from "@/app/api/v1/workspaces/[ws]/owners/route";
import * as phasesRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/phases/route";
import * as itemsRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/items/route";
import * as bulkRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/items/bulk/route";
import * as itemRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/items/[key]/route";
import * as activityRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/items/[key]/activity/route";
import * as commentsRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/items/[key]/comments/route";
import * as evidenceRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/items/[key]/evidence/route";
import { onQuery } from "@/lib/db/client";
import { createItem } from "@/lib/services/items/create-item";
import { createOwner } from "@/lib/services/owners/owners";
import { createPhase } from "@/lib/services/phases/create-phase";
import { createPhaseInput } from "@/lib/validation/phase";
import { as, createTestApiKey, createTestProject, createWorkspace, unique, type TestUser, type TestWorkspace } from "@/test/factories";
import { callRoute, type As } from "@/test/harness/call-route";

type Project = { slug: string; id: string; keyPrefix: string };

/** The display name ensureUser gave a factory user: the local part of the address. */
const nameOf = (user: TestUser) => user.email.split("@")[0];

function who(caller: TestUser | As): As {
  return caller && "email" in caller ? as.user(caller) : caller;
}

function postItem(ws: TestWorkspace, project: Project, body: unknown, caller: TestUser | As = ws.owner) {
  return callRoute(itemsRoute.POST, { method: "POST", as: who(caller), params: { ws: ws.slug, project: project.slug }, body });
}

/** Creates an item through the API and returns its body, failing loudly if the API refused it. */
async function newItem(ws: TestWorkspace, project: Project, body: Record<string, unknown> = {}) {
  const r = await postItem(ws, project, { title: unique("Item"), ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

function getItem(ws: TestWorkspace, project: Project, key: string, caller: TestUser | As = ws.owner) {
  return callRoute(itemRoute.GET, { as: who(caller), params: { ws: ws.slug, project: project.slug, key } });
}

function patchItem(ws: TestWorkspace, project: Project, key: string, body: unknown, caller: TestUser | As = ws.owner) {
  return callRoute(itemRoute.PATCH, { method: "PATCH", as: who(caller), params: { ws: ws.slug, project: project.slug, key }, body });
}

function deleteItem(ws: TestWorkspace, project: Project, key: string, caller: TestUser | As = ws.owner) {
  return callRoute(itemRoute.DELETE, { method: "DELETE", as: who(caller), params: { ws: ws.slug, project: project.slug, key } });
}

function listItems(ws: TestWorkspace, project: Project, query = "", caller: TestUser | As = ws.owner) {
  return callRoute(itemsRoute.GET, { as: who(caller), params: { ws: ws.slug, project: project.slug }, url: `/api/v1/workspaces/${ws.slug}/projects/${project.slug}/items${query ? `?${query}` : ""}` });
}

function bulk(ws: TestWorkspace, project: Project, body: unknown, caller: TestUser | As = ws.owner) {
  return callRoute(bulkRoute.POST, { method: "POST", as: who(caller), params: { ws: ws.slug, project: project.slug }, body });
}

async function postOwner(ws: TestWorkspace, body: Record<string, unknown>) {
  const r = await callRoute(ownersRoute.POST, { method: "POST", as: as.user(ws.owner), params: { ws: ws.slug }, body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; name: string; kind: string };
}

async function postPhase(ws: TestWorkspace, project: Project, body: Record<string, unknown>) {
  const r = await callRoute(phasesRoute.POST, { method: "POST", as: as.user(ws.owner), params: { ws: ws.slug, project: project.slug }, body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; name: string };
}

/** Every key of a filtered list, in the order returned (one big page). */
async function keysOf(ws: TestWorkspace, project: Project, query: string) {
  const r = await listItems(ws, project, query ? `${query}&limit=500` : "limit=500");
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.total).toBe(r.body.data.length);
  return r.body.data.map((i: { key: string }) => i.key) as string[];
}

function fieldPaths(body: { error?: { details?: unknown } }): string[] {
  const details = body.error?.details;
  return Array.isArray(details) ? details.map((d: { path: string }) => d.path) : [];
}

describe("items API", () => {
  let ws: TestWorkspace;
  let other: TestWorkspace;

  beforeAll(async () => {
    ws = await createWorkspace("items");
    other = await createWorkspace("items-other");
  });

  describe("create", () => {
    it("numbers keys PREFIX-1, PREFIX-2… per project, independently", async () => {
      const p1 = await createTestProject(ws);
      const p2 = await createTestProject(ws);
      const keys: string[] = [];
      for (const project of [p1, p2, p1, p1, p2]) keys.push((await newItem(ws, project)).key);
      expect(keys).toEqual([`${p1.keyPrefix}-1`, `${p2.keyPrefix}-1`, `${p1.keyPrefix}-2`, `${p1.keyPrefix}-3`, `${p2.keyPrefix}-2`]);
      expect(await keysOf(ws, p1, "")).toEqual([`${p1.keyPrefix}-1`, `${p1.keyPrefix}-2`, `${p1.keyPrefix}-3`]);
      expect(await keysOf(ws, p2, "")).toEqual([`${p2.keyPrefix}-1`, `${p2.keyPrefix}-2`]);
      const first = await getItem(ws, p1, `${p1.keyPrefix}-2`);
      expect(first.body.number).toBe(2);
    });

    it("round-trips every field, and GET returns the same item", async () => {
      const project = await createTestProject(ws);
      const owner = await postOwner(ws, { name: unique("Security team"), kind: "team" });
      const phase = await postPhase(ws, project, { name: "Hardening" });
      const body = {
        title: "  Session tokens survive logout  ",
        description: "Tokens are **not** revoked.",
        kind: "risk",
        severity: "critical",
        status: "in_progress",
        blocker: true,
        phaseId: phase.id,
        ownerId: owner.id,
        effort: "2d",
        dueDate: "2030-02-28",
        impact: "Account takeover",
        reproSteps: "1. log in\n2. log out\n3. reuse token",
        rootCause: "No revocation list",
        recommendedFix: "Rotate on logout",
        fixPrUrl: "https://github.com/acme/app/pull/42",
        files: ["src/auth/session.ts", "src/auth/logout.ts"],
        auditRefs: ["SEC-2024-01", "OWASP-A07"],
        acceptanceCriteria: "Old token gets 401",
        verificationCommand: "npm test -- auth/logout",
        labels: ["security", "auth"],
        externalId: unique("ext"),
        position: 42.5,
      };
      const created = await postItem(ws, project, body);
      expect(created.status).toBe(201);
      const expected = {
        ...body,
        title: "Session tokens survive logout",
        key: `${project.keyPrefix}-1`,
        number: 1,
        version: 1,
        phase: { id: phase.id, name: "Hardening" },
        owner: { id: owner.id, name: owner.name, kind: "team" },
        closedAt: null,
        blockedBy: [],
        blocks: [],
      };
      delete (expected as Record<string, unknown>).phaseId;
      delete (expected as Record<string, unknown>).ownerId;
      expect(created.body).toMatchObject(expected);
      expect(created.body.dueDate).toBe("2030-02-28");

      const fetched = await getItem(ws, project, created.body.key);
      expect(fetched.status).toBe(200);
      expect(fetched.body).toEqual(created.body);

      // Defaults for an item with only a title.
      const minimal = await newItem(ws, project, { title: "Minimal" });
      expect(minimal).toMatchObject({ kind: "finding", severity: "medium", status: "open", blocker: false, phase: null, owner: null, dueDate: null, fixPrUrl: null, labels: [], files: [], auditRefs: [], verificationCommand: null });
      expect(minimal.position).toBeGreaterThan(42.5);
    });

    it("refuses unknown body keys with 422 and creates nothing", async () => {
      const project = await createTestProject(ws);
      for (const extra of [{ workspaceId: other.id }, { number: 99 }, { projectId: "x" }, { version: 7 }]) {
        const r = await postItem(ws, project, { title: "Sneaky", ...extra });
        expect(r.status).toBe(422);
        expect(r.body.error.code).toBe("validation_failed");
        expect(r.body.error.message).toContain(Object.keys(extra)[0]);
      }
      expect(await keysOf(ws, project, "")).toEqual([]);
      expect(await other.ctx.db.item.count()).toBe(0);
    });

    it("refuses a bad enum, a missing title and a malformed date with 422 naming the field", async () => {
      const project = await createTestProject(ws);
      const cases: [Record<string, unknown>, string][] = [
        [{ title: "x", severity: "urgent" }, "severity"],
        [{ title: "x", status: "closed" }, "status"],
        [{ title: "x", kind: "bug" }, "kind"],
        [{ description: "no title" }, "title"],
        [{ title: "   " }, "title"],
        [{ title: "x", dueDate: "28/02/2030" }, "dueDate"],
        [{ title: "x", fixPrUrl: "javascript:alert(1)" }, "fixPrUrl"],
        [{ title: "x", blockedBy: ["not a key"] }, "blockedBy.0"],
      ];
      for (const [body, field] of cases) {
        const r = await postItem(ws, project, body);
        expect(r.status, JSON.stringify(body)).toBe(422);
        expect(r.body.error.code).toBe("validation_failed");
        expect(fieldPaths(r.body)).toContain(field);
      }
      expect(await keysOf(ws, project, "")).toEqual([]);
    });

    it("refuses a phase of another project and an owner of another workspace (422)", async () => {
      const project = await createTestProject(ws);
      const otherProject = await createTestProject(ws);
      const foreignPhase = await postPhase(ws, otherProject, { name: "Elsewhere" });
      const foreignOwner = await createOwner({ ctx: other.ctx, input: { name: unique("Foreign"), kind: "team" } });
      const phase = await postPhase(ws, project, { name: "Here" });
      const r1 = await postItem(ws, project, { title: "x", phaseId: foreignPhase.id });
      expect(r1.status).toBe(422);
      expect(fieldPaths(r1.body)).toContain("phaseId");
      const r2 = await postItem(ws, project, { title: "x", ownerId: foreignOwner.id });
      expect(r2.status).toBe(422);
      expect(fieldPaths(r2.body)).toContain("ownerId");
      expect(await keysOf(ws, project, "")).toEqual([]);
      // The project's own phase is fine.
      expect((await newItem(ws, project, { phaseId: phase.id })).phase).toEqual({ id: phase.id, name: "Here" });
    });
  });

  describe("read by key", () => {
    it("finds an item by key with a case-insensitive prefix, and 404s for anything else", async () => {
      const project = await createTestProject(ws);
      const otherProject = await createTestProject(ws);
      const item = await newItem(ws, project, { title: "Findable" });
      const foreign = await newItem(ws, otherProject, { title: "Not here" });

      const lower = await getItem(ws, project, item.key.toLowerCase());
      expect(lower.status).toBe(200);
      expect(lower.body).toMatchObject({ key: item.key, title: "Findable" });

      for (const key of [foreign.key, `${project.keyPrefix}-999`, "garbage", `${project.keyPrefix}-`, `${project.keyPrefix}-1a`, "1-1", `${project.keyPrefix}-1-1`]) {
        const r = await getItem(ws, project, key);
        expect(r.status, key).toBe(404);
        expect(r.body.error.code).toBe("not_found");
      }
      // The other project still has its item.
      expect((await getItem(ws, otherProject, foreign.key)).body.title).toBe("Not here");
    });

    it("answers 404 for another workspace's project and item", async () => {
      const project = await createTestProject(ws);
      const foreignProject = await createTestProject(other);
      const foreign = await createItem({ ctx: other.ctx, projectSlug: foreignProject.slug, input: { title: "Other tenant" } });
      const r = await callRoute(itemRoute.GET, { as: as.user(ws.owner), params: { ws: ws.slug, project: foreignProject.slug, key: foreign.key } });
      expect(r.status).toBe(404);
      const r2 = await getItem(ws, project, foreign.key);
      expect(r2.status).toBe(404);
    });
  });

  describe("update", () => {
    it("bumps the version on a PATCH with the right version, and 409s a stale one with the current item", async () => {
      const project = await createTestProject(ws);
      const item = await newItem(ws, project, { title: "Versioned", severity: "high" });
      expect(item.version).toBe(1);

      const ok = await patchItem(ws, project, item.key, { version: 1, title: "Versioned v2" });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ key: item.key, title: "Versioned v2", version: 2, severity: "high" });

      const stale = await patchItem(ws, project, item.key, { version: 1, severity: "low" });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe("version_conflict");
      expect(stale.body.error.details.current).toMatchObject({ key: item.key, title: "Versioned v2", version: 2, severity: "high" });
      expect(stale.body.error.details.current).toEqual((await getItem(ws, project, item.key)).body);

      const after = await getItem(ws, project, item.key);
      expect(after.body).toMatchObject({ version: 2, severity: "high" });

      // A version from the future is stale too.
      expect((await patchItem(ws, project, item.key, { version: 5, severity: "low" })).status).toBe(409);
    });

    it("refuses a PATCH without a version, with only a version, or with an unknown field (422)", async () => {
      const project = await createTestProject(ws);
      const item = await newItem(ws, project);
      const noVersion = await patchItem(ws, project, item.key, { title: "x" });
      expect(noVersion.status).toBe(422);
      expect(fieldPaths(noVersion.body)).toContain("version");
      expect((await patchItem(ws, project, item.key, { version: 1 })).status).toBe(422);
      const unknownField = await patchItem(ws, project, item.key, { version: 1, number: 5 });
      expect(unknownField.status).toBe(422);
      expect(unknownField.body.error.message).toContain("number");
      expect((await getItem(ws, project, item.key)).body.version).toBe(1);
    });

    it("lets exactly one of two concurrent PATCHes with the same version win", async () => {
      const project = await createTestProject(ws);
      const item = await newItem(ws, project, { title: "Contested" });
      const [a, b] = await Promise.all([
        patchItem(ws, project, item.key, { version: 1, title: "Writer A" }),
        patchItem(ws, project, item.key, { version: 1, title: "Writer B" }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const winner = a.status === 200 ? a : b;
      const loser = a.status === 200 ? b : a;
      expect(loser.body.error.code).toBe("version_conflict");
      const after = await getItem(ws, project, item.key);
      expect(after.body.version).toBe(2);
      expect(after.body.title).toBe(winner.body.title);
      // Only the winner wrote history.
      const updates = await ws.ctx.db.auditEvent.count({ where: { action: "item.updated", targetId: item.id } });
      expect(updates).toBe(1);
    });

    it("sets and clears closedAt when an item is closed and reopened", async () => {
      const project = await createTestProject(ws);
      const item = await newItem(ws, project);
      const done = await patchItem(ws, project, item.key, { version: 1, status: "done" });
      expect(done.status).toBe(200);
      expect(done.body.closedAt).not.toBeNull();
      const reopened = await patchItem(ws, project, item.key, { version: 2, status: "open" });
      expect(reopened.body.closedAt).toBeNull();
      const cleared = await patchItem(ws, project, item.key, { version: 3, dueDate: "2031-01-31" });
      expect(cleared.body.dueDate).toBe("2031-01-31");
      expect((await patchItem(ws, project, item.key, { version: 4, dueDate: null })).body.dueDate).toBeNull();
    });

    it("deletes an item (204), after which it is not found, with an audit event", async () => {
      const project = await createTestProject(ws);
      const item = await newItem(ws, project);
      const r = await deleteItem(ws, project, item.key);
      expect(r.status).toBe(204);
      expect((await getItem(ws, project, item.key)).status).toBe(404);
      expect((await deleteItem(ws, project, item.key)).status).toBe(404);
      const events = await ws.ctx.db.auditEvent.findMany({ where: { action: "item.deleted", targetId: item.id } });
      expect(events).toHaveLength(1);
      expect(events[0]!.metadata).toMatchObject({ key: item.key });
    });
  });

  describe("blocker rule", () => {
    it("refuses done while a blocker is open (409 with the blocking keys) and allows it once the blocker is closed", async () => {
      const project = await createTestProject(ws);
      const a = await newItem(ws, project, { title: "Blocker A" });
      const b = await newItem(ws, project, { title: "Blocked B", blockedBy: [a.key.toLowerCase()] });
      expect(b.blockedBy).toEqual([{ key: a.key, status: "open" }]);
      expect((await getItem(ws, project, a.key)).body.blocks).toEqual([{ key: b.key, status: "open" }]);

      const refused = await patchItem(ws, project, b.key, { version: 1, status: "done", title: "Sneaked in" });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe("blocked_by_open_items");
      expect(refused.body.error.details.blockingKeys).toEqual([a.key]);
      expect(refused.body.error.message).toContain(a.key);
      const unchanged = await getItem(ws, project, b.key);
      expect(unchanged.body).toMatchObject({ status: "open", title: "Blocked B", version: 1, closedAt: null });

      // Every open status of the blocker still blocks.
      for (const [version, status] of [[1, "in_review"], [2, "deferred"], [3, "blocked"]] as const) {
        expect((await patchItem(ws, project, a.key, { version, status })).status).toBe(200);
        expect((await patchItem(ws, project, b.key, { version: 1, status: "done" })).status).toBe(409);
      }

      expect((await patchItem(ws, project, a.key, { version: 4, status: "done" })).status).toBe(200);
      const done = await patchItem(ws, project, b.key, { version: 1, status: "done" });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: "done", version: 2, blockedBy: [{ key: a.key, status: "done" }] });
    });

    it("counts wont_fix as closed, and names every open blocker", async () => {
      const project = await createTestProject(ws);
      const a = await newItem(ws, project);
      const c = await newItem(ws, project);
      const b = await newItem(ws, project, { blockedBy: [c.key, a.key] });
      const refused = await patchItem(ws, project, b.key, { version: 1, status: "done" });
      expect(refused.status).toBe(409);
      expect(refused.body.error.details.blockingKeys).toEqual([a.key, c.key]);

      expect((await patchItem(ws, project, a.key, { version: 1, status: "wont_fix" })).status).toBe(200);
      const stillOne = await patchItem(ws, project, b.key, { version: 1, status: "done" });
      expect(stillOne.status).toBe(409);
      expect(stillOne.body.error.details.blockingKeys).toEqual([c.key]);

      expect((await patchItem(ws, project, c.key, { version: 1, status: "wont_fix" })).status).toBe(200);
      expect((await patchItem(ws, project, b.key, { version: 1, status: "done" })).status).toBe(200);
    });

    it("refuses creating an item directly as done with an open blocker, and refuses adding an open blocker in the same PATCH as done", async () => {
      const project = await createTestProject(ws);
      const a = await newItem(ws, project, { title: "Open blocker" });
      const before = await keysOf(ws, project, "");
      const r = await postItem(ws, project, { title: "Born done", status: "done", blockedBy: [a.key] });
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe("blocked_by_open_items");
      expect(r.body.error.details.blockingKeys).toEqual([a.key]);
      expect(await keysOf(ws, project, "")).toEqual(before);
      expect((await getItem(ws, project, a.key)).body.blocks).toEqual([]);

      const b = await newItem(ws, project, { title: "Plain" });
      const both = await patchItem(ws, project, b.key, { version: 1, status: "done", blockedBy: [a.key] });
      expect(both.status).toBe(409);
      expect(both.body.error.code).toBe("blocked_by_open_items");
      expect((await getItem(ws, project, b.key)).body).toMatchObject({ status: "open", blockedBy: [], version: 1 });

      // With a closed blocker, creating as done is fine.
      expect((await patchItem(ws, project, a.key, { version: 1, status: "done" })).status).toBe(200);
      const ok = await postItem(ws, project, { title: "Born done later", status: "done", blockedBy: [a.key] });
      expect(ok.status).toBe(201);
      expect(ok.body.closedAt).not.toBeNull();
    });
  });

  describe("dependency cycles", () => {
    it("refuses a blocker that closes a cycle (422 dependency_cycle naming the keys) and changes nothing", async () => {
      const project = await createTestProject(ws);
      const a = await newItem(ws, project);
      const b = await newItem(ws, project);
      expect((await patchItem(ws, project, a.key, { version: 1, blockedBy: [b.key] })).status).toBe(200);

      const r = await patchItem(ws, project, b.key, { version: 1, blockedBy: [a.key], title: "Should not stick" });
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe("dependency_cycle");
      expect(r.body.error.details.cycle).toEqual([b.key, a.key, b.key]);
      expect(r.body.error.message).toContain(a.key);
      expect(r.body.error.message).toContain(b.key);
      expect((await getItem(ws, project, b.key)).body).toMatchObject({ blockedBy: [], version: 1, title: b.title });
    });

    it("names every item of a longer cycle, and refuses a cycle made at creation", async () => {
      const project = await createTestProject(ws);
      const a = await newItem(ws, project);
      const b = await newItem(ws, project, { blockedBy: [a.key] });
      const c = await newItem(ws, project, { blockedBy: [b.key] });
      const r = await patchItem(ws, project, a.key, { version: 1, blockedBy: [c.key] });
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe("dependency_cycle");
      expect(r.body.error.details.cycle).toEqual([a.key, c.key, b.key, a.key]);
      expect((await getItem(ws, project, a.key)).body.blockedBy).toEqual([]);

      // The next key would be the new item itself: blocked by itself.
      const next = `${project.keyPrefix}-4`;
      const self = await postItem(ws, project, { title: "Ouroboros", blockedBy: [next] });
      expect(self.status).toBe(422);
      expect(self.body.error.code).toBe("dependency_cycle");
      expect((await getItem(ws, project, next)).status).toBe(404);
    });

    it("refuses a self-dependency", async () => {
      const project = await createTestProject(ws);
      const a = await newItem(ws, project);
      const r = await patchItem(ws, project, a.key, { version: 1, blockedBy: [a.key] });
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe("dependency_cycle");
      expect(r.body.error.details.cycle).toEqual([a.key, a.key]);
      expect((await getItem(ws, project, a.key)).body).toMatchObject({ blockedBy: [], version: 1 });
    });

    it("refuses unknown keys and keys of another project in blockedBy (422 naming them)", async () => {
      const project = await createTestProject(ws);
      const otherProject = await createTestProject(ws);
      const foreign = await newItem(ws, otherProject);
      const a = await newItem(ws, project);
      for (const key of [`${project.keyPrefix}-77`, foreign.key]) {
        const r = await patchItem(ws, project, a.key, { version: 1, blockedBy: [key] });
        expect(r.status).toBe(422);
        expect(r.body.error.code).toBe("validation_failed");
        expect(fieldPaths(r.body)).toContain("blockedBy");
        expect(r.body.error.message).toContain(key.toUpperCase());
        const created = await postItem(ws, project, { title: "x", blockedBy: [key] });
        expect(created.status).toBe(422);
      }
      expect(await keysOf(ws, project, "")).toEqual([a.key]);
      expect((await getItem(ws, project, a.key)).body.version).toBe(1);
    });

    it("replaces the blockers on PATCH and clears them with []", async () => {
      const project = await createTestProject(ws);
      const a = await newItem(ws, project);
      const b = await newItem(ws, project);
      const c = await newItem(ws, project, { blockedBy: [a.key] });
      const replaced = await patchItem(ws, project, c.key, { version: 1, blockedBy: [b.key] });
      expect(replaced.body.blockedBy).toEqual([{ key: b.key, status: "open" }]);
      expect((await getItem(ws, project, a.key)).body.blocks).toEqual([]);
      const cleared = await patchItem(ws, project, c.key, { version: 2, blockedBy: [] });
      expect(cleared.body.blockedBy).toEqual([]);
    });
  });

  describe("activity, evidence and comments", () => {
    it("lists field changes with from, to, owner names and the actor's name", async () => {
      const project = await createTestProject(ws);
      const first = await postOwner(ws, { name: unique("Platform"), kind: "team" });
      const second = await postOwner(ws, { name: unique("Vendor"), kind: "vendor" });
      const item = await newItem(ws, project, { title: "Tracked" });
      const member = ws.members.member;

      expect((await patchItem(ws, project, item.key, { version: 1, status: "in_progress", ownerId: first.id }, member)).status).toBe(200);
      expect((await patchItem(ws, project, item.key, { version: 2, ownerId: second.id })).status).toBe(200);

      const r = await callRoute(activityRoute.GET, { as: as.user(ws.members.viewer), params: { ws: ws.slug, project: project.slug, key: item.key } });
      expect(r.status).toBe(200);
      const entries = r.body.data as { action: string; field: string | null; from: unknown; to: unknown; actor: { name: string } | null }[];
      expect(entries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ action: "item.created", actor: expect.objectContaining({ name: nameOf(ws.owner) }) }),
          expect.objectContaining({ action: "item.updated", field: "status", from: "open", to: "in_progress", actor: expect.objectContaining({ name: nameOf(member) }) }),
          expect.objectContaining({ action: "item.updated", field: "owner", from: null, to: first.name, actor: expect.objectContaining({ name: nameOf(member) }) }),
          expect.objectContaining({ action: "item.updated", field: "owner", from: first.name, to: second.name, actor: expect.objectContaining({ name: nameOf(ws.owner) }) }),
        ]),
      );
      // Unchanged fields are not recorded, and ids never leak as owner names.
      expect(entries.filter((e) => e.field === "title")).toEqual([]);
      expect(JSON.stringify(entries)).not.toContain(first.id);
      // Newest first.
      expect(entries[entries.length - 1]!.action).toBe("item.created");
    });

    it("records dependency changes in the history", async () => {
      const project = await createTestProject(ws);
      const a = await newItem(ws, project);
      const b = await newItem(ws, project);
      expect((await patchItem(ws, project, b.key, { version: 1, blockedBy: [a.key] })).status).toBe(200);
      const r = await callRoute(activityRoute.GET, { as: as.user(ws.owner), params: { ws: ws.slug, project: project.slug, key: b.key } });
      expect(r.body.data).toEqual(expect.arrayContaining([expect.objectContaining({ field: "blockedBy", from: [], to: [a.key] })]));
    });

    it("appends evidence of every kind (201) and lists it; the route has no PATCH, PUT or DELETE", async () => {
      const project = await createTestProject(ws);
      const item = await newItem(ws, project);
      const params = { ws: ws.slug, project: project.slug, key: item.key };
      const bodies = [
        { kind: "link", url: "https://ci.example.com/runs/1", note: "CI run" },
        { kind: "command", command: "npm test -- auth", output: "42 passed" },
        { kind: "note", note: "Checked by hand on staging" },
        { kind: "file", filePath: "docs/evidence/pentest.pdf" },
      ];
      for (const body of bodies) {
        const r = await callRoute(evidenceRoute.POST, { method: "POST", as: as.user(ws.members.member), params, body });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        expect(r.body).toMatchObject({ ...body, createdBy: { name: nameOf(ws.members.member) } });
      }
      const bad = await callRoute(evidenceRoute.POST, { method: "POST", as: as.user(ws.owner), params, body: { kind: "link", url: "ftp://example.com/x" } });
      expect(bad.status).toBe(422);
      const unknownKind = await callRoute(evidenceRoute.POST, { method: "POST", as: as.user(ws.owner), params, body: { kind: "video", note: "x" } });
      expect(unknownKind.status).toBe(422);

      const list = await callRoute(evidenceRoute.GET, { as: as.user(ws.members.viewer), params });
      expect(list.status).toBe(200);
      expect(list.body.data.map((e: { kind: string }) => e.kind)).toEqual(["link", "command", "note", "file"]);
      expect(list.body.data[1]).toMatchObject({ command: "npm test -- auth", output: "42 passed" });

      expect((evidenceRoute as Record<string, unknown>).PATCH).toBeUndefined();
      expect((evidenceRoute as Record<string, unknown>).PUT).toBeUndefined();
      expect((evidenceRoute as Record<string, unknown>).DELETE).toBeUndefined();

      const viewer = await callRoute(evidenceRoute.POST, { method: "POST", as: as.user(ws.members.viewer), params, body: { kind: "note", note: "x" } });
      expect(viewer.status).toBe(403);
      expect(await ws.ctx.db.evidence.count({ where: { itemId: item.id } })).toBe(4);
    });

    it("adds and lists comments with their author", async () => {
      const project = await createTestProject(ws);
      const item = await newItem(ws, project);
      const params = { ws: ws.slug, project: project.slug, key: item.key };
      const c1 = await callRoute(commentsRoute.POST, { method: "POST", as: as.user(ws.members.admin), params, body: { body: "First!" } });
      expect(c1.status).toBe(201);
      expect(c1.body).toMatchObject({ body: "First!", author: { id: ws.members.admin.id, name: nameOf(ws.members.admin) } });
      expect((await callRoute(commentsRoute.POST, { method: "POST", as: as.user(ws.owner), params, body: { body: "Second" } })).status).toBe(201);
      const empty = await callRoute(commentsRoute.POST, { method: "POST", as: as.user(ws.owner), params, body: { body: "   " } });
      expect(empty.status).toBe(422);
      expect(fieldPaths(empty.body)).toContain("body");
      expect((await callRoute(commentsRoute.POST, { method: "POST", as: as.user(ws.members.viewer), params, body: { body: "nope" } })).status).toBe(403);

      const list = await callRoute(commentsRoute.GET, { as: as.user(ws.members.viewer), params });
      expect(list.status).toBe(200);
      expect(list.body.data.map((c: { body: string; author: { name: string } }) => [c.body, c.author.name])).toEqual([
        ["First!", nameOf(ws.members.admin)],
        ["Second", nameOf(ws.owner)],
      ]);
    });

    it("records an audit event for every write, with the request id", async () => {
      const project = await createTestProject(ws);
      const created = await postItem(ws, project, { title: "Audited" });
      const key = created.body.key;
      const params = { ws: ws.slug, project: project.slug, key };
      const patched = await patchItem(ws, project, key, { version: 1, severity: "high" });
      const evidence = await callRoute(evidenceRoute.POST, { method: "POST", as: as.user(ws.owner), params, body: { kind: "note", note: "seen" } });
      const comment = await callRoute(commentsRoute.POST, { method: "POST", as: as.user(ws.owner), params, body: { body: "ok" } });
      const bulked = await bulk(ws, project, { keys: [key], set: { addLabels: ["audited"] } });
      const deleted = await deleteItem(ws, project, key);
      for (const r of [created, patched, evidence, comment, bulked, deleted]) expect(r.status).toBeLessThan(300);

      const events = await ws.ctx.db.auditEvent.findMany({ where: { targetId: created.body.id }, orderBy: { createdAt: "asc" } });
      expect(events.map((e) => e.action)).toEqual(["item.created", "item.updated", "evidence.added", "comment.added", "item.updated", "item.deleted"]);
      expect(events.every((e) => e.actorUserId === ws.owner.id)).toBe(true);
      expect(events[0]!.requestId).toBe(created.headers.get("x-request-id"));
      expect(events[1]!.requestId).toBe(patched.headers.get("x-request-id"));
      expect(events[1]!.metadata).toMatchObject({ key, fields: ["severity"] });
    });

    it("answers 404 for the activity, evidence and comments of an unknown item", async () => {
      const project = await createTestProject(ws);
      const params = { ws: ws.slug, project: project.slug, key: `${project.keyPrefix}-404` };
      for (const handler of [activityRoute.GET, evidenceRoute.GET, commentsRoute.GET]) {
        expect((await callRoute(handler, { as: as.user(ws.owner), params })).status).toBe(404);
      }
      expect((await callRoute(commentsRoute.POST, { method: "POST", as: as.user(ws.owner), params, body: { body: "x" } })).status).toBe(404);
    });
  });

  describe("list", () => {
    let project: Project;
    let k: string[];
    let phaseA: { id: string };
    let phaseB: { id: string };
    let ownerA: { id: string };
    let ownerB: { id: string };

    beforeAll(async () => {
      project = await createTestProject(ws);
      phaseA = await postPhase(ws, project, { name: "Phase A" });
      phaseB = await postPhase(ws, project, { name: "Phase B" });
      ownerA = await postOwner(ws, { name: unique("Alpha") });
      ownerB = await postOwner(ws, { name: unique("Beta") });
      const specs = [
        { title: "Login bypass via token reuse", severity: "critical", status: "open", kind: "finding", phaseId: phaseA.id, ownerId: ownerA.id, labels: ["security", "auth"], blocker: true, dueDate: "2030-03-01" },
        { title: "Slow dashboard", severity: "high", status: "in_progress", kind: "task", phaseId: phaseB.id, ownerId: ownerB.id, labels: ["perf"], dueDate: "2030-01-15" },
        { title: "Write runbook", description: "Covers TOKEN rotation", severity: "low", status: "done", kind: "deliverable", labels: [] },
        { title: "Vendor lock-in", severity: "medium", status: "deferred", kind: "risk", phaseId: phaseA.id, labels: ["security"] },
        { title: "Crash on upload", severity: "critical", status: "blocked", kind: "finding", ownerId: ownerA.id, dueDate: "2030-01-01" },
        { title: "Typo on pricing page", severity: "low", status: "open", kind: "finding", phaseId: phaseB.id, ownerId: ownerB.id, labels: ["ux"] },
      ];
      k = [];
      for (const spec of specs) k.push((await newItem(ws, project, spec)).key);
    });

    const pick = (...indexes: number[]) => indexes.map((i) => k[i]!);

    it("filters by severity, status and kind (comma-separated lists)", async () => {
      expect(await keysOf(ws, project, "severity=critical")).toEqual(pick(0, 4));
      expect(await keysOf(ws, project, "severity=critical,high")).toEqual(pick(0, 1, 4));
      expect(await keysOf(ws, project, "status=open,blocked")).toEqual(pick(0, 4, 5));
      expect(await keysOf(ws, project, "kind=risk")).toEqual(pick(3));
      expect(await keysOf(ws, project, "kind=finding&severity=low")).toEqual(pick(5));
    });

    it("filters by phase and owner, including none", async () => {
      expect(await keysOf(ws, project, `phase=${phaseA.id}`)).toEqual(pick(0, 3));
      expect(await keysOf(ws, project, "phase=none")).toEqual(pick(2, 4));
      expect(await keysOf(ws, project, `phase=none,${phaseB.id}`)).toEqual(pick(1, 2, 4, 5));
      expect(await keysOf(ws, project, `owner=${ownerA.id}`)).toEqual(pick(0, 4));
      expect(await keysOf(ws, project, "owner=none")).toEqual(pick(2, 3));
      expect(await keysOf(ws, project, `owner=${ownerB.id},none`)).toEqual(pick(1, 2, 3, 5));
    });

    it("filters by label, blocker and text (title and description, case-insensitive)", async () => {
      expect(await keysOf(ws, project, "label=security")).toEqual(pick(0, 3));
      expect(await keysOf(ws, project, "label=perf,ux")).toEqual(pick(1, 5));
      expect(await keysOf(ws, project, "blocker=true")).toEqual(pick(0));
      expect(await keysOf(ws, project, "blocker=false")).toEqual(pick(1, 2, 3, 4, 5));
      expect(await keysOf(ws, project, "q=token")).toEqual(pick(0, 2));
      expect(await keysOf(ws, project, "q=TOKEN")).toEqual(pick(0, 2));
      expect(await keysOf(ws, project, "q=DaShBoArD")).toEqual(pick(1));
      expect(await keysOf(ws, project, "q=nothing-matches-this")).toEqual([]);
      expect(await keysOf(ws, project, `q=token&severity=critical&owner=${ownerA.id}&status=open`)).toEqual(pick(0));
    });

    it("sorts by severity rank, due date (empty last) and key, in both directions", async () => {
      // Severity sorts by rank, critical first; ties by key.
      expect(await keysOf(ws, project, "sort=severity")).toEqual(pick(0, 4, 1, 3, 2, 5));
      expect(await keysOf(ws, project, "sort=-severity")).toEqual(pick(2, 5, 3, 1, 0, 4));
      expect(await keysOf(ws, project, "sort=dueDate")).toEqual(pick(4, 1, 0, 2, 3, 5));
      expect(await keysOf(ws, project, "sort=-dueDate")).toEqual(pick(0, 1, 4, 2, 3, 5));
      expect(await keysOf(ws, project, "sort=key")).toEqual(pick(0, 1, 2, 3, 4, 5));
      expect(await keysOf(ws, project, "sort=-key")).toEqual(pick(5, 4, 3, 2, 1, 0));
      expect(await keysOf(ws, project, "")).toEqual(pick(0, 1, 2, 3, 4, 5));
    });

    it("follows nextCursor until null: every item exactly once, with the right total", async () => {
      for (const query of ["sort=key", "sort=-severity", "sort=dueDate", "severity=critical,low"]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        const expectedAll = await keysOf(ws, project, query);
        do {
          const r = await listItems(ws, project, `${query}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
          expect(r.status).toBe(200);
          expect(r.body.total).toBe(expectedAll.length);
          expect(r.body.data.length).toBeLessThanOrEqual(2);
          seen.push(...r.body.data.map((i: { key: string }) => i.key));
          cursor = r.body.nextCursor;
          pages += 1;
          expect(pages).toBeLessThan(10);
        } while (cursor !== null);
        expect(seen).toEqual(expectedAll);
        expect(new Set(seen).size).toBe(seen.length);
        expect(pages).toBe(Math.ceil(expectedAll.length / 2));
      }
    });

    it("refuses an invalid cursor, sort, limit or unknown parameter with 422", async () => {
      for (const [query, field] of [
        ["cursor=not-a-cursor", "cursor"],
        [`cursor=${Buffer.from("-5").toString("base64url")}`, "cursor"],
        ["sort=priority", "sort"],
        ["sort=--key", "sort"],
        ["limit=0", "limit"],
        ["limit=501", "limit"],
        ["severity=urgent", "severity.0"],
        ["blocker=yes", "blocker"],
      ] as const) {
        const r = await listItems(ws, project, query);
        expect(r.status, query).toBe(422);
        expect(r.body.error.code).toBe("validation_failed");
        expect(fieldPaths(r.body), query).toContain(field);
      }
      const unknown = await listItems(ws, project, "workspaceId=x");
      expect(unknown.status).toBe(422);
    });

    it("returns the list to a viewer and to a read API key", async () => {
      const key = await createTestApiKey(ws, "read");
      expect((await listItems(ws, project, "", ws.members.viewer)).body.total).toBe(6);
      expect((await listItems(ws, project, "", as.apiKey(key.key))).body.total).toBe(6);
    });
  });

  describe("list query count", () => {
    it("uses the same number of SQL statements for 5 and for 50 items with phases, owners and dependencies", async () => {
      const project = await createTestProject(ws);
      const phases = [];
      for (const name of ["Q1", "Q2", "Q3"]) phases.push(await createPhase({ ctx: ws.ctx, projectSlug: project.slug, input: createPhaseInput.parse({ name }) }));
      const owners = [];
      for (let i = 0; i < 3; i++) owners.push(await createOwner({ ctx: ws.ctx, input: { name: unique(`Q-owner-${i}`), kind: "team" } }));
      let previous: string | null = null;
      for (let i = 0; i < 62; i++) {
        const item: { key: string } = await createItem({
          ctx: ws.ctx,
          projectSlug: project.slug,
          input: { title: `Query item ${i}`, phaseId: phases[i % 3]!.id, ownerId: owners[i % 3]!.id, labels: [`l${i % 4}`], blockedBy: previous ? [previous] : [] },
        });
        previous = item.key;
      }

      const count = async (limit: number) => {
        const statements: string[] = [];
        const stop = onQuery((sql) => statements.push(sql));
        try {
          const r = await listItems(ws, project, `limit=${limit}`);
          expect(r.status).toBe(200);
          expect(r.body.data).toHaveLength(limit);
          expect(r.body.total).toBe(62);
          // The relations really are loaded.
          expect(r.body.data.every((i: { phase: unknown; owner: unknown }) => i.phase && i.owner)).toBe(true);
          expect(r.body.data.slice(1).every((i: { blockedBy: unknown[]; blocks: unknown[] }) => i.blockedBy.length === 1 && i.blocks.length === 1)).toBe(true);
        } finally {
          stop();
        }
        return statements.length;
      };

      await count(5); // warm-up: nothing first-time-only is counted below
      const small = await count(5);
      const large = await count(50);
      expect(small).toBeGreaterThan(0);
      expect(large).toBe(small);
    });
  });

  describe("bulk edit", () => {
    it("changes nothing when one item is refused (409 listing it) and everything otherwise", async () => {
      const project = await createTestProject(ws);
      const blocker = await newItem(ws, project, { title: "Open blocker" });
      const a = await newItem(ws, project);
      const b = await newItem(ws, project);
      const blocked = await newItem(ws, project, { blockedBy: [blocker.key] });

      const refused = await bulk(ws, project, { keys: [a.key, blocked.key, b.key], set: { status: "done", severity: "critical" } });
      expect(refused.status).toBe(409);
      expect(refused.body.error.details.refused).toEqual([expect.objectContaining({ key: blocked.key, code: "blocked_by_open_items" })]);
      for (const item of [a, b, blocked]) {
        expect((await getItem(ws, project, item.key)).body).toMatchObject({ status: "open", severity: "medium", version: 1, closedAt: null });
      }
      expect(await ws.ctx.db.auditEvent.count({ where: { action: "item.updated", targetId: { in: [a.id, b.id, blocked.id] } } })).toBe(0);

      const ok = await bulk(ws, project, { keys: [a.key, b.key.toLowerCase()], set: { status: "done", severity: "critical" } });
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ updated: 2 });
      for (const item of [a, b]) expect((await getItem(ws, project, item.key)).body).toMatchObject({ status: "done", severity: "critical", version: 2 });
      expect((await getItem(ws, project, blocked.key)).body.status).toBe("open");
      expect(await ws.ctx.db.auditEvent.count({ where: { action: "item.updated", targetId: { in: [a.id, b.id] } } })).toBe(2);
    });

    it("adds and removes labels", async () => {
      const project = await createTestProject(ws);
      const a = await newItem(ws, project, { labels: ["keep", "drop"] });
      const b = await newItem(ws, project, { labels: [] });
      const r = await bulk(ws, project, { keys: [a.key, b.key], set: { addLabels: ["new", "keep"], removeLabels: ["drop"] } });
      expect(r.status).toBe(200);
      expect((await getItem(ws, project, a.key)).body.labels.sort()).toEqual(["keep", "new"]);
      expect((await getItem(ws, project, b.key)).body.labels.sort()).toEqual(["keep", "new"]);
      expect(await keysOf(ws, project, "label=drop")).toEqual([]);
    });

    it("assigns an owner and a phase, and refuses another workspace's owner for every item", async () => {
      const project = await createTestProject(ws);
      const owner = await postOwner(ws, { name: unique("Bulk owner") });
      const phase = await postPhase(ws, project, { name: "Bulk phase" });
      const foreignOwner = await createOwner({ ctx: other.ctx, input: { name: unique("Foreign bulk"), kind: "team" } });
      const a = await newItem(ws, project);
      const b = await newItem(ws, project);

      const refused = await bulk(ws, project, { keys: [a.key, b.key], set: { ownerId: foreignOwner.id } });
      expect(refused.status).toBe(409);
      expect(refused.body.error.details.refused).toEqual([
        expect.objectContaining({ key: a.key, code: "validation_failed" }),
        expect.objectContaining({ key: b.key, code: "validation_failed" }),
      ]);
      for (const item of [a, b]) expect((await getItem(ws, project, item.key)).body).toMatchObject({ owner: null, version: 1 });

      const ok = await bulk(ws, project, { keys: [a.key, b.key], set: { ownerId: owner.id, phaseId: phase.id } });
      expect(ok.status).toBe(200);
      expect(await keysOf(ws, project, `owner=${owner.id}&phase=${phase.id}`)).toEqual([a.key, b.key]);
    });

    it("refuses an unknown key (nothing changed), an empty change, a viewer and a read API key", async () => {
      const project = await createTestProject(ws);
      const a = await newItem(ws, project);
      const unknown = await bulk(ws, project, { keys: [a.key, `${project.keyPrefix}-999`], set: { severity: "low" } });
      expect(unknown.status).toBe(409);
      expect(unknown.body.error.details.refused).toEqual([expect.objectContaining({ key: `${project.keyPrefix}-999`, code: "not_found" })]);
      expect((await bulk(ws, project, { keys: [a.key], set: {} })).status).toBe(422);
      expect((await bulk(ws, project, { keys: [], set: { severity: "low" } })).status).toBe(422);

      const viewer = await bulk(ws, project, { keys: [a.key], set: { severity: "low" } }, ws.members.viewer);
      expect(viewer.status).toBe(403);
      expect(viewer.body.error.code).toBe("forbidden");
      const readKey = await createTestApiKey(ws, "read");
      expect((await bulk(ws, project, { keys: [a.key], set: { severity: "low" } }, as.apiKey(readKey.key))).status).toBe(403);
      expect((await getItem(ws, project, a.key)).body).toMatchObject({ severity: "medium", version: 1 });
    });
  });

  describe("roles", () => {
    it("lets a viewer read but not create, change or delete (403)", async () => {
      const project = await createTestProject(ws);
      const item = await newItem(ws, project, { title: "Viewer target" });
      const viewer = ws.members.viewer;
      expect((await getItem(ws, project, item.key, viewer)).status).toBe(200);
      expect((await listItems(ws, project, "", viewer)).status).toBe(200);

      for (const r of [
        await postItem(ws, project, { title: "By viewer" }, viewer),
        await patchItem(ws, project, item.key, { version: 1, title: "By viewer" }, viewer),
        await deleteItem(ws, project, item.key, viewer),
      ]) {
        expect(r.status).toBe(403);
        expect(r.body.error.code).toBe("forbidden");
      }
      expect(await keysOf(ws, project, "")).toEqual([item.key]);
      expect((await getItem(ws, project, item.key)).body).toMatchObject({ title: "Viewer target", version: 1 });
    });

    it("lets a member write", async () => {
      const project = await createTestProject(ws);
      const created = await postItem(ws, project, { title: "By member" }, ws.members.member);
      expect(created.status).toBe(201);
      expect((await patchItem(ws, project, created.body.key, { version: 1, status: "in_review" }, ws.members.member)).status).toBe(200);
      expect((await deleteItem(ws, project, created.body.key, ws.members.member)).status).toBe(204);
    });

    it("refuses writes with a read API key (403) and accepts them with a write API key", async () => {
      const project = await createTestProject(ws);
      const item = await newItem(ws, project, { title: "Key target" });
      const read = as.apiKey((await createTestApiKey(ws, "read")).key);
      const write = await createTestApiKey(ws, "write");

      expect((await getItem(ws, project, item.key, read)).status).toBe(200);
      for (const r of [
        await postItem(ws, project, { title: "By read key" }, read),
        await patchItem(ws, project, item.key, { version: 1, title: "By read key" }, read),
        await deleteItem(ws, project, item.key, read),
      ]) {
        expect(r.status).toBe(403);
        expect(r.body.error.code).toBe("forbidden");
      }
      expect((await getItem(ws, project, item.key)).body).toMatchObject({ title: "Key target", version: 1 });

      const created = await postItem(ws, project, { title: "By write key" }, as.apiKey(write.key));
      expect(created.status).toBe(201);
      const patched = await patchItem(ws, project, item.key, { version: 1, status: "in_progress" }, as.apiKey(write.key));
      expect(patched.status).toBe(200);
      const events = await ws.ctx.db.auditEvent.findMany({ where: { targetId: { in: [created.body.id, item.id] }, actorApiKeyId: write.id } });
      expect(events.map((e) => e.action).sort()).toEqual(["item.created", "item.updated"]);
      const activity = await callRoute(activityRoute.GET, { as: as.user(ws.owner), params: { ws: ws.slug, project: project.slug, key: item.key } });
      expect(activity.body.data[0]).toMatchObject({ field: "status", to: "in_progress", actor: { name: "API key" } });
    });

    it("refuses an API key of another workspace with 404", async () => {
      const project = await createTestProject(ws);
      const item = await newItem(ws, project);
      const foreignKey = await createTestApiKey(other, "admin");
      const r = await getItem(ws, project, item.key, as.apiKey(foreignKey.key));
      expect(r.status).toBe(404);
      const p = await patchItem(ws, project, item.key, { version: 1, title: "x" }, as.apiKey(foreignKey.key));
      expect(p.status).toBe(404);
      expect((await getItem(ws, project, item.key)).body.version).toBe(1);
    });
  });
});
