import { z } from "zod";
import { name, nullableTimestamp, timestamp } from "./common";
import { domainName } from "./workspace";

/** Where the verification record lives and what it says (docs/decisions/0019-enterprise-sso-plan.md). */
export const DOMAIN_CHALLENGE_PREFIX = "_readyroom-challenge";
export const DOMAIN_CHALLENGE_VALUE_PREFIX = "readyroom-domain-verification=";
/** A workspace claims at most this many domains. */
export const MAX_DOMAINS = 20;

export const claimDomainInput = z.strictObject({ domain: domainName });
export type ClaimDomainInput = z.infer<typeof claimDomainInput>;

export const domainOutput = z.object({
  id: z.string(),
  domain: z.string(),
  status: z.enum(["pending", "verified"]),
  verifiedAt: nullableTimestamp,
  lastCheckedAt: nullableTimestamp,
  lastCheckError: z.string().nullable().meta({ description: "Why the last check did not verify the domain." }),
  record: z
    .object({ type: z.literal("TXT"), name: z.string(), value: z.string() })
    .meta({ description: "The DNS record that proves the domain is yours: publish it, then verify." }),
  createdAt: timestamp,
});

export function challengeRecord(domain: string, token: string) {
  return { type: "TXT" as const, name: `${DOMAIN_CHALLENGE_PREFIX}.${domain}`, value: `${DOMAIN_CHALLENGE_VALUE_PREFIX}${token}` };
}

interface DomainRow {
  id: string;
  domain: string;
  token: string;
  verifiedAt: Date | null;
  lastCheckedAt: Date | null;
  lastCheckError: string | null;
  createdAt: Date;
}

/** A domain row as the API shows it: its status and the record to publish. */
export function domainView(row: DomainRow) {
  return domainOutput.parse({ ...row, status: row.verifiedAt ? "verified" : "pending", record: challengeRecord(row.domain, row.token) });
}

/** A workspace has at most this many identity-provider connections. */
export const MAX_CONNECTIONS = 10;

/** What a first sign-in makes someone: never an owner. */
export const ssoDefaultRole = z.enum(["admin", "member", "viewer"]);

const httpUrl = z
  .string()
  .trim()
  .max(500, "must be at most 500 characters")
  .pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }));
const boundDomains = z.array(domainName).min(1, "bind at least one verified domain").max(MAX_DOMAINS);
const clientText = (what: string) => z.string().trim().min(1, "is required").max(2000, `${what} must be at most 2000 characters`);

export const createOidcConnectionInput = z.strictObject({
  protocol: z.literal("oidc"),
  name,
  issuer: httpUrl.meta({ description: "The issuer URL; Readyroom reads `<issuer>/.well-known/openid-configuration`." }),
  clientId: clientText("the client id"),
  clientSecret: clientText("the client secret").meta({ description: "Stored encrypted; never shown again." }),
  domains: boundDomains.meta({ description: "Verified domains of this workspace whose people sign in here; each belongs to one connection." }),
  defaultRole: ssoDefaultRole.default("member").meta({ description: "The role a person gets on their first sign-in." }),
  enabled: z.boolean().default(true),
});

const metadataXml = z.string().trim().min(1, "is required").max(500_000, "must be at most 500,000 characters");

export const createSamlConnectionInput = z
  .strictObject({
    protocol: z.literal("saml"),
    name,
    metadataXml: metadataXml.optional().meta({ description: "The IdP's SAML metadata XML. Send this or `metadataUrl`." }),
    metadataUrl: httpUrl.optional().meta({ description: "Where Readyroom reads the IdP's metadata once, when saving." }),
    domains: boundDomains,
    defaultRole: ssoDefaultRole.default("member"),
    enabled: z.boolean().default(true),
  })
  .refine((v) => Boolean(v.metadataXml) !== Boolean(v.metadataUrl), { message: "send the IdP's metadata as metadataXml or metadataUrl, one of them", path: ["metadataXml"] });

export const createSsoConnectionInput = z.discriminatedUnion("protocol", [createOidcConnectionInput, createSamlConnectionInput]);
export type CreateSsoConnectionInput = z.infer<typeof createSsoConnectionInput>;

export const updateSsoConnectionInput = z
  .strictObject({
    name: name.optional(),
    issuer: httpUrl.optional(),
    clientId: clientText("the client id").optional(),
    clientSecret: clientText("the client secret").optional().meta({ description: "Send only to replace it." }),
    metadataXml: metadataXml.optional().meta({ description: "SAML: new IdP metadata (a rotated certificate, say)." }),
    metadataUrl: httpUrl.optional().meta({ description: "SAML: read the IdP's metadata again from here." }),
    domains: boundDomains.optional(),
    defaultRole: ssoDefaultRole.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Send at least one field to change.");
export type UpdateSsoConnectionInput = z.infer<typeof updateSsoConnectionInput>;

export const ssoConnectionOutput = z.object({
  id: z.string(),
  protocol: z.enum(["oidc", "saml"]),
  name: z.string(),
  enabled: z.boolean(),
  domains: z.array(z.string()),
  defaultRole: ssoDefaultRole,
  oidc: z.object({ issuer: z.string(), clientId: z.string(), clientSecretSet: z.boolean() }).nullable(),
  saml: z
    .object({
      idpEntityId: z.string(),
      idpSsoUrl: z.string(),
      metadataUrl: z.string().nullable(),
      certificates: z.int().meta({ description: "How many IdP signing certificates are trusted." }),
      serviceProvider: z.object({ entityId: z.string(), acsUrl: z.string(), metadataUrl: z.string() }).meta({ description: "What to enter at the IdP." }),
    })
    .nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type SsoConnectionOutput = z.infer<typeof ssoConnectionOutput>;

/** Where a SAML connection lives as a service provider: the values its IdP is given (the entity id is the metadata URL). */
export function serviceProviderUrls(origin: string, connectionId: string) {
  const base = `${origin}/api/auth/sso/saml/${connectionId}`;
  return { entityId: `${base}/metadata`, acsUrl: `${base}/acs`, metadataUrl: `${base}/metadata` };
}

interface ConnectionRow {
  id: string;
  protocol: "oidc" | "saml";
  name: string;
  enabled: boolean;
  domains: string[];
  defaultRole: string;
  oidcIssuer: string | null;
  oidcClientId: string | null;
  oidcClientSecret: string | null;
  samlMetadataUrl: string | null;
  samlEntityId: string | null;
  samlSsoUrl: string | null;
  samlCertificates: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** A connection as the API shows it, with the app's origin for the SAML service-provider values: never its client secret. */
export function connectionView(row: ConnectionRow, origin: string): SsoConnectionOutput {
  return ssoConnectionOutput.parse({
    ...row,
    oidc: row.protocol === "oidc" ? { issuer: row.oidcIssuer ?? "", clientId: row.oidcClientId ?? "", clientSecretSet: Boolean(row.oidcClientSecret) } : null,
    saml:
      row.protocol === "saml"
        ? {
            idpEntityId: row.samlEntityId ?? "",
            idpSsoUrl: row.samlSsoUrl ?? "",
            metadataUrl: row.samlMetadataUrl,
            certificates: row.samlCertificates.length,
            serviceProvider: serviceProviderUrls(origin, row.id),
          }
        : null,
  });
}

export const ssoSettingsInput = z.strictObject({ enforced: z.boolean().meta({ description: "Require the workspace's identity providers for the people of their domains." }) });

export const ssoSettingsOutput = z.object({
  enforced: z.boolean(),
  enforceable: z.boolean().meta({ description: "Whether an enabled connection is bound to a domain: SSO can only be required then." }),
  enforcedDomains: z.array(z.string()).meta({ description: "The domains whose people must use SSO while it is required." }),
});

export const createScimTokenInput = z.strictObject({ name });

export const scimTokenOutput = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  lastUsedAt: nullableTimestamp,
  revokedAt: nullableTimestamp,
  createdAt: timestamp,
});

export const createdScimTokenOutput = scimTokenOutput.extend({ token: z.string().meta({ description: "The bearer token for the identity provider's SCIM settings; shown this once." }) });

export const mapScimGroupInput = z.strictObject({ role: ssoDefaultRole.nullable().meta({ description: "The role the group's members get (the highest of their groups wins); null for none." }) });

export const scimGroupOutput = z.object({
  id: z.string(),
  displayName: z.string(),
  role: ssoDefaultRole.nullable(),
  members: z.int(),
  updatedAt: timestamp,
});

export function scimGroupView(row: { id: string; displayName: string; role: string | null; updatedAt: Date; _count: { members: number } }) {
  return scimGroupOutput.parse({ ...row, members: row._count.members });
}
