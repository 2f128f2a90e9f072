import "server-only";
import { actorUserId, type WorkspaceContext } from "@/lib/auth/context";
import { seal, unseal } from "@/lib/auth/encryption";
import type { ScopedTx } from "@/lib/db/scoped";
import { AppError, ConflictError, NotFoundError } from "@/lib/errors";
import { describeOidcError, oidcConfiguration, type OidcClientSettings } from "@/lib/sso/oidc";
import { MetadataError, parseIdpMetadata, type IdpMetadata } from "@/lib/sso/saml";
import { defaultOutboundPolicy, OutboundError, requestOutbound } from "@/lib/webhooks/outbound";
import { MAX_CONNECTIONS, type CreateSsoConnectionInput, type UpdateSsoConnectionInput } from "@/lib/validation/sso";
import { recordAuditEvent } from "../audit/record-audit-event";
import { assertPerson } from "./domains";

/**
 * A workspace's identity providers (docs/decisions/0019-enterprise-sso-plan.md).
 * Each is bound to verified domains of the workspace, a domain to one
 * connection; an OpenID Connect provider is checked by reading its discovery
 * document before it is saved, a SAML IdP by reading its metadata.
 */

export async function listConnections({ ctx }: { ctx: WorkspaceContext }) {
  return ctx.db.ssoConnection.findMany({ orderBy: { createdAt: "asc" } });
}

export async function getConnection({ ctx, id }: { ctx: WorkspaceContext; id: string }) {
  const row = await ctx.db.ssoConnection.findFirst({ where: { id } });
  if (!row) throw new NotFoundError("Connection");
  return row;
}

/** Every domain must be verified by this workspace and not bound to another of its connections. */
async function assertDomainsBindable(tx: ScopedTx, domains: string[], exceptConnectionId?: string) {
  const unique = [...new Set(domains)];
  const verified = new Set((await tx.workspaceDomain.findMany({ where: { domain: { in: unique }, verifiedAt: { not: null } }, select: { domain: true } })).map((d) => d.domain));
  const unverified = domains.map((domain, i) => ({ domain, i })).filter(({ domain }) => !verified.has(domain));
  if (unverified.length) {
    throw new AppError(
      "validation_failed",
      `Invalid domains: ${unverified.map((u) => u.domain).join(", ")} ${unverified.length === 1 ? "is" : "are"} not verified by this workspace. Verify a domain under Domains before binding it.`,
      unverified.map(({ domain, i }) => ({ path: `domains.${i}`, message: `${domain} is not verified by this workspace` })),
    );
  }
  const taken = await tx.ssoConnection.findFirst({ where: { domains: { hasSome: unique }, ...(exceptConnectionId ? { id: { not: exceptConnectionId } } : {}) }, select: { name: true, domains: true } });
  if (taken) {
    const overlap = unique.filter((d) => taken.domains.includes(d));
    throw new ConflictError(`${overlap.join(", ")} already ${overlap.length === 1 ? "signs" : "sign"} in through “${taken.name}”. A domain belongs to one connection.`, { field: "domains" });
  }
}

async function assertDiscoverable(settings: OidcClientSettings) {
  try {
    await oidcConfiguration(settings, { fresh: true });
  } catch (error) {
    const reason = describeOidcError(error);
    throw new AppError("validation_failed", `Invalid issuer: ${reason}.`, [{ path: "issuer", message: reason }]);
  }
}

function withoutSlash(url: string) {
  return url.replace(/\/+$/, "");
}

/** The IdP's metadata, from the XML sent or read once from its URL through the outbound guard; 422 naming the field when unusable. */
async function resolveMetadata(input: { metadataXml?: string | undefined; metadataUrl?: string | undefined }): Promise<IdpMetadata & { metadataUrl: string | null }> {
  const field = input.metadataUrl ? "metadataUrl" : "metadataXml";
  const refuse = (reason: string) => new AppError("validation_failed", `Invalid ${field}: ${reason}.`, [{ path: field, message: reason }]);
  let xml = input.metadataXml ?? "";
  if (input.metadataUrl) {
    try {
      const res = await requestOutbound({ url: input.metadataUrl, method: "GET", headers: { accept: "application/samlmetadata+xml, application/xml, text/xml" }, maxBytes: 1024 * 1024, userAgent: "Readyroom-SSO/1" }, defaultOutboundPolicy(process.env, "sso"));
      if (res.status !== 200) throw refuse(`the metadata URL answered ${res.status}`);
      xml = res.body.toString("utf8");
    } catch (error) {
      if (error instanceof OutboundError) throw refuse(error.message);
      throw error;
    }
  }
  try {
    return { ...parseIdpMetadata(xml), metadataUrl: input.metadataUrl ?? null };
  } catch (error) {
    if (error instanceof MetadataError) throw refuse(`the metadata cannot be used: ${error.message}`);
    throw error;
  }
}

/** What a new connection stores besides its common fields: OIDC's checked client, or SAML's IdP as its metadata says. */
async function protocolFields(input: CreateSsoConnectionInput) {
  if (input.protocol === "saml") {
    const idp = await resolveMetadata(input);
    return { protocol: "saml" as const, samlMetadataUrl: idp.metadataUrl, samlEntityId: idp.entityId, samlSsoUrl: idp.ssoUrl, samlCertificates: idp.certificates };
  }
  const issuer = withoutSlash(input.issuer);
  await assertDiscoverable({ issuer, clientId: input.clientId, clientSecret: input.clientSecret });
  return { protocol: "oidc" as const, oidcIssuer: issuer, oidcClientId: input.clientId, oidcClientSecret: seal("sso-client-secret", input.clientSecret) };
}

/** The audit trail's view of a connection's settings: never a secret. */
function settingsForAudit(row: { protocol: string; oidcIssuer: string | null; oidcClientId: string | null; samlEntityId: string | null; samlSsoUrl: string | null; samlMetadataUrl: string | null }) {
  return row.protocol === "oidc" ? { issuer: row.oidcIssuer, clientId: row.oidcClientId } : { idpEntityId: row.samlEntityId, idpSsoUrl: row.samlSsoUrl, metadataUrl: row.samlMetadataUrl };
}

export async function createConnection({ ctx, input }: { ctx: WorkspaceContext; input: CreateSsoConnectionInput }) {
  assertPerson(ctx);
  await ctx.db.$transaction(async (tx) => {
    if ((await tx.ssoConnection.count()) >= MAX_CONNECTIONS) throw new ConflictError(`A workspace can have at most ${MAX_CONNECTIONS} connections.`);
    await assertDomainsBindable(tx, input.domains);
  });
  const fields = await protocolFields(input);
  return ctx.db.$transaction(async (tx) => {
    // Checked again inside the write: another admin may have bound a domain meanwhile.
    await assertDomainsBindable(tx, input.domains);
    const created = await tx.ssoConnection.create({
      data: { workspaceId: ctx.workspace.id, name: input.name, enabled: input.enabled, domains: [...new Set(input.domains)], defaultRole: input.defaultRole, createdById: actorUserId(ctx), ...fields },
    });
    await recordAuditEvent(tx, ctx, {
      action: "sso_connection.created",
      targetType: "sso_connection",
      targetId: created.id,
      metadata: { name: created.name, protocol: created.protocol, ...settingsForAudit(created), domains: created.domains, defaultRole: created.defaultRole, enabled: created.enabled },
    });
    return created;
  });
}

export async function updateConnection({ ctx, id, input }: { ctx: WorkspaceContext; id: string; input: UpdateSsoConnectionInput }) {
  assertPerson(ctx);
  const before = await getConnection({ ctx, id });
  const oidcChange = Boolean(input.issuer || input.clientId || input.clientSecret);
  const samlChange = Boolean(input.metadataXml || input.metadataUrl);
  if (before.protocol !== "oidc" && oidcChange) {
    throw new AppError("validation_failed", "Invalid fields: issuer, clientId and clientSecret belong to OpenID Connect connections.", [{ path: "issuer", message: "not an OpenID Connect connection" }]);
  }
  if (before.protocol !== "saml" && samlChange) {
    throw new AppError("validation_failed", "Invalid fields: metadataXml and metadataUrl belong to SAML connections.", [{ path: input.metadataXml ? "metadataXml" : "metadataUrl", message: "not a SAML connection" }]);
  }
  if (input.metadataXml && input.metadataUrl) {
    throw new AppError("validation_failed", "Invalid metadataXml: send the IdP's metadata as metadataXml or metadataUrl, one of them.", [{ path: "metadataXml", message: "send metadataXml or metadataUrl, one of them" }]);
  }
  const issuer = input.issuer ? withoutSlash(input.issuer) : before.oidcIssuer;
  if (input.domains) await ctx.db.$transaction((tx) => assertDomainsBindable(tx, input.domains!, id));
  if (oidcChange) {
    const secret = input.clientSecret ?? unseal("sso-client-secret", before.oidcClientSecret ?? "");
    await assertDiscoverable({ issuer: issuer ?? "", clientId: input.clientId ?? before.oidcClientId ?? "", clientSecret: secret });
  }
  const idp = samlChange ? await resolveMetadata(input) : null;
  return ctx.db.$transaction(async (tx) => {
    if (input.domains) await assertDomainsBindable(tx, input.domains, id);
    const updated = await tx.ssoConnection.update({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        ...(input.defaultRole !== undefined ? { defaultRole: input.defaultRole } : {}),
        ...(input.domains ? { domains: [...new Set(input.domains)] } : {}),
        ...(input.issuer ? { oidcIssuer: issuer } : {}),
        ...(input.clientId ? { oidcClientId: input.clientId } : {}),
        ...(input.clientSecret ? { oidcClientSecret: seal("sso-client-secret", input.clientSecret) } : {}),
        ...(idp ? { samlMetadataUrl: idp.metadataUrl, samlEntityId: idp.entityId, samlSsoUrl: idp.ssoUrl, samlCertificates: idp.certificates } : {}),
      },
    });
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ["name", "enabled", "defaultRole", "domains", "oidcIssuer", "oidcClientId", "samlEntityId", "samlSsoUrl", "samlMetadataUrl"] as const) {
      if (JSON.stringify(before[key]) !== JSON.stringify(updated[key])) changes[key] = { from: before[key], to: updated[key] };
    }
    await recordAuditEvent(tx, ctx, {
      action: "sso_connection.updated",
      targetType: "sso_connection",
      targetId: id,
      metadata: {
        name: updated.name,
        changes: changes as never,
        ...(input.clientSecret ? { clientSecretReplaced: true } : {}),
        ...(idp ? { certificates: { from: before.samlCertificates.length, to: updated.samlCertificates.length } } : {}),
      },
    });
    return updated;
  });
}

export async function deleteConnection({ ctx, id }: { ctx: WorkspaceContext; id: string }) {
  assertPerson(ctx);
  await ctx.db.$transaction(async (tx) => {
    const row = await tx.ssoConnection.findFirst({ where: { id } });
    if (!row) throw new NotFoundError("Connection");
    await tx.ssoConnection.delete({ where: { id } });
    await recordAuditEvent(tx, ctx, { action: "sso_connection.deleted", targetType: "sso_connection", targetId: id, metadata: { name: row.name, protocol: row.protocol, domains: row.domains } });
  });
}
