/**
 * A customer's SAML 2.0 identity provider for tests, built with samlify: it
 * publishes metadata, reads Readyroom's AuthnRequest from the HTTP-Redirect
 * URL, and answers with a signed response for whoever the test names.
 * Keys: test/fixtures/saml (self-signed, for tests only).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inflateRawSync } from "node:zlib";
import * as samlify from "samlify";

// samlify insists on an XML schema validator; the responses here are its own.
samlify.setSchemaValidator({ validate: async () => "skipped" });

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "saml");
const read = (name) => readFileSync(path.join(fixtures, name), "utf8");
export const IDP_KEYS = { key: read("idp-key.pem"), cert: read("idp-cert.pem") };
/** A key pair the IdP's metadata does not name: what a forger would sign with. */
export const OTHER_KEYS = { key: read("other-key.pem"), cert: read("other-cert.pem") };

const REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
const EMAIL_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

function identityProvider(entityId, ssoUrl, keys) {
  return samlify.IdentityProvider({
    entityID: entityId,
    privateKey: keys.key,
    signingCert: keys.cert,
    nameIDFormat: [EMAIL_FORMAT],
    singleSignOnService: [{ Binding: REDIRECT, Location: ssoUrl }],
    isAssertionEncrypted: false,
    wantAuthnRequestsSigned: false,
  });
}

/** The AuthnRequest carried by an HTTP-Redirect URL: its ID, issuer (the SP's entity id, which is its metadata URL) and ACS URL. */
export function readAuthnRequest(url) {
  const xml = inflateRawSync(Buffer.from(new URL(url).searchParams.get("SAMLRequest") ?? "", "base64")).toString("utf8");
  return {
    id: /\sID="([^"]+)"/.exec(xml)?.[1] ?? "",
    issuer: /<(?:saml2?:)?Issuer[^>]*>([^<]+)</.exec(xml)?.[1] ?? "",
    acsUrl: /AssertionConsumerServiceURL="([^"]+)"/.exec(xml)?.[1] ?? "",
    xml,
  };
}

export function createSamlIdp({ entityId = "https://idp.test/saml", ssoUrl = "https://idp.test/sso" } = {}) {
  const idp = identityProvider(entityId, ssoUrl, IDP_KEYS);
  return {
    entityId,
    metadata: idp.getMetadata(),
    /** A base64 SAMLResponse for `email`, answering `requestId`, signed with the IdP's key (or `keys`). */
    async respond({ spMetadata, requestId, email, keys }) {
      const signer = keys ? identityProvider(entityId, ssoUrl, keys) : idp;
      const sp = samlify.ServiceProvider({ metadata: spMetadata });
      const { context } = await signer.createLoginResponse(sp, { extract: { request: { id: requestId } } }, "post", { email });
      return context;
    },
  };
}

/** The same response with text changed inside the signed assertion (its signature no longer matches). */
export function tamper(samlResponse, from, to) {
  const xml = Buffer.from(samlResponse, "base64").toString("utf8");
  if (!xml.includes(from)) throw new Error(`"${from}" is not in the response`);
  return Buffer.from(xml.split(from).join(to), "utf8").toString("base64");
}
