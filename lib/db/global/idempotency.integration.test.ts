import { beforeAll, describe, expect, it } from "vitest";
import * as apiKeysRoute from "@/app/api/v1/workspaces/[ws]/api-keys/route";
import * as itemsRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/items/route";
import * as workspacesRoute from "@/app/api/v1/workspaces/route";
import { idempotent } from "@/lib/http/idempotency";
import { hashApiKey } from "@/lib/auth/api-key-secret";
import { as, createTestApiKey, createTestProject, createWorkspace, unique, type TestWorkspace } from "@/test/factories";
import { callRoute, type As } from "@/test/harness/call-route";
import { expectContract } from "@/test/harness/contract";
import { rawDb } from "../client";
import { IDEMPOTENCY_ABANDONED_MS, purgeExpiredIdempotencyKeys } from "./idempotency";

let ws: TestWorkspace;
let other: TestWorkspace;
let project: string;
let otherProject: string;
let writer: As;

beforeAll(async () => {
  ws = await createWorkspace("idem");
  other = await createWorkspace("idem-other");
  project = (await createTestProject(ws)).slug;
  otherProject = (await createTestProject(other)).slug;
  writer = as.apiKey((await createTestApiKey(ws, "write")).key);
});

const createItem = (key: string, body: unknown, caller: As = writer, target = { ws: ws.slug, project }) =>
  callRoute(itemsRoute.POST, { method: "POST", url: itemsPath(target), as: caller, params: target, body, headers: { "idempotency-key": key } });
const itemsPath = (target: { ws: string; project: string }) => `/api/v1/workspaces/${target.ws}/projects/${target.project}/items`;

const itemsTitled = async (title: string) => (await rawDb()).item.count({ where: { title } });

describe("Idempotency-Key on creating POSTs", () => {
  it("replays the first response to a retry with the same key and body, creating once", async () => {
    const key = unique("idem");
    const title = unique("Rotate the signing key");
    const first = await createItem(key, { title });
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const retry = await createItem(key, { title });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expectContract("createItem", retry);
    expect(retry.headers.get("content-type")).toContain("application/json");
    expect(await itemsTitled(title)).toBe(1);
    // The kept response is sealed: the title is not readable in the table.
    const record = await (await rawDb()).idempotencyRecord.findUniqueOrThrow({ where: { scope_key: { scope: `workspace:${ws.id}`, key } } });
    expect(record.responseSealed).not.toContain(title);
    expect(record.expiresAt.getTime() - record.lockedAt.getTime()).toBe(24 * 60 * 60_000);
  });

  it("answers 422 to the same key with another body or on another route, and changes nothing", async () => {
    const key = unique("idem");
    const title = unique("Add a CSP");
    expect((await createItem(key, { title })).status).toBe(201);
    const reused = await createItem(key, { title: `${title} (edited)` });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe("idempotency_key_reused");
    expectContract("createItem", reused);
    expect(await itemsTitled(`${title} (edited)`)).toBe(0);
    const otherRoute = await callRoute(apiKeysRoute.POST, { method: "POST", url: `/api/v1/workspaces/${ws.slug}/api-keys`, as: as.user(ws.members.admin), params: { ws: ws.slug }, body: { title }, headers: { "idempotency-key": key } });
    expect(otherRoute.status).toBe(422);
    expect(otherRoute.body.error.code).toBe("idempotency_key_reused");
  });

  it("scopes keys to the workspace: the same key elsewhere is a new request and never sees this one's response", async () => {
    const key = unique("idem");
    const mine = await createItem(key, { title: "Shared key" });
    const { key: theirKey } = await createTestApiKey(other, "write");
    const theirs = await createItem(key, { title: "Shared key" }, as.apiKey(theirKey), { ws: other.slug, project: otherProject });
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
    expect(theirs.body.id).not.toBe(mine.body.id);
    // A key of this workspace sent to the other workspace's route is refused before any record is touched.
    const crossed = await createItem(unique("idem"), { title: "Crossed" }, writer, { ws: other.slug, project: otherProject });
    expect(crossed.status).toBe(404);
    expect(await itemsTitled("Crossed")).toBe(0);
  });

  it("answers 409 with Retry-After to a retry while the first request runs, then replays once it has finished", async () => {
    const key = unique("idem");
    const request = () =>
      new Request("http://localhost:3000/api/v1/workspaces/x/things", { method: "POST", headers: { "idempotency-key": key, "content-type": "application/json" }, body: '{"a":1}' });
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    let runs = 0;
    const first = idempotent(request(), `workspace:${ws.id}`, async () => {
      runs++;
      await gate;
      return Response.json({ made: runs }, { status: 201, headers: { location: "/things/1" } });
    });
    await expect.poll(() => runs).toBe(1);
    const whileRunning = idempotent(request(), `workspace:${ws.id}`, async () => Response.json({ made: ++runs }, { status: 201 }));
    await expect(whileRunning).rejects.toMatchObject({ code: "idempotency_in_progress", status: 409, headers: { "retry-after": "1" } });
    finish();
    expect((await first).status).toBe(201);
    const replay = await idempotent(request(), `workspace:${ws.id}`, async () => Response.json({ made: ++runs }, { status: 201 }));
    expect(await replay.json()).toEqual({ made: 1 });
    expect(replay.headers.get("location")).toBe("/things/1");
    expect(runs).toBe(1);
  });

  it("lets a retry take over a first request that was abandoned (its server died)", async () => {
    const key = unique("idem");
    const db = await rawDb();
    await db.idempotencyRecord.create({
      data: { scope: `workspace:${ws.id}`, key, fingerprint: "x", lockedAt: new Date(Date.now() - IDEMPOTENCY_ABANDONED_MS - 1000), expiresAt: new Date(Date.now() + 60_000) },
    });
    // A different fingerprint is still a different request…
    expect((await createItem(key, { title: "Taken over" })).status).toBe(422);
    await db.idempotencyRecord.updateMany({ where: { key }, data: { fingerprint: await fingerprintOfItem({ title: "Taken over" }) } });
    // …the same one runs again.
    const retried = await createItem(key, { title: "Taken over" });
    expect(retried.status).toBe(201);
    expect(retried.headers.get("idempotent-replayed")).toBeNull();
  });

  it("keeps nothing for a refused request, so it runs again; and an expired key is a new request", async () => {
    const bad = unique("idem");
    expect((await createItem(bad, { title: "" })).status).toBe(422);
    expect((await createItem(bad, { title: "" })).body.error.code).toBe("validation_failed");
    expect(await (await rawDb()).idempotencyRecord.count({ where: { key: bad } })).toBe(0);

    const key = unique("idem");
    const title = unique("Expiring");
    expect((await createItem(key, { title })).status).toBe(201);
    await (await rawDb()).idempotencyRecord.updateMany({ where: { key }, data: { expiresAt: new Date(Date.now() - 1) } });
    const later = await createItem(key, { title });
    expect(later.status).toBe(201);
    expect(later.headers.get("idempotent-replayed")).toBeNull();
    expect(await itemsTitled(title)).toBe(2);
    await (await rawDb()).idempotencyRecord.updateMany({ where: { key }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await purgeExpiredIdempotencyKeys()).toBeGreaterThanOrEqual(1);
    expect(await (await rawDb()).idempotencyRecord.count({ where: { key } })).toBe(0);
  });

  it("refuses a malformed key with 400", async () => {
    for (const key of ["", "with space", "x".repeat(256), "é"]) {
      const r = await callRoute(itemsRoute.POST, { method: "POST", as: writer, params: { ws: ws.slug, project }, body: { title: "Nope" }, headers: { "idempotency-key": key } });
      expect(r.status, JSON.stringify(key)).toBe(400);
      expect(r.body.error.details[0].path).toBe("Idempotency-Key");
    }
  });

  it("replays an API key creation with the same secret, kept only sealed", async () => {
    const key = unique("idem");
    const body = { name: unique("CI key"), role: "read" };
    const first = await callRoute(apiKeysRoute.POST, { method: "POST", as: as.user(ws.members.admin), params: { ws: ws.slug }, body, headers: { "idempotency-key": key } });
    const retry = await callRoute(apiKeysRoute.POST, { method: "POST", as: as.user(ws.members.admin), params: { ws: ws.slug }, body, headers: { "idempotency-key": key } });
    expect(first.status).toBe(201);
    expect(retry.body.key).toBe(first.body.key);
    const db = await rawDb();
    expect(await db.apiKey.count({ where: { hash: hashApiKey(first.body.key) } })).toBe(1);
    const record = await db.idempotencyRecord.findFirstOrThrow({ where: { key } });
    expect(record.responseSealed).not.toContain(first.body.key);
  });

  it("scopes keys to the person on routes outside a workspace (creating a workspace)", async () => {
    const key = unique("idem");
    const slug = unique("idem-ws");
    const create = (user: As) => callRoute(workspacesRoute.POST, { method: "POST", as: user, body: { slug, name: "Idempotent" }, headers: { "idempotency-key": key } });
    const first = await create(as.user(ws.members.member));
    expect(first.status).toBe(201);
    expect((await create(as.user(ws.members.member))).headers.get("idempotent-replayed")).toBe("true");
    // Someone else with the same key is a new request: the slug is taken now.
    expect((await create(as.user(ws.members.viewer))).status).toBe(409);
  });
});

async function fingerprintOfItem(body: unknown): Promise<string> {
  const { createHash } = await import("node:crypto");
  return createHash("sha256")
    .update(`POST ${itemsPath({ ws: ws.slug, project })}\napplication/json\n`)
    .update(JSON.stringify(body))
    .digest("hex");
}
