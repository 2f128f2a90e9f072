import "server-only";
import { SAML, ValidateInResponseTo, type CacheProvider, type Profile } from "@node-saml/node-saml";
import { DOMParser } from "@xmldom/xmldom";
import * as xpath from "xpath";
import { serviceProviderUrls } from "@/lib/validation/sso";

/**
 * SAML 2.0 with a workspace's own identity provider
 * (docs/decisions/0019-enterprise-sso-plan.md). node-saml checks responses:
 * the assertion must be signed by one of the IdP's certificates, addressed to
 * this connection's entity id and ACS URL, fresh, and answer a request we sent
 * (InResponseTo, kept in SsoAuthnRequest). Each connection is its own service
 * provider, so an assertion for one workspace means nothing to another.
 */

export interface IdpMetadata {
  entityId: string;
  ssoUrl: string;
  /** Base64 DER, as in the metadata. */
  certificates: string[];
}

export class MetadataError extends Error {}

const NS = { md: "urn:oasis:names:tc:SAML:2.0:metadata", ds: "http://www.w3.org/2000/09/xmldsig#" };
const REDIRECT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
const select = xpath.useNamespaces(NS);

/** Reads what sign-in needs from IdP metadata: its entity id, its HTTP-Redirect sign-on URL and its signing certificates. */
export function parseIdpMetadata(xml: string): IdpMetadata {
  const errors: string[] = [];
  const onError = (message: string) => void errors.push(message);
  const doc = new DOMParser({ errorHandler: { warning: () => undefined, error: onError, fatalError: onError } }).parseFromString(xml, "text/xml");
  if (errors.length || !doc?.documentElement) throw new MetadataError("it is not well-formed XML");
  const descriptor = (select("//md:EntityDescriptor[md:IDPSSODescriptor]", doc as unknown as Node) as Element[])[0];
  if (!descriptor) throw new MetadataError("it has no EntityDescriptor with an IDPSSODescriptor");
  const entityId = descriptor.getAttribute("entityID")?.trim();
  if (!entityId) throw new MetadataError("the EntityDescriptor has no entityID");
  const sso = select(`md:IDPSSODescriptor/md:SingleSignOnService[@Binding='${REDIRECT_BINDING}']/@Location`, descriptor) as Attr[];
  const ssoUrl = sso[0]?.value.trim();
  if (!ssoUrl) throw new MetadataError("it has no SingleSignOnService with the HTTP-Redirect binding");
  try {
    const url = new URL(ssoUrl);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error();
  } catch {
    throw new MetadataError("its SingleSignOnService location is not an http(s) URL");
  }
  const certs = (select("md:IDPSSODescriptor/md:KeyDescriptor[not(@use) or @use='signing']//ds:X509Certificate/text()", descriptor) as Text[])
    .map((node) => node.data.replace(/\s+/g, ""))
    .filter(Boolean);
  if (!certs.length) throw new MetadataError("it has no signing certificate (KeyDescriptor with an X509Certificate)");
  return { entityId, ssoUrl, certificates: [...new Set(certs)] };
}


export interface SamlConnectionSettings {
  id: string;
  samlEntityId: string | null;
  samlSsoUrl: string | null;
  samlCertificates: string[];
}

const REQUEST_TTL_MS = 10 * 60_000;

function samlFor(connection: SamlConnectionSettings, origin: string, cacheProvider?: CacheProvider): SAML {
  const sp = serviceProviderUrls(origin, connection.id);
  return new SAML({
    issuer: sp.entityId,
    callbackUrl: sp.acsUrl,
    entryPoint: connection.samlSsoUrl ?? "",
    idpIssuer: connection.samlEntityId ?? undefined,
    idpCert: connection.samlCertificates,
    audience: sp.entityId,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    acceptedClockSkewMs: 60_000,
    maxAssertionAgeMs: REQUEST_TTL_MS,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: REQUEST_TTL_MS,
    ...(cacheProvider ? { cacheProvider } : {}),
  });
}

/** The service provider metadata to give the IdP (unsigned; it carries only public URLs). */
export function serviceProviderMetadata(connection: SamlConnectionSettings, origin: string): string {
  return samlFor(connection, origin).generateServiceProviderMetadata(null);
}

/** The request cache node-saml uses to check InResponseTo, kept in the database by the caller. */
export interface RequestStore {
  save(id: string, expiresAt: Date): Promise<void>;
  /** True once for a live request of this connection: it is consumed. */
  take(id: string): Promise<boolean>;
}

function cacheOf(store: RequestStore): CacheProvider {
  const taken = new Map<string, string>();
  return {
    async saveAsync(key, value) {
      await store.save(key, new Date(Date.now() + REQUEST_TTL_MS));
      return { createdAt: Date.now(), value };
    },
    async getAsync(key) {
      if (taken.has(key)) return taken.get(key)!;
      if (!(await store.take(key))) return null;
      const at = new Date().toISOString();
      taken.set(key, at);
      return at;
    },
    async removeAsync(key) {
      return key;
    },
  };
}

/** The IdP's sign-on URL carrying a fresh AuthnRequest (HTTP-Redirect), with where to go after as RelayState. */
export async function startSamlLogin(connection: SamlConnectionSettings, origin: string, input: { relayState: string; store: RequestStore }): Promise<string> {
  return samlFor(connection, origin, cacheOf(input.store)).getAuthorizeUrlAsync(input.relayState, undefined, {});
}

export interface SamlIdentity {
  subject: string;
  email: string | null;
  name: string | null;
}

const EMAIL_ATTRIBUTES = ["email", "mail", "urn:oid:0.9.2342.19200300.100.1.3", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "emailAddress"];
const NAME_ATTRIBUTES = ["displayName", "name", "http://schemas.microsoft.com/identity/claims/displayname", "urn:oid:2.16.840.1.113730.3.1.241"];

function firstString(profile: Profile, names: string[]): string | null {
  for (const name of names) {
    const value = profile[name];
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === "string" && text.trim()) return text.trim();
  }
  return null;
}

/** Checks a posted SAMLResponse and returns who it says signed in. Throws when anything about it is wrong. */
export async function finishSamlLogin(connection: SamlConnectionSettings, origin: string, input: { samlResponse: string; store: RequestStore }): Promise<SamlIdentity> {
  const { profile } = await samlFor(connection, origin, cacheOf(input.store)).validatePostResponseAsync({ SAMLResponse: input.samlResponse });
  if (!profile?.nameID) throw new Error("The response has no subject.");
  const byAttribute = firstString(profile, EMAIL_ATTRIBUTES);
  const nameIdIsEmail = /emailAddress$/.test(profile.nameIDFormat ?? "") || /^[^@\s]+@[^@\s]+$/.test(profile.nameID);
  return { subject: profile.nameID, email: byAttribute ?? (nameIdIsEmail ? profile.nameID : null), name: firstString(profile, NAME_ATTRIBUTES) };
}
