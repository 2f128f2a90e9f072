import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { createWorkspace, expect, person, signIn, slug, test } from "./fixtures";

/** An admin registers an endpoint, sends it a test event, reads the delivery log and deletes it. */
test("an admin adds a webhook endpoint, sends a signed test event, sees it delivered and deletes the endpoint", async ({ browser }) => {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200, { "content-type": "text/plain" }).end("ok from the receiver");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/readyroom`;
  try {
    const page = await signIn(browser, person("Hook"));
    const ws = slug("hooks");
    await createWorkspace(page, "Hook Owners", ws);
    await page.goto(`/${ws}/settings/webhooks`);
    await expect(page.getByText("No endpoints")).toBeVisible();

    await page.getByLabel("Endpoint URL").fill("http://169.254.169.254/latest/meta-data");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByText(/link-local|metadata/).first()).toBeVisible();

    await page.getByLabel("Endpoint URL").fill(url);
    await page.getByLabel("Description (optional)").fill("Release bot");
    await page.getByRole("checkbox", { name: /item\.updated/ }).uncheck();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const secret = (await page.getByTestId("webhook-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    const endpoint = page.getByRole("listitem").filter({ hasText: url });
    await expect(endpoint.getByText("Active")).toBeVisible();
    await expect(endpoint.getByText("item.updated")).toHaveCount(0);

    await endpoint.getByRole("button", { name: "Send test event" }).click();
    const log = endpoint.getByRole("list", { name: "Deliveries" });
    // Sent at once after the commit; the worker's sweep (every 30 s) is the fallback if that signal is missed.
    await expect(log.getByText("Delivered")).toBeVisible({ timeout: 45_000 });
    await expect(log).toContainText("webhook.test");
    await expect(log).toContainText("200");
    expect(received).toHaveLength(1);
    const payload = new Webhook(secret).verify(received[0]!.body, received[0]!.headers as Record<string, string>) as { type: string; data: { workspace: { slug: string } } };
    expect(payload).toMatchObject({ type: "webhook.test", data: { workspace: { slug: ws } } });

    await log.getByText("webhook.test").click();
    await expect(log).toContainText("ok from the receiver");
    await page.screenshot({ path: test.info().outputPath("webhooks.png"), fullPage: true });

    await endpoint.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete endpoint" }).click();
    await expect(page.getByText("No endpoints")).toBeVisible();
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
});
