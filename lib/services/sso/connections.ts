import "server-only";
import { actorUserId, type WorkspaceContext } from "@/lib/auth/context";
import { seal, unseal } from "@/lib/auth/encryption";
import type { ScopedTx } from "@/lib/db/scoped";
import { AppError, ConflictError, NotFoundError } from "@/lib/errors";
import { describeOidcError, oidcConfiguration, type OidcClientSettings } from "@/lib/sso/oidc";
import { MAX_CONNECTIONS, type CreateSsoConnectionInput, type UpdateSsoConnectionInput } from "@/lib/validation/sso";
import { recordAuditEvent } from "../audit/record-audit-event";
import { assertPerson } from "./domains";

/**
 * A workspace's identity providers (docs/decisions/0019-enterprise-sso-plan.md).
 * Each is bound to verified domains of the workspace, a domain to one
 * connection; an OpenID Connect provider is checked by reading its discovery
 * document before it is saved.
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

export async function createConnection({ ctx, input }: { ctx: WorkspaceContext; input: CreateSsoConnectionInput }) {
  assertPerson(ctx);
  const issuer = withoutSlash(input.issuer);
  await ctx.db.$transaction(async (tx) => {
    if ((await tx.ssoConnection.count()) >= MAX_CONNECTIONS) throw new ConflictError(`A workspace can have at most ${MAX_CONNECTIONS} connections.`);
    await assertDomainsBindable(tx, input.domains);
  });
  await assertDiscoverable({ issuer, clientId: input.clientId, clientSecret: input.clientSecret });
  return ctx.db.$transaction(async (tx) => {
    // Checked again inside the write: another admin may have bound a domain meanwhile.
    await assertDomainsBindable(tx, input.domains);
    const created = await tx.ssoConnection.create({
      data: {
        workspaceId: ctx.workspace.id,
        protocol: "oidc",
        name: input.name,
        enabled: input.enabled,
        domains: [...new Set(input.domains)],
        defaultRole: input.defaultRole,
        oidcIssuer: issuer,
        oidcClientId: input.clientId,
        oidcClientSecret: seal("sso-client-secret", input.clientSecret),
        createdById: actorUserId(ctx),
      },
    });
    await recordAuditEvent(tx, ctx, {
      action: "sso_connection.created",
      targetType: "sso_connection",
      targetId: created.id,
      metadata: { name: created.name, protocol: created.protocol, issuer, clientId: input.clientId, domains: created.domains, defaultRole: created.defaultRole, enabled: created.enabled },
    });
    return created;
  });
}

export async function updateConnection({ ctx, id, input }: { ctx: WorkspaceContext; id: string; input: UpdateSsoConnectionInput }) {
  assertPerson(ctx);
  const before = await getConnection({ ctx, id });
  if (before.protocol !== "oidc" && (input.issuer || input.clientId || input.clientSecret)) {
    throw new AppError("validation_failed", "Invalid fields: issuer, clientId and clientSecret belong to OpenID Connect connections.", [{ path: "issuer", message: "not an OpenID Connect connection" }]);
  }
  const issuer = input.issuer ? withoutSlash(input.issuer) : before.oidcIssuer;
  if (input.domains) await ctx.db.$transaction((tx) => assertDomainsBindable(tx, input.domains!, id));
  if (before.protocol === "oidc" && (input.issuer || input.clientId || input.clientSecret)) {
    const secret = input.clientSecret ?? unseal("sso-client-secret", before.oidcClientSecret ?? "");
    await assertDiscoverable({ issuer: issuer ?? "", clientId: input.clientId ?? before.oidcClientId ?? "", clientSecret: secret });
  }
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
      },
    });
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ["name", "enabled", "defaultRole", "domains", "oidcIssuer", "oidcClientId"] as const) {
      if (JSON.stringify(before[key]) !== JSON.stringify(updated[key])) changes[key] = { from: before[key], to: updated[key] };
    }
    await recordAuditEvent(tx, ctx, {
      action: "sso_connection.updated",
      targetType: "sso_connection",
      targetId: id,
      metadata: { name: updated.name, changes: changes as never, ...(input.clientSecret ? { clientSecretReplaced: true } : {}) },
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
