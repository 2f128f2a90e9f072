import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as eventsRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/events/route";
import * as itemRoute from "@/app/api/v1/workspaces/[ws]/projects/[project]/items/[key]/route";
import { publishChange, subscribeToProject, type ProjectChange } from "@/lib/db/events";
import { createItem } from "@/lib/services/items/create-item";
import { as, createTestProject, createWorkspace, type TestUser, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";
import { requestState } from "@/test/harness/request-state";

const WAIT_MS = 2_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Records every change delivered to one subscriber. */
function recorder() {
  const changes: ProjectChange[] = [];
  return {
    changes,
    onChange: (change: ProjectChange) => void changes.push(change),
    /** Waits up to 2 s for a matching change. */
    async waitFor(match: (c: ProjectChange) => boolean): Promise<ProjectChange> {
      const deadline = Date.now() + WAIT_MS;
      for (;;) {
        const found = changes.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`No matching change within ${WAIT_MS} ms; received ${JSON.stringify(changes)}`);
        await sleep(10);
      }
    },
  };
}

/** Reads a byte stream as text, never losing a chunk to a timed-out read. */
function textReader(stream: ReadableStream<Uint8Array>) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  const state = {
    text: "",
    async until(needle: string, ms = WAIT_MS): Promise<string> {
      const deadline = Date.now() + ms;
      while (!state.text.includes(needle)) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`Timed out waiting for ${JSON.stringify(needle)}; stream so far: ${JSON.stringify(state.text)}`);
        pending ??= reader.read();
        let timer: ReturnType<typeof setTimeout> | undefined;
        const result = await Promise.race([pending, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), remaining)))]);
        clearTimeout(timer);
        if (result === null) continue;
        pending = null;
        if (result.done) throw new Error(`The stream ended before ${JSON.stringify(needle)}; got ${JSON.stringify(state.text)}`);
        state.text += decoder.decode(result.value, { stream: true });
      }
      return state.text;
    },
    cancel: () => reader.cancel(),
  };
  return state;
}

/** Opens the SSE route as `user` without reading the body to its end (callRoute would wait forever). */
async function openStream(ws: TestWorkspace, projectSlug: string, user: TestUser, signal?: AbortSignal) {
  requestState.headers = new Headers();
  requestState.session = { user: { id: user.id, email: user.email }, expires: new Date(Date.now() + 3_600_000).toISOString() };
  const req = new Request(`http://localhost:3000/api/v1/workspaces/${ws.slug}/projects/${projectSlug}/events`, { signal });
  return eventsRoute.GET(req, { params: Promise.resolve({ ws: ws.slug, project: projectSlug }) });
}

/** How many in-process listeners a project has (the hub keeps one emitter per process). */
function listenerCount(projectId: string): number {
  const hub = (globalThis as { __readyroomEvents?: { emitter: { listenerCount(name: string): number } } }).__readyroomEvents;
  return hub ? hub.emitter.listenerCount(projectId) : 0;
}

function patchTitle(ws: TestWorkspace, project: { slug: string }, key: string, version: number, title: string) {
  return callRoute(itemRoute.PATCH, { method: "PATCH", as: as.user(ws.owner), params: { ws: ws.slug, project: project.slug, key }, body: { version, title } });
}

describe("project change events", () => {
  let ws: TestWorkspace;
  let other: TestWorkspace;
  const cleanups: (() => unknown)[] = [];

  beforeAll(async () => {
    ws = await createWorkspace("events");
    other = await createWorkspace("events-other");
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function subscribe(projectId: string) {
    const rec = recorder();
    const unsubscribe = await subscribeToProject(projectId, rec.onChange);
    cleanups.push(unsubscribe);
    return { ...rec, unsubscribe };
  }

  it("delivers a published change to the project's subscriber", async () => {
    const project = await createTestProject(ws);
    const sub = await subscribe(project.id);
    await publishChange({ workspaceId: ws.id, projectId: project.id, type: "phase", ref: "phase-123" });
    const change = await sub.waitFor((c) => c.ref === "phase-123");
    expect(change).toEqual({ workspaceId: ws.id, projectId: project.id, type: "phase", ref: "phase-123" });
  });

  it("delivers a change after a real item PATCH through the API", async () => {
    const project = await createTestProject(ws);
    const item = await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Watched" } });
    const sub = await subscribe(project.id);
    const r = await patchTitle(ws, project, item.key, 1, "Watched and changed");
    expect(r.status).toBe(200);
    const change = await sub.waitFor((c) => c.type === "item" && c.ref === item.key);
    expect(change).toEqual({ workspaceId: ws.id, projectId: project.id, type: "item", ref: item.key });
    // Ids only, never content.
    expect(JSON.stringify(sub.changes)).not.toContain("Watched and changed");
  });

  it("delivers nothing to a subscriber of another project", async () => {
    const project = await createTestProject(ws);
    const sibling = await createTestProject(ws);
    const foreign = await createTestProject(other);
    const item = await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Only here" } });
    const mine = await subscribe(project.id);
    const siblingSub = await subscribe(sibling.id);
    const foreignSub = await subscribe(foreign.id);

    await publishChange({ workspaceId: ws.id, projectId: project.id, type: "project" });
    expect((await patchTitle(ws, project, item.key, 1, "Changed")).status).toBe(200);
    await mine.waitFor((c) => c.ref === item.key);
    await sleep(100);
    // On a real server, the item's own creation may still be in flight when the subscription starts: check containment.
    expect(mine.changes.map((c) => c.type)).toEqual(expect.arrayContaining(["project", "item"]));
    expect(mine.changes.every((c) => c.projectId === project.id)).toBe(true);
    expect(siblingSub.changes).toEqual([]);
    expect(foreignSub.changes).toEqual([]);
  });

  it("stops delivering after unsubscribe", async () => {
    const project = await createTestProject(ws);
    const stopped = await subscribe(project.id);
    const still = await subscribe(project.id);
    await publishChange({ workspaceId: ws.id, projectId: project.id, type: "owner", ref: "first" });
    await stopped.waitFor((c) => c.ref === "first");

    stopped.unsubscribe();
    await publishChange({ workspaceId: ws.id, projectId: project.id, type: "owner", ref: "second" });
    await still.waitFor((c) => c.ref === "second");
    await sleep(100);
    expect(stopped.changes.map((c) => c.ref)).toEqual(["first"]);
    expect(still.changes.map((c) => c.ref)).toEqual(["first", "second"]);
  });

  describe("SSE route", () => {
    it("streams text/event-stream with an `event: change` after an item changes, and unsubscribes when cancelled", async () => {
      const project = await createTestProject(ws);
      const unrelated = await createTestProject(ws);
      const item = await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Secret title" } });
      const elsewhere = await createItem({ ctx: ws.ctx, projectSlug: unrelated.slug, input: { title: "Elsewhere" } });
      const before = listenerCount(project.id);

      const response = await openStream(ws, project.slug, ws.members.viewer);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
      expect(response.headers.get("cache-control")).toContain("no-cache");
      const stream = textReader(response.body!);
      cleanups.push(() => stream.cancel());

      await stream.until(": connected");
      // The route subscribes right after the greeting; give it a moment.
      for (let i = 0; i < 100 && listenerCount(project.id) === before; i++) await sleep(10);
      expect(listenerCount(project.id)).toBe(before + 1);

      expect((await patchTitle(ws, unrelated, elsewhere.key, 1, "Elsewhere changed")).status).toBe(200);
      expect((await patchTitle(ws, project, item.key, 1, "Secret title changed")).status).toBe(200);
      await stream.until("event: change");
      const full = await stream.until(`"ref":"${item.key}"}\n\n`);

      const events = full.split("\n\n").filter((block) => block.startsWith("event: change"));
      expect(events.length).toBeGreaterThanOrEqual(1);
      const data = JSON.parse(events[0]!.split("\n").find((line) => line.startsWith("data: "))!.slice("data: ".length));
      expect(data).toEqual({ type: "item", ref: item.key });
      expect(full).not.toContain(elsewhere.key);
      expect(full).not.toContain("Secret title");
      expect(full.startsWith("retry: 3000\n")).toBe(true);

      await stream.cancel();
      cleanups.pop();
      expect(listenerCount(project.id)).toBe(before);
    });

    it("unsubscribes when the client goes away (request aborted)", async () => {
      const project = await createTestProject(ws);
      const before = listenerCount(project.id);
      const controller = new AbortController();
      const response = await openStream(ws, project.slug, ws.owner, controller.signal);
      const stream = textReader(response.body!);
      await stream.until(": connected");
      for (let i = 0; i < 100 && listenerCount(project.id) === before; i++) await sleep(10);
      expect(listenerCount(project.id)).toBe(before + 1);
      controller.abort();
      for (let i = 0; i < 100 && listenerCount(project.id) !== before; i++) await sleep(10);
      expect(listenerCount(project.id)).toBe(before);
    });

    it("refuses a caller who is not signed in (401) and another workspace's project (404)", async () => {
      const project = await createTestProject(ws);
      requestState.headers = new Headers();
      requestState.session = null;
      const anonymous = await eventsRoute.GET(new Request("http://localhost:3000/x"), { params: Promise.resolve({ ws: ws.slug, project: project.slug }) });
      expect(anonymous.status).toBe(401);
      const foreign = await openStream(ws, project.slug, other.owner);
      expect(foreign.status).toBe(404);
      expect(foreign.headers.get("content-type")).not.toMatch(/event-stream/);
      const missing = await openStream(ws, "no-such-project", ws.owner);
      expect(missing.status).toBe(404);
    });
  });
});
