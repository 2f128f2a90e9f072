#!/usr/bin/env node
/**
 * What customers' side of enterprise sign-in looks like, for the end-to-end
 * tests: two companies' OpenID Connect providers on SSO_OIDC_PORTS (9410 and
 * 9411; who signs in is the login_hint, test/harness/oidc-provider.mjs), a DNS
 * server (for domain verification) on SSO_DNS_PORT (9453), and a control
 * endpoint on SSO_CONTROL_PORT (9452):
 *   POST /dns {"name","values"}  sets the TXT records at a name.
 * The control port also plays a SAML identity provider (samlify,
 * test/harness/saml-idp.mjs): metadata at /saml/metadata, sign-on at
 * /saml/sso (it answers with an auto-posting form to the ACS), and
 *   POST /saml/next {"email","tamper"?: {"from","to"}}  who the next response
 *   names, and what to change in it after signing.
 */
import { createServer } from "node:http";
import { startDnsServer } from "../test/harness/dns-server.mjs";
import { startOidcProvider } from "../test/harness/oidc-provider.mjs";
import { createSamlIdp, readAuthnRequest, tamper } from "../test/harness/saml-idp.mjs";

const dnsPort = Number(process.env.SSO_DNS_PORT ?? 9453);
const controlPort = Number(process.env.SSO_CONTROL_PORT ?? 9452);

const oidcPorts = (process.env.SSO_OIDC_PORTS ?? "9410,9411").split(",").map(Number);

const dns = await startDnsServer({ port: dnsPort });
const providers = await Promise.all(oidcPorts.map((port) => startOidcProvider({ port })));
const samlBase = `http://127.0.0.1:${controlPort}/saml`;
const saml = createSamlIdp({ entityId: `${samlBase}/metadata`, ssoUrl: `${samlBase}/sso` });
let nextSaml = { email: "nobody@e2e.test" };

const escape = (text) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/** The IdP's answer to an AuthnRequest: a page that posts the signed response to the ACS, as real IdPs do. */
async function samlSignOn(url) {
  const request = readAuthnRequest(url.href);
  const spMetadata = await (await fetch(request.issuer)).text();
  let response = await saml.respond({ spMetadata, requestId: request.id, email: nextSaml.email });
  if (nextSaml.tamper) response = tamper(response, nextSaml.tamper.from, nextSaml.tamper.to);
  const relayState = url.searchParams.get("RelayState") ?? "";
  return `<!doctype html><title>Signing in…</title><body><form id="f" method="post" action="${escape(request.acsUrl)}"><input type="hidden" name="SAMLResponse" value="${escape(response)}"><input type="hidden" name="RelayState" value="${escape(relayState)}"><noscript><button>Continue</button></noscript></form><script>document.getElementById("f").submit()</script></body>`;
}

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
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${controlPort}`);
    if (req.method === "GET" && url.pathname === "/saml/metadata") return res.writeHead(200, { "content-type": "application/samlmetadata+xml" }).end(saml.metadata);
    if (req.method === "GET" && url.pathname === "/saml/sso") return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(await samlSignOn(url));
    if (req.method === "POST" && url.pathname === "/saml/next") {
      nextSaml = await readJson(req);
      return res.writeHead(204).end();
    }
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
