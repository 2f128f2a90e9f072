import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as resendRoute from "@/app/api/v1/workspaces/[ws]/webhooks/[id]/deliveries/[delivery]/resend/route";
import * as deliveriesRoute from "@/app/api/v1/workspaces/[ws]/webhooks/[id]/deliveries/route";
import * as webhookRoute from "@/app/api/v1/workspaces/[ws]/webhooks/[id]/route";
import * as testRoute from "@/app/api/v1/workspaces/[ws]/webhooks/[id]/test/route";
import * as webhooksRoute from "@/app/api/v1/workspaces/[ws]/webhooks/route";
import { as, createTestApiKey, createWorkspace, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";
import { expectContract, expectEveryOperationChecked } from "@/test/harness/contract";

let ws: TestWorkspace;

beforeAll(async () => {
  ws = await createWorkspace("contract-hooks");
});

afterAll(() => expectEveryOperationChecked("Webhooks"));

describe("webhook operations answer as the OpenAPI document says", () => {
  it("register, read, change, test, log, resend and delete an endpoint", async () => {
    const admin = as.user(ws.members.admin);
    const params = { ws: ws.slug };
    const created = await callRoute(webhooksRoute.POST, { method: "POST", as: admin, params, body: { url: "https://hooks.example.com/readyroom", events: ["item.created", "decision.recorded", "item.created"] } });
    expectContract("createWebhook", created);
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.body.events).toEqual(["item.created", "decision.recorded"]);
    const id = created.body.id as string;

    const listed = await callRoute(webhooksRoute.GET, { as: admin, params });
    expectContract("listWebhooks", listed);
    expect(JSON.stringify(listed.body)).not.toContain("whsec_");
    expectContract("getWebhook", await callRoute(webhookRoute.GET, { as: admin, params: { ...params, id } }));
    const changed = await callRoute(webhookRoute.PATCH, { method: "PATCH", as: admin, params: { ...params, id }, body: { events: ["gate.evaluation_changed"], description: "Release bot" } });
    expectContract("updateWebhook", changed);
    expect(changed.body).toMatchObject({ events: ["gate.evaluation_changed"], description: "Release bot" });

    // Bad input: an unknown event, a loopback URL, an unknown key, no change at all.
    for (const body of [{ url: "https://hooks.example.com/x", events: ["item.deleted"] }, { url: "http://127.0.0.1:9000/hook", events: ["item.created"] }, { url: "https://hooks.example.com/x", events: ["item.created"], workspaceId: "other" }]) {
      const refused = await callRoute(webhooksRoute.POST, { method: "POST", as: admin, params, body });
      expectContract("createWebhook", refused);
      expect(refused.status).toBe(422);
    }
    const empty = await callRoute(webhookRoute.PATCH, { method: "PATCH", as: admin, params: { ...params, id }, body: {} });
    expectContract("updateWebhook", empty);
    expect(empty.status).toBe(422);

    const test = await callRoute(testRoute.POST, { method: "POST", as: admin, params: { ...params, id } });
    expectContract("testWebhook", test);
    expect(test.body).toMatchObject({ eventType: "webhook.test", status: "pending", attempts: [] });
    const busy = await callRoute(resendRoute.POST, { method: "POST", as: admin, params: { ...params, id, delivery: test.body.id } });
    expectContract("resendWebhookDelivery", busy);
    expect(busy.status).toBe(409);
    await ws.ctx.db.webhookDelivery.update({ where: { id: test.body.id }, data: { status: "failed" } });
    const resent = await callRoute(resendRoute.POST, { method: "POST", as: admin, params: { ...params, id, delivery: test.body.id } });
    expectContract("resendWebhookDelivery", resent);
    expect(resent.status).toBe(202);
    const deliveries = await callRoute(deliveriesRoute.GET, { as: admin, params: { ...params, id } });
    expectContract("listWebhookDeliveries", deliveries);
    expect(deliveries.body.data.map((d: { id: string }) => d.id)).toEqual([test.body.id]);

    expectContract("deleteWebhook", await callRoute(webhookRoute.DELETE, { method: "DELETE", as: admin, params: { ...params, id } }));
    const gone = await callRoute(webhookRoute.GET, { as: admin, params: { ...params, id } });
    expectContract("getWebhook", gone);
    expect(gone.status).toBe(404);
  });

  it("is for admins: members and write keys are refused, admin keys may script it", async () => {
    const params = { ws: ws.slug };
    const asMember = await callRoute(webhooksRoute.GET, { as: as.user(ws.members.member), params });
    expectContract("listWebhooks", asMember);
    expect(asMember.status).toBe(403);
    const writeKey = await createTestApiKey(ws, "write");
    expect((await callRoute(webhooksRoute.GET, { as: as.apiKey(writeKey.key), params })).status).toBe(403);
    const adminKey = await createTestApiKey(ws, "admin");
    const created = await callRoute(webhooksRoute.POST, { method: "POST", as: as.apiKey(adminKey.key), params, body: { url: "https://hooks.example.com/by-key", events: ["item.updated"] } });
    expect(created.status).toBe(201);
  });
});
