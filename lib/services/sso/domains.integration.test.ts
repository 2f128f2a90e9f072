import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as domainsRoute from "@/app/api/v1/workspaces/[ws]/domains/route";
import * as domainRoute from "@/app/api/v1/workspaces/[ws]/domains/[id]/route";
import * as verifyRoute from "@/app/api/v1/workspaces/[ws]/domains/[id]/verify/route";
import { workspaceOfVerifiedDomain } from "@/lib/db/global/sso";
import { as, createTestApiKey, createWorkspace, unique, type TestUser, type TestWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";
import { startDnsServer } from "@/test/harness/dns-server.mjs";

let dns: Awaited<ReturnType<typeof startDnsServer>>;
let ws: TestWorkspace;
let rival: TestWorkspace;
const savedServers = process.env.READYROOM_DNS_SERVERS;

beforeAll(async () => {
  dns = await startDnsServer();
  process.env.READYROOM_DNS_SERVERS = dns.server;
  ws = await createWorkspace("domains");
  rival = await createWorkspace("domains-rival");
});
afterAll(async () => {
  if (savedServers === undefined) delete process.env.READYROOM_DNS_SERVERS;
  else process.env.READYROOM_DNS_SERVERS = savedServers;
  await dns.close();
});
beforeEach(() => dns.clear());

const claim = (domain: string, w: TestWorkspace = ws, who: TestUser = w.members.admin) =>
  callRoute(domainsRoute.POST, { method: "POST", as: as.user(who), params: { ws: w.slug }, body: { domain } });
const verify = (id: string, w: TestWorkspace = ws, who: TestUser = w.members.admin) =>
  callRoute(verifyRoute.POST, { method: "POST", as: as.user(who), params: { ws: w.slug, id } });
const newDomain = () => `${unique("acme")}.example`;

describe("domains", () => {
  it("claims a domain (201) with the TXT record to publish, normalised, and audits it", async () => {
    const domain = newDomain();
    const r = await claim(`  ${domain.toUpperCase()} `);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ domain, status: "pending", verifiedAt: null, lastCheckedAt: null, record: { type: "TXT", name: `_readyroom-challenge.${domain}` } });
    expect(r.body.record.value).toMatch(/^readyroom-domain-verification=[A-Za-z0-9_-]{24}$/);
    expect(await ws.ctx.db.auditEvent.count({ where: { action: "domain.claimed", targetId: r.body.id } })).toBe(1);
    const list = await callRoute(domainsRoute.GET, { as: as.user(ws.owner), params: { ws: ws.slug } });
    expect(list.body.data.map((d: { id: string }) => d.id)).toContain(r.body.id);
    expect((await claim(domain)).status).toBe(409);
  });

  it("verifies only when DNS carries the exact token; a failed check says what DNS showed and keeps it pending", async () => {
    const domain = newDomain();
    const { body } = await claim(domain);
    const missing = await verify(body.id);
    expect(missing.status).toBe(422);
    expect(missing.body.error.message).toContain(`no TXT record found at _readyroom-challenge.${domain}`);
    dns.setTxt(body.record.name, ["readyroom-domain-verification=someone-elses-token", "v=spf1 -all"]);
    const wrong = await verify(body.id);
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.message).toContain("none is readyroom-domain-verification=");
    const pending = await ws.ctx.db.workspaceDomain.findFirstOrThrow({ where: { id: body.id } });
    expect(pending).toMatchObject({ verifiedAt: null, verifiedDomain: null });
    expect(pending.lastCheckError).toContain("none is");
    expect(await workspaceOfVerifiedDomain(domain)).toBeNull();

    dns.setTxt(body.record.name, ["v=spf1 -all", body.record.value]);
    const ok = await verify(body.id);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: "verified", lastCheckError: null });
    expect(await workspaceOfVerifiedDomain(domain)).toBe(ws.id);
    expect(await ws.ctx.db.auditEvent.count({ where: { action: "domain.verified", targetId: body.id } })).toBe(1);
    // Verifying again answers as it is, without another look-up or event.
    dns.clear();
    expect((await verify(body.id)).body.status).toBe("verified");
    expect(await ws.ctx.db.auditEvent.count({ where: { action: "domain.verified", targetId: body.id } })).toBe(1);
  });

  it("gives a verified domain to one workspace: others can neither claim nor verify it, until it is removed", async () => {
    const domain = newDomain();
    // Both claim while it is unverified: pending claims coexist.
    const mine = (await claim(domain)).body;
    const theirs = (await claim(domain, rival)).body;
    expect(theirs.record.value).not.toBe(mine.record.value);
    dns.setTxt(mine.record.name, [mine.record.value, theirs.record.value]);
    expect((await verify(mine.id)).status).toBe(200);
    const late = await verify(theirs.id, rival);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe(`${domain} is already verified by another workspace.`);
    const again = await claim(domain, rival);
    expect(again.status).toBe(409);
    expect(await rival.ctx.db.workspaceDomain.findFirstOrThrow({ where: { id: theirs.id } })).toMatchObject({ verifiedAt: null });

    const removed = await callRoute(domainRoute.DELETE, { method: "DELETE", as: as.user(ws.owner), params: { ws: ws.slug, id: mine.id } });
    expect(removed.status).toBe(204);
    expect(await ws.ctx.db.auditEvent.findFirst({ where: { action: "domain.removed", targetId: mine.id } })).toMatchObject({ metadata: { domain, wasVerified: true, unboundFrom: [] } });
    expect((await verify(theirs.id, rival)).status).toBe(200);
    expect(await workspaceOfVerifiedDomain(domain)).toBe(rival.id);
  });

  it("answers 422 for something that is not a domain, and a DNS failure in words", async () => {
    for (const bad of ["not a domain", "localhost", "-acme.example", "acme..example", ""]) {
      const r = await claim(bad);
      expect(r.status, bad).toBe(422);
      expect(r.body.error.details[0].path).toBe("domain");
    }
    const { body } = await claim(newDomain());
    process.env.READYROOM_DNS_SERVERS = "127.0.0.1:9"; // nothing answers there
    try {
      const r = await verify(body.id);
      expect(r.status).toBe(422);
      expect(r.body.error.message).toMatch(/DNS (did not answer in time|lookup failed)/);
    } finally {
      process.env.READYROOM_DNS_SERVERS = dns.server;
    }
  }, 30_000);

  it("is for owners and admins in person: members get 403, API keys get 403 even as admin", async () => {
    expect((await claim(newDomain(), ws, ws.members.member)).status).toBe(403);
    expect((await callRoute(domainsRoute.GET, { as: as.user(ws.members.viewer), params: { ws: ws.slug } })).status).toBe(403);
    const key = await createTestApiKey(ws, "admin");
    const byKey = await callRoute(domainsRoute.POST, { method: "POST", as: as.apiKey(key.key), params: { ws: ws.slug }, body: { domain: newDomain() } });
    expect(byKey.status).toBe(403);
    expect(byKey.body.error.message).toBe("API keys cannot change how people sign in.");
  });

  it("limits a workspace to 20 domains", async () => {
    const crowded = await createWorkspace("domains-crowded");
    for (let i = 0; i < 20; i++) expect((await claim(newDomain(), crowded, crowded.owner)).status).toBe(201);
    const r = await claim(newDomain(), crowded, crowded.owner);
    expect(r.status).toBe(409);
    expect(await crowded.ctx.db.workspaceDomain.count()).toBe(20);
  });
});
