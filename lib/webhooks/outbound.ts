import "server-only";
import * as http from "node:http";
import * as https from "node:https";
import type * as net from "node:net";
import ipaddr from "ipaddr.js";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";

/**
 * The one way Readyroom sends HTTP to customer-supplied URLs (webhook
 * deliveries). Two layers guard against SSRF: `checkEndpointUrl` refuses bad
 * URLs before any DNS, and request-filtering-agent checks the address each
 * connection actually resolves to, so a name that later points at a private
 * address is still refused. Redirects are never followed (Node's client does
 * not), since a redirect would be a second, unchecked request.
 */
export interface OutboundPolicy {
  /** Refuse plain http (production). */
  requireHttps: boolean;
  /**
   * IPs or CIDRs allowed although private/loopback, and host names exempt
   * from the local-name rule (tests run a receiver on 127.0.0.1). Empty in production.
   */
  allowAddresses: string[];
  /** DNS lookup, injectable so tests can make a name resolve to a private address (same signature as dns.lookup used by net.connect). */
  lookup?: net.LookupFunction;
  connectTimeoutMs: number;
  /** The whole request, including reading the response. */
  totalTimeoutMs: number;
}

export type OutboundResult =
  | { ok: boolean; status: number; durationMs: number; excerpt: string }
  | { ok: false; status: null; durationMs: number; error: string; refused: boolean };

const MAX_RESPONSE_BYTES = 64 * 1024;
const EXCERPT_CHARS = 1000;
const LOCAL_NAME = /(^|\.)(localhost|internal|local)$/;
const METADATA = ["169.254.169.254", "fd00:ec2::254"].map((ip) => ipaddr.parse(ip).toNormalizedString());
const RANGE_LABELS: Record<string, string> = {
  loopback: "a loopback address",
  private: "a private address",
  linkLocal: "a link-local address",
  uniqueLocal: "a unique-local address",
  carrierGradeNat: "a carrier-grade NAT address",
  unspecified: "an unspecified address",
  multicast: "a multicast address",
  broadcast: "a broadcast address",
};

/**
 * `READYROOM_WEBHOOK_ALLOW_ADDRESSES` (comma separated) and
 * `READYROOM_WEBHOOK_ALLOW_HTTP=true` are for testing only (the end-to-end
 * suite's receiver is plain http on loopback); both stay unset in production.
 * Requests to a workspace's identity provider (`purpose` "sso") read
 * `READYROOM_SSO_ALLOW_ADDRESSES` and `READYROOM_SSO_ALLOW_HTTP` the same way.
 */
export function defaultOutboundPolicy(env: Record<string, string | undefined> = process.env, purpose: "webhook" | "sso" = "webhook"): OutboundPolicy {
  const prefix = purpose === "sso" ? "READYROOM_SSO" : "READYROOM_WEBHOOK";
  return {
    requireHttps: env.NODE_ENV === "production" && env[`${prefix}_ALLOW_HTTP`] !== "true",
    allowAddresses: (env[`${prefix}_ALLOW_ADDRESSES`] ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean),
    connectTimeoutMs: 3000,
    totalTimeoutMs: 10_000,
  };
}

/** Checks a URL when an endpoint is registered, before any DNS. Returns null if fine, else a human message. */
export function checkEndpointUrl(url: string, policy: OutboundPolicy): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "not a valid URL";
  }
  if (parsed.protocol !== "https:" && (policy.requireHttps || parsed.protocol !== "http:")) {
    return policy.requireHttps ? "only https:// URLs are allowed" : "only http:// and https:// URLs are allowed";
  }
  if (parsed.username || parsed.password) return "URLs must not contain a user name or password";
  const host = parsed.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase();
  if (isAllowed(host, policy.allowAddresses)) return null;
  if (ipaddr.isValid(host)) {
    const reason = refusalFor(host);
    return reason && `${host} is ${reason}`;
  }
  return LOCAL_NAME.test(host) ? `${host} is a local or internal host name` : null;
}

/** A request refused by the policy or failed on the network, in words fit for a delivery log or a form. */
export class OutboundError extends Error {
  constructor(
    message: string,
    readonly refused: boolean,
  ) {
    super(message);
    this.name = "OutboundError";
  }
}

export interface OutboundResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** At most `maxBytes`: the rest of a longer body is not read. */
  body: Buffer;
  durationMs: number;
}

/**
 * One HTTP request to a customer-supplied URL under the policy: the URL is
 * checked, every connection's address is checked, redirects are not
 * followed, and the time is bounded. Throws OutboundError.
 */
export async function requestOutbound(
  input: { url: string; method: string; headers: Record<string, string>; body?: string | Buffer; maxBytes: number; userAgent: string },
  policy: OutboundPolicy,
): Promise<OutboundResponse> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  const problem = checkEndpointUrl(input.url, policy);
  if (problem) throw new OutboundError(`refused: ${problem}`, true);

  const url = new URL(input.url);
  // A fresh agent without keep-alive per request: every request resolves and checks the name again.
  const filter = { keepAlive: false, allowIPAddressList: policy.allowAddresses.filter((entry) => cidrOf(entry)) };
  const secure = url.protocol === "https:";
  const agent = secure ? new RequestFilteringHttpsAgent(filter) : new RequestFilteringHttpAgent(filter);
  const headers = {
    ...input.headers,
    "user-agent": input.userAgent,
    ...(input.body !== undefined ? { "content-length": String(Buffer.byteLength(input.body)) } : {}),
  };

  return new Promise((resolve, reject) => {
    let req: http.ClientRequest | undefined;
    let settled = false;
    const settle = () => {
      if (settled) return false;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(totalTimer);
      req?.destroy();
      agent.destroy();
      return true;
    };
    const fail = (error: string, refused = false) => settle() && reject(new OutboundError(error, refused));
    const connectTimer = setTimeout(
      () => fail(`connection timed out after ${policy.connectTimeoutMs / 1000} s`),
      policy.connectTimeoutMs,
    );
    const totalTimer = setTimeout(() => fail(`timed out after ${policy.totalTimeoutMs / 1000} s`), policy.totalTimeoutMs);

    const onResponse = (res: http.IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => settle() && resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).subarray(0, input.maxBytes), durationMs: took() });
      res.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= input.maxBytes) done();
      });
      res.on("end", done);
      res.on("error", done);
    };

    try {
      const send = secure ? https.request : http.request;
      req = send(url, { method: input.method, agent, headers, lookup: policy.lookup }, onResponse);
      req.on("socket", (socket) => socket.once("connect", () => clearTimeout(connectTimer)));
      req.on("error", (err) => {
        const { error, refused } = describeError(err, url.hostname.replace(/^\[|\]$/g, ""));
        fail(error, refused);
      });
      req.end(input.body);
    } catch (err) {
      fail(err instanceof Error ? err.message : String(err));
    }
  });
}

/** POSTs one delivery. Never throws: every outcome, refusals and timeouts included, is a result. */
export async function sendOutbound(
  input: { url: string; headers: Record<string, string>; body: string },
  policy: OutboundPolicy,
): Promise<OutboundResult> {
  const started = performance.now();
  try {
    const res = await requestOutbound(
      { url: input.url, method: "POST", headers: { ...input.headers, "content-type": "application/json" }, body: input.body, maxBytes: MAX_RESPONSE_BYTES, userAgent: "Readyroom-Webhooks/1" },
      policy,
    );
    const text = res.body.toString("utf8");
    // Counted in code points, so the cut never splits a surrogate pair.
    const excerpt = Array.from(text.slice(0, EXCERPT_CHARS * 2)).slice(0, EXCERPT_CHARS).join("");
    return { ok: res.status >= 200 && res.status < 300, status: res.status, durationMs: res.durationMs, excerpt };
  } catch (error) {
    const durationMs = Math.round(performance.now() - started);
    if (error instanceof OutboundError) return { ok: false, status: null, durationMs, error: error.message, refused: error.refused };
    return { ok: false, status: null, durationMs, error: error instanceof Error ? error.message : String(error), refused: false };
  }
}

/** Why an IP address may not be reached, or null for an ordinary public unicast address. */
function refusalFor(ip: string): string | null {
  const address = ipaddr.process(ip); // IPv4-mapped IPv6 is judged as the IPv4 address it carries
  if (METADATA.includes(address.toNormalizedString())) return "a cloud metadata address";
  const range = address.range();
  if (range === "unicast") return null;
  return RANGE_LABELS[range] ?? `a reserved address (${range})`;
}

function cidrOf(entry: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | null {
  try {
    if (entry.includes("/")) return ipaddr.parseCIDR(entry);
    const address = ipaddr.parse(entry);
    return [address, address.kind() === "ipv4" ? 32 : 128];
  } catch {
    return null;
  }
}

function isAllowed(host: string, allowAddresses: string[]): boolean {
  const address = ipaddr.isValid(host) ? ipaddr.process(host) : null;
  return allowAddresses.some((entry) => {
    if (!address) return entry.toLowerCase() === host;
    const cidr = cidrOf(entry);
    return !!cidr && cidr[0].kind() === address.kind() && (address as ipaddr.IPv4).match(cidr as [ipaddr.IPv4, number]);
  });
}

/** The agent's refusal reads "DNS lookup 10.0.0.7(family:4, host:…) is not allowed…"; other errors are network failures. */
function describeError(err: NodeJS.ErrnoException, host: string): { error: string; refused: boolean } {
  const blocked = /^DNS lookup (\S+?)\(family:.*is not allowed/.exec(err.message);
  if (blocked) {
    const address = blocked[1]!;
    const reason = (ipaddr.isValid(address) && refusalFor(address)) || "a denied address";
    const error = address === host ? `refused: ${address} is ${reason}` : `refused: ${host} resolves to ${address}, ${reason}`;
    return { error, refused: true };
  }
  const code = err.code ?? (err as Partial<AggregateError>).errors?.[0]?.code;
  const messages: Record<string, string> = {
    ECONNREFUSED: "connection refused",
    ECONNRESET: "connection reset",
    ENOTFOUND: `could not resolve ${host}`,
    EAI_AGAIN: `could not resolve ${host}`,
    EHOSTUNREACH: "host unreachable",
    ENETUNREACH: "network unreachable",
    ETIMEDOUT: "connection timed out",
  };
  return { error: (code && messages[code]) || err.message || code || "request failed", refused: false };
}
