#!/usr/bin/env node
/**
 * What customers' side of enterprise sign-in looks like, for the end-to-end
 * tests: two companies' OpenID Connect providers on SSO_OIDC_PORTS (9410 and
 * 9411; who signs in is the login_hint, test/harness/oidc-provider.mjs), a DNS
 * server (for domain verification) on SSO_DNS_PORT (9453), and a control
 * endpoint on SSO_CONTROL_PORT (9452):
 *   POST /dns {"name","values"}  sets the TXT records at a name.
 */
import { createServer } from "node:http";
import { startDnsServer } from "../test/harness/dns-server.mjs";
import { startOidcProvider } from "../test/harness/oidc-provider.mjs";

const dnsPort = Number(process.env.SSO_DNS_PORT ?? 9453);
const controlPort = Number(process.env.SSO_CONTROL_PORT ?? 9452);

const oidcPorts = (process.env.SSO_OIDC_PORTS ?? "9410,9411").split(",").map(Number);

const dns = await startDnsServer({ port: dnsPort });
const providers = await Promise.all(oidcPorts.map((port) => startOidcProvider({ port })));

function readJson(req) {
  return new Promise((resolve, reject) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      try {
        resolve(JSON.parse(body));
      } catch (error) {
        reject(error);
      }
    });
  });
}

const control = createServer(async (req, res) => {
  try {
    if (req.method === "POST" && req.url === "/dns") {
      const { name, values } = await readJson(req);
      dns.setTxt(name, values);
      return res.writeHead(204).end();
    }
    res.writeHead(req.url === "/health" ? 200 : 404).end();
  } catch {
    res.writeHead(400).end();
  }
});
control.listen(controlPort, "127.0.0.1", () => console.log(`OIDC providers at ${providers.map((p) => p.issuer).join(", ")}, DNS on 127.0.0.1:${dnsPort}, control on :${controlPort}`));

const stop = async () => {
  control.close();
  await Promise.all([dns.close(), ...providers.map((p) => p.stop())]);
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
