import * as http from "node:http";
import type { AddressInfo, LookupFunction } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEndpointUrl, defaultOutboundPolicy, sendOutbound, type OutboundPolicy } from "./outbound";

interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const received: Received[] = [];
const hits = (path: string) => received.filter((r) => r.path.split("?")[0] === path).length;
let server: http.Server;
let base: string;

const strict: OutboundPolicy = { ...defaultOutboundPolicy({}), allowAddresses: [] };
const local: OutboundPolicy = { ...strict, allowAddresses: ["127.0.0.1"] };

/** Resolves every name to `address`, answering both shapes net.connect asks for. */
function resolvesTo(address: string): LookupFunction {
  const family = address.includes(":") ? 6 : 4;
  return (_host, options, callback) =>
    options.all ? callback(null, [{ address, family }]) : callback(null, address, family);
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = req.url ?? "";
      received.push({ method: req.method ?? "", path, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      if (path.startsWith("/ok")) res.writeHead(200).end("received ✓");
      else if (path === "/redirect") res.writeHead(302, { location: "/target" }).end();
      else if (path === "/target") res.writeHead(200).end("should not be reached");
      else if (path === "/error") res.writeHead(500).end("boom");
      else if (path === "/big") res.writeHead(200).end("é".repeat(50 * 1024));
      else if (path === "/endless") res.writeHead(200).write("x".repeat(1024 * 1024));
      // "/hang" never answers.
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const post = (url: string, policy: OutboundPolicy) => sendOutbound({ url, headers: {}, body: "{}" }, policy);

describe("sendOutbound to an allowed receiver", () => {
  it("delivers headers and body intact and reports the status and excerpt", async () => {
    const body = JSON.stringify({ event: "gate.passed", note: "ça marche ✓" });
    const result = await sendOutbound(
      { url: `${base}/ok?x=1`, headers: { "x-readyroom-signature": "sha256=abc", "content-type": "text/plain" }, body },
      local,
    );
    expect(result).toMatchObject({ ok: true, status: 200, excerpt: "received ✓" });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    const request = received.find((r) => r.path === "/ok?x=1")!;
    expect(request.method).toBe("POST");
    expect(request.body).toBe(body);
    expect(request.headers["x-readyroom-signature"]).toBe("sha256=abc");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["user-agent"]).toBe("Readyroom-Webhooks/1");
    expect(request.headers["content-length"]).toBe(String(Buffer.byteLength(body)));
  });

  it("reports a redirect as not ok and never follows it", async () => {
    const result = await post(`${base}/redirect`, local);
    expect(result).toMatchObject({ ok: false, status: 302 });
    expect(hits("/redirect")).toBe(1);
    expect(hits("/target")).toBe(0);
  });

  it("reports a 500 as not ok", async () => {
    expect(await post(`${base}/error`, local)).toMatchObject({ ok: false, status: 500, excerpt: "boom" });
  });

  it("keeps the first 1,000 characters of a 100 KB body, decoded as UTF-8", async () => {
    const result = await post(`${base}/big`, local);
    expect(result).toMatchObject({ ok: true, status: 200, excerpt: "é".repeat(1000) });
  });

  it("stops reading after 64 KB of a body that never ends", async () => {
    const result = await post(`${base}/endless`, { ...local, totalTimeoutMs: 2000 });
    expect(result).toMatchObject({ ok: true, status: 200, excerpt: "x".repeat(1000) });
  });

  it("gives up on a receiver that never answers once the total timeout passes", async () => {
    const result = await post(`${base}/hang`, { ...local, totalTimeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, status: null, error: "timed out after 0.3 s", refused: false });
    expect(result.durationMs).toBeGreaterThanOrEqual(250);
    expect(result.durationMs).toBeLessThan(2000);
    expect(hits("/hang")).toBe(1);
  });

  it("gives up when the connection is not made within the connect timeout", async () => {
    const never: LookupFunction = () => undefined;
    const result = await post("http://hooks.customer.test/ok", { ...local, lookup: never, connectTimeoutMs: 200 });
    expect(result).toMatchObject({ ok: false, status: null, error: "connection timed out after 0.2 s", refused: false });
  });

  it("reports a closed port as a network error, not a refusal", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await post(`http://127.0.0.1:${port}/ok`, local);
    expect(result).toMatchObject({ ok: false, status: null, error: "connection refused", refused: false });
  });
});

describe("sendOutbound refusals", () => {
  it("refuses the same receiver without the allow list, and it sees no request", async () => {
    const before = received.length;
    const result = await post(`${base}/ok`, strict);
    expect(result).toMatchObject({ ok: false, status: null, error: "refused: 127.0.0.1 is a loopback address", refused: true });
    expect(received.length).toBe(before);
  });

  it("refuses localhost", async () => {
    const port = new URL(base).port;
    const result = await post(`http://localhost:${port}/ok`, strict);
    expect(result).toMatchObject({ refused: true, error: "refused: localhost is a local or internal host name" });
  });

  it.each([
    ["127.0.0.1", "a loopback address"],
    ["10.0.0.7", "a private address"],
    ["169.254.169.254", "a cloud metadata address"],
  ])("refuses at connect time a name that resolves to %s", async (address, reason) => {
    const before = received.length;
    const port = new URL(base).port;
    const result = await post(`http://hooks.customer.test:${port}/ok`, { ...strict, lookup: resolvesTo(address) });
    expect(result).toMatchObject({
      ok: false,
      status: null,
      error: `refused: hooks.customer.test resolves to ${address}, ${reason}`,
      refused: true,
    });
    expect(received.length).toBe(before);
  });

  it.each([
    ["10.1.2.3", "10.1.2.3 is a private address"],
    ["192.168.0.1", "192.168.0.1 is a private address"],
    ["169.254.169.254", "169.254.169.254 is a cloud metadata address"],
    ["[::1]", "::1 is a loopback address"],
    ["[fd00::1]", "fd00::1 is a unique-local address"],
  ])("refuses the IP literal %s", async (host, message) => {
    expect(await post(`http://${host}/ok`, strict)).toMatchObject({ status: null, error: `refused: ${message}`, refused: true });
  });

  it("refuses plain http when https is required, without connecting", async () => {
    const before = received.length;
    const result = await post(`${base}/ok`, { ...local, requireHttps: true });
    expect(result).toMatchObject({ refused: true, error: "refused: only https:// URLs are allowed" });
    expect(received.length).toBe(before);
  });
});

describe("checkEndpointUrl", () => {
  it.each([
    ["ftp://example.com/hook", "only http:// and https:// URLs are allowed"],
    ["not a url", "not a valid URL"],
    ["https://user:secret@example.com/hook", "URLs must not contain a user name or password"],
    ["http://127.0.0.1:8080/hook", "127.0.0.1 is a loopback address"],
    ["http://localhost:8080/hook", "localhost is a local or internal host name"],
    ["http://app.localhost/hook", "app.localhost is a local or internal host name"],
    ["https://metadata.google.internal/", "metadata.google.internal is a local or internal host name"],
    ["https://printer.local/", "printer.local is a local or internal host name"],
    ["http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a cloud metadata address"],
    ["https://[fd00:ec2::254]/", "fd00:ec2::254 is a cloud metadata address"],
    ["https://[::ffff:127.0.0.1]/", "::ffff:7f00:1 is a loopback address"],
    ["https://100.64.0.1/", "100.64.0.1 is a carrier-grade NAT address"],
    ["https://0.0.0.0/", "0.0.0.0 is an unspecified address"],
    ["https://224.0.0.1/", "224.0.0.1 is a multicast address"],
    ["https://[fe80::1]/", "fe80::1 is a link-local address"],
  ])("refuses %s", (url, message) => {
    expect(checkEndpointUrl(url, strict)).toBe(message);
  });

  it("accepts a public https URL, and http unless https is required", () => {
    expect(checkEndpointUrl("https://hooks.example.com/readyroom?x=1", strict)).toBeNull();
    expect(checkEndpointUrl("https://93.184.215.14/hook", strict)).toBeNull();
    expect(checkEndpointUrl("http://hooks.example.com/readyroom", strict)).toBeNull();
    expect(checkEndpointUrl("http://hooks.example.com/readyroom", { ...strict, requireHttps: true })).toBe(
      "only https:// URLs are allowed",
    );
  });

  it("lets the allow list through by address, CIDR or name", () => {
    expect(checkEndpointUrl("http://127.0.0.1:8080/", local)).toBeNull();
    expect(checkEndpointUrl("http://127.0.0.2:8080/", local)).toBe("127.0.0.2 is a loopback address");
    expect(checkEndpointUrl("http://10.9.8.7/", { ...strict, allowAddresses: ["10.0.0.0/8"] })).toBeNull();
    expect(checkEndpointUrl("http://localhost:3000/", { ...strict, allowAddresses: ["localhost"] })).toBeNull();
  });
});

describe("defaultOutboundPolicy", () => {
  it("requires https in production and reads the allow list for tests", () => {
    expect(defaultOutboundPolicy({ NODE_ENV: "production" })).toEqual({
      requireHttps: true,
      allowAddresses: [],
      connectTimeoutMs: 3000,
      totalTimeoutMs: 10_000,
    });
    const testing = defaultOutboundPolicy({ NODE_ENV: "test", READYROOM_WEBHOOK_ALLOW_ADDRESSES: " 127.0.0.1, ::1 ," });
    expect(testing).toMatchObject({ requireHttps: false, allowAddresses: ["127.0.0.1", "::1"] });
    expect(defaultOutboundPolicy({ NODE_ENV: "production", READYROOM_WEBHOOK_ALLOW_HTTP: "true" }).requireHttps).toBe(false);
    expect(defaultOutboundPolicy({ NODE_ENV: "production", READYROOM_WEBHOOK_ALLOW_HTTP: "1" }).requireHttps).toBe(true);
  });

  it("keeps the identity-provider allowances apart from the webhook ones", () => {
    const env = { NODE_ENV: "production", READYROOM_WEBHOOK_ALLOW_ADDRESSES: "127.0.0.1", READYROOM_WEBHOOK_ALLOW_HTTP: "true" };
    expect(defaultOutboundPolicy(env, "sso")).toMatchObject({ requireHttps: true, allowAddresses: [] });
    expect(defaultOutboundPolicy({ NODE_ENV: "production", READYROOM_SSO_ALLOW_ADDRESSES: "10.0.0.0/8", READYROOM_SSO_ALLOW_HTTP: "true" }, "sso")).toMatchObject({ requireHttps: false, allowAddresses: ["10.0.0.0/8"] });
  });
});
