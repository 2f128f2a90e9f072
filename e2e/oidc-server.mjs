#!/usr/bin/env node
/**
 * A real OpenID Connect provider for the end-to-end tests (oauth2-mock-server)
 * on OIDC_PORT (9400), plus a small control endpoint on OIDC_CONTROL_PORT
 * (9401): `POST /identity {"email","name"}` chooses who the next sign-in is.
 */
import { createServer } from "node:http";
import { OAuth2Server } from "oauth2-mock-server";

const port = Number(process.env.OIDC_PORT ?? 9400);
const controlPort = Number(process.env.OIDC_CONTROL_PORT ?? 9401);
let identity = { email: "nobody@e2e.test", name: "Nobody" };

const server = new OAuth2Server();
await server.issuer.keys.generate("RS256");

function claims() {
  return { sub: `e2e|${identity.email}`, email: identity.email, name: identity.name, email_verified: true };
}
server.service.on("beforeTokenSigning", (token) => {
  Object.assign(token.payload, claims());
});
server.service.on("beforeUserinfo", (userInfo) => {
  userInfo.body = claims();
});

await server.start(port, "127.0.0.1");
// Advertise the address the app is configured with, so the issuer check matches.
server.issuer.url = `http://127.0.0.1:${port}`;

const control = createServer((req, res) => {
  if (req.method === "POST" && req.url === "/identity") {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      identity = JSON.parse(body);
      res.writeHead(204).end();
    });
    return;
  }
  res.writeHead(req.url === "/health" ? 200 : 404).end();
});
control.listen(controlPort, "127.0.0.1", () => console.log(`OIDC provider at ${server.issuer.url}, control on :${controlPort}`));

const stop = async () => {
  control.close();
  await server.stop();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
