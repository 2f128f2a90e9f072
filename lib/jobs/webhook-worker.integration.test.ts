import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createGate } from "@/lib/services/gates/create-gate";
import { createItem } from "@/lib/services/items/create-item";
import { updateItem } from "@/lib/services/items/update-item";
import { createWebhook, listDeliveries, resendDelivery, sendTestEvent, updateWebhook } from "@/lib/services/webhooks/manage-webhooks";
import { createGateInput } from "@/lib/validation/gate";
import { attemptDelivery } from "@/lib/webhooks/deliver";
import { DISABLE_AFTER_FAILED_DELIVERIES } from "@/lib/webhooks/events";
import type { OutboundPolicy } from "@/lib/webhooks/outbound";
import { createTestProject, createWorkspace, type TestWorkspace } from "@/test/factories";
import { startWebhookWorker, type WebhookWorker } from "./webhook-worker";

// Registration checks the URL with the deployment's policy; the receiver runs on loopback.
process.env.READYROOM_WEBHOOK_ALLOW_ADDRESSES = "127.0.0.1";

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A receiver on 127.0.0.1 that answers each request with the next planned status (200 once the plan runs out). */
const received: Received[] = [];
let plan: Record<string, number[]> = {};
const receiver = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
  req.on("end", () => {
    received.push({ path: req.url ?? "", headers: req.headers, body });
    const status = plan[req.url ?? ""]?.shift() ?? 200;
    res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "thanks" : "receiver is down");
  });
});

const allowLoopback: OutboundPolicy = { requireHttps: false, allowAddresses: ["127.0.0.1"], connectTimeoutMs: 2000, totalTimeoutMs: 5000 };
const strict: OutboundPolicy = { requireHttps: false, allowAddresses: [], connectTimeoutMs: 2000, totalTimeoutMs: 5000 };

let base: string;
let ws: TestWorkspace;
let worker: WebhookWorker;

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function verify(secret: string, request: Received) {
  return new Webhook(secret).verify(request.body, {
    "webhook-id": String(request.headers["webhook-id"]),
    "webhook-timestamp": String(request.headers["webhook-timestamp"]),
    "webhook-signature": String(request.headers["webhook-signature"]),
  }) as { type: string; timestamp: string; data: Record<string, any> };
}

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  ws = await createWorkspace("hooks");
  worker = await startWebhookWorker({ policy: allowLoopback, retries: 2, retryDelaySeconds: 1, pollingIntervalSeconds: 0.5, gateReviewDebounceSeconds: 1, supervise: false, sweepEveryMs: 60_000 });
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await new Promise((resolve) => receiver.close(resolve));
});

beforeEach(() => {
  received.length = 0;
  plan = {};
});

describe("webhook deliveries", () => {
  it("signs an item.created delivery per Standard Webhooks, verifiable with the standardwebhooks library", async () => {
    const project = await createTestProject(ws);
    const { secret } = await createWebhook({ ctx: ws.ctx, input: { url: `${base}/created`, description: "", events: ["item.created"] } });
    const item = await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Rotate the signing keys", severity: "high" } });
    const request = await until(() => received.find((r) => r.path === "/created"), "the item.created delivery");
    const payload = verify(secret, request);
    expect(payload.type).toBe("item.created");
    expect(payload.data.item).toMatchObject({ key: item.key, title: "Rotate the signing keys", severity: "high" });
    expect(payload.data.project.slug).toBe(project.slug);
    expect(String(request.headers["webhook-id"])).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(request.headers["content-type"]).toBe("application/json");
    // A tampered body does not verify.
    expect(() => verify(secret, { ...request, body: request.body.replace("Rotate", "Remove") })).toThrow();
  });

  it("retries after a failing receiver with backoff, keeping the webhook-id, and logs every attempt", async () => {
    const project = await createTestProject(ws);
    const { webhook, secret } = await createWebhook({ ctx: ws.ctx, input: { url: `${base}/flaky`, description: "", events: ["item.updated"] } });
    const item = await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Add a health check" } });
    plan = { "/flaky": [503, 500] };
    await updateItem({ ctx: ws.ctx, projectSlug: project.slug, key: item.key, input: { version: item.version, status: "in_progress" } });
    const [delivery] = await until(async () => {
      const list = await listDeliveries({ ctx: ws.ctx, id: webhook.id });
      return list[0]?.status === "succeeded" ? list : undefined;
    }, "the third attempt to succeed");
    expect(delivery!.attempts.map((a) => [a.attempt, a.responseStatus, a.error])).toEqual([
      [1, 503, "HTTP 503"],
      [2, 500, "HTTP 500"],
      [3, 200, null],
    ]);
    expect(delivery!.attempts[0]!.responseExcerpt).toBe("receiver is down");
    expect(delivery!.attempts.every((a) => a.durationMs >= 0)).toBe(true);
    const hits = received.filter((r) => r.path === "/flaky");
    expect(hits).toHaveLength(3);
    expect(new Set(hits.map((h) => h.headers["webhook-id"])).size).toBe(1);
    for (const hit of hits) expect(verify(secret, hit).data.changes).toEqual(["status"]);
    // Backoff: the second retry waited longer than the first (1 s, then about 2 s, each with jitter).
    const at = delivery!.attempts.map((a) => new Date(a.createdAt).getTime());
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(500);
    expect(at[2]! - at[1]!).toBeGreaterThan(at[1]! - at[0]! - 250);
  }, 30_000);

  it("sends a test event and resends a delivery with the same webhook-id", async () => {
    const { webhook, secret } = await createWebhook({ ctx: ws.ctx, input: { url: `${base}/test`, description: "", events: ["decision.recorded"] } });
    const queued = await sendTestEvent({ ctx: ws.ctx, id: webhook.id });
    expect(queued.status).toBe("pending");
    const first = await until(() => received.find((r) => r.path === "/test"), "the test event");
    expect(verify(secret, first)).toMatchObject({ type: "webhook.test", data: { workspace: { slug: ws.slug } } });
    await until(async () => (await listDeliveries({ ctx: ws.ctx, id: webhook.id }))[0]?.status === "succeeded", "the test delivery to be logged");
    await resendDelivery({ ctx: ws.ctx, id: webhook.id, deliveryId: queued.id });
    await until(() => received.filter((r) => r.path === "/test").length === 2 || undefined, "the resend");
    const [again] = received.filter((r) => r.path === "/test").slice(1);
    expect(again!.headers["webhook-id"]).toBe(first.headers["webhook-id"]);
    expect(again!.body).toBe(first.body);
    const [logged] = await until(async () => {
      const list = await listDeliveries({ ctx: ws.ctx, id: webhook.id });
      return list[0]?.status === "succeeded" && list[0].attempts.length === 2 ? list : undefined;
    }, "the resend to be logged");
    expect(logged!.attempts.map((a) => a.attempt)).toEqual([1, 2]);
  });

  it("announces a gate whose evaluation changed", async () => {
    const project = await createTestProject(ws);
    const gate = await createGate({ ctx: ws.ctx, projectSlug: project.slug, input: createGateInput.parse({ name: "v1.0", criteria: [{ title: "No open critical items", type: "rule", rule: { type: "no_open_items", filter: { severity: ["critical"] } } }] }) });
    const { secret } = await createWebhook({ ctx: ws.ctx, input: { url: `${base}/gates`, description: "", events: ["gate.evaluation_changed"] } });
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Tokens in local storage", severity: "critical" } });
    const request = await until(() => received.find((r) => r.path === "/gates"), "gate.evaluation_changed");
    const payload = verify(secret, request);
    expect(payload.type).toBe("gate.evaluation_changed");
    expect(payload.data.gate).toEqual({ id: gate.id, name: "v1.0" });
    expect(payload.data.changedCriteria).toEqual([expect.objectContaining({ title: "No open critical items", to: "fail" })]);
    // Nothing changed for the gate: no second announcement.
    await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Another low one", severity: "low" } });
    await new Promise((r) => setTimeout(r, 2500));
    expect(received.filter((r) => r.path === "/gates")).toHaveLength(1);
  }, 30_000);
});

/** A pending delivery marked as queued, so the running worker leaves it to the test. */
function queuedByHand(webhookId: string) {
  return ws.ctx.db.webhookDelivery.create({ data: { workspaceId: ws.ctx.workspace.id, webhookId, eventType: "item.created", eventId: `msg_${crypto.randomUUID().replace(/-/g, "")}`, payload: { type: "item.created" }, queuedAt: new Date() } });
}

describe("webhook safety", () => {
  it("refuses loopback, private and metadata targets when the endpoint is registered", async () => {
    process.env.READYROOM_WEBHOOK_ALLOW_ADDRESSES = "";
    try {
      for (const url of [`${base}/x`, "http://localhost:8080/x", "https://10.0.0.8/x", "https://192.168.1.1/x", "http://169.254.169.254/latest/meta-data/", "https://[::1]/x"]) {
        await expect(createWebhook({ ctx: ws.ctx, input: { url, description: "", events: ["item.created"] } }), url).rejects.toMatchObject({ code: "validation_failed" });
      }
    } finally {
      process.env.READYROOM_WEBHOOK_ALLOW_ADDRESSES = "127.0.0.1";
    }
  });

  it("refuses at connect time a loopback address, and a name that resolves to a private one, without retrying", async () => {
    const { webhook } = await createWebhook({ ctx: ws.ctx, input: { url: `${base}/never`, description: "", events: ["decision.recorded"] } });
    const test = await queuedByHand(webhook.id);
    const refused = await attemptDelivery(test.id, { policy: strict, lastAttempt: false, nextAttemptAt: null });
    expect(refused.outcome).toBe("failed");
    expect(refused.error).toMatch(/^refused: .*loopback/);

    const { webhook: named } = await createWebhook({ ctx: ws.ctx, input: { url: "http://hooks.customer.test/readyroom", description: "", events: ["decision.recorded"] } });
    const namedTest = await queuedByHand(named.id);
    const resolvesPrivate: OutboundPolicy = {
      ...strict,
      lookup: ((_host: string, options: unknown, callback: (...args: unknown[]) => void) => {
        const cb = typeof options === "function" ? (options as typeof callback) : callback;
        if (typeof options === "object" && options && (options as { all?: boolean }).all) cb(null, [{ address: "10.0.0.7", family: 4 }]);
        else cb(null, "10.0.0.7", 4);
      }) as OutboundPolicy["lookup"],
    };
    const privateResult = await attemptDelivery(namedTest.id, { policy: resolvesPrivate, lastAttempt: false, nextAttemptAt: null });
    expect(privateResult.outcome).toBe("failed");
    expect(privateResult.error).toMatch(/^refused: .*10\.0\.0\.7/);
    expect(received.filter((r) => r.path === "/never" || r.path === "/readyroom")).toHaveLength(0);
    const [logged] = await listDeliveries({ ctx: ws.ctx, id: named.id });
    expect(logged!.attempts).toEqual([expect.objectContaining({ attempt: 1, responseStatus: null, error: privateResult.error })]);
  });

  it("disables an endpoint after repeated failed deliveries and tells the admins", async () => {
    const { webhook } = await createWebhook({ ctx: ws.ctx, input: { url: `${base}/down`, description: "", events: ["item.created"] } });
    // Every attempt here is the last one of its delivery; the worker is bypassed so the count is exact.
    const closedPort: OutboundPolicy = { ...allowLoopback, lookup: undefined };
    for (let i = 0; i < DISABLE_AFTER_FAILED_DELIVERIES; i++) {
      const delivery = await queuedByHand(webhook.id);
      plan = { "/down": [500] };
      const result = await attemptDelivery(delivery.id, { policy: closedPort, lastAttempt: true, nextAttemptAt: null });
      expect(result).toMatchObject({ outcome: "failed", status: 500, disabled: i === DISABLE_AFTER_FAILED_DELIVERIES - 1 });
    }
    const disabled = await ws.ctx.db.webhook.findFirstOrThrow({ where: { id: webhook.id } });
    expect(disabled).toMatchObject({ enabled: false, failureCount: DISABLE_AFTER_FAILED_DELIVERIES });
    expect(disabled.disabledReason).toContain(`${DISABLE_AFTER_FAILED_DELIVERIES} deliveries in a row failed`);
    const notices = await ws.ctx.db.auditEvent.findMany({ where: { action: "webhook.disabled", targetId: webhook.id } });
    expect(notices.map((n) => n.metadata)).toEqual([{ failureCount: DISABLE_AFTER_FAILED_DELIVERIES, url: `${base}/down` }]);
    // A disabled endpoint gets no new events, and resending to it is refused until it is enabled again.
    const [last] = await listDeliveries({ ctx: ws.ctx, id: webhook.id });
    await expect(resendDelivery({ ctx: ws.ctx, id: webhook.id, deliveryId: last!.id })).rejects.toMatchObject({ code: "conflict" });
    const enabled = await updateWebhook({ ctx: ws.ctx, id: webhook.id, input: { enabled: true } });
    expect(enabled).toMatchObject({ enabled: true, failureCount: 0, disabledReason: null });
  });
});
