import { rawDb } from "../client";
import type { RequestStore } from "@/lib/sso/saml";

/**
 * Enterprise sign-in look-ups that precede any workspace
 * (docs/decisions/0019-enterprise-sso-plan.md). A verified domain belongs to
 * one workspace; these are the only reads of it across workspaces.
 */

/** The workspace that has verified `domain`, or null. */
export async function workspaceOfVerifiedDomain(domain: string): Promise<string | null> {
  const db = await rawDb();
  const row = await db.workspaceDomain.findUnique({ where: { verifiedDomain: domain.toLowerCase() }, select: { workspaceId: true } });
  return row?.workspaceId ?? null;
}

const CONNECTION_FOR_LOGIN = {
  id: true,
  workspaceId: true,
  protocol: true,
  name: true,
  enabled: true,
  domains: true,
  defaultRole: true,
  oidcIssuer: true,
  oidcClientId: true,
  oidcClientSecret: true,
  samlEntityId: true,
  samlSsoUrl: true,
  samlCertificates: true,
  workspace: { select: { id: true, slug: true, name: true } },
} as const;

/** Where an email signs in: the workspace that verified its domain and the enabled connection bound to it, or null. */
export async function findSsoRouteForEmail(email: string) {
  const domain = email.toLowerCase().split("@")[1];
  if (!domain) return null;
  const db = await rawDb();
  const owner = await db.workspaceDomain.findUnique({ where: { verifiedDomain: domain }, select: { workspaceId: true } });
  if (!owner) return null;
  const connection = await db.ssoConnection.findFirst({ where: { workspaceId: owner.workspaceId, enabled: true, domains: { has: domain } }, select: CONNECTION_FOR_LOGIN });
  return connection ? { domain, connection } : null;
}

/** A connection by id for a sign-in in progress (its id came back in the sealed state), or null when gone or disabled. */
export async function findSsoConnectionForLogin(id: string) {
  const db = await rawDb();
  return db.ssoConnection.findFirst({ where: { id, enabled: true }, select: CONNECTION_FOR_LOGIN });
}

/** A SAML connection by id, enabled or not, for its public service-provider metadata. */
export async function findSamlConnection(id: string) {
  const db = await rawDb();
  return db.ssoConnection.findFirst({ where: { id, protocol: "saml" }, select: CONNECTION_FOR_LOGIN });
}

export type SsoLoginConnection = NonNullable<Awaited<ReturnType<typeof findSsoConnectionForLogin>>>;

/** The person was deactivated by the workspace's SCIM provisioning. */
export class DeprovisionedError extends Error {
  constructor() {
    super("Deactivated by the identity provider's provisioning.");
    this.name = "DeprovisionedError";
  }
}

/**
 * The end of every enterprise sign-in, OIDC or SAML: the person is found by
 * the provider's subject (an Account `sso:<connectionId>`), else by email
 * (the provider speaks for a domain the workspace proved), else created; a
 * first sign-in joins the workspace with the connection's default role. One
 * transaction, audited in the workspace.
 */
export async function completeSsoLogin(input: {
  connection: SsoLoginConnection;
  subject: string;
  email: string;
  name: string | null;
  request: { id: string; ip?: string | null; userAgent?: string | null };
}): Promise<{ userId: string; joined: boolean }> {
  const { connection } = input;
  const email = input.email.toLowerCase();
  const provider = `sso:${connection.id}`;
  const db = await rawDb();
  return db.$transaction(async (tx) => {
    const account = await tx.account.findUnique({ where: { provider_providerAccountId: { provider, providerAccountId: input.subject } }, select: { userId: true } });
    let userId = account?.userId;
    let newUser = false;
    if (!userId) {
      const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
      newUser = !existing;
      userId = existing?.id ?? (await tx.user.create({ data: { email, name: input.name, emailVerified: new Date() }, select: { id: true } })).id;
      await tx.account.create({ data: { userId, type: connection.protocol, provider, providerAccountId: input.subject } });
    }
    // Deprovisioned by the IdP over SCIM: signing in does not bring the membership back.
    if (await tx.scimUser.findFirst({ where: { workspaceId: connection.workspaceId, userId, active: false }, select: { id: true } })) throw new DeprovisionedError();
    const membership = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId: connection.workspaceId, userId } }, select: { role: true } });
    const audit = { workspaceId: connection.workspaceId, actorUserId: userId, ip: input.request.ip ?? null, userAgent: input.request.userAgent ?? null, requestId: input.request.id };
    if (!membership) {
      await tx.membership.create({ data: { workspaceId: connection.workspaceId, userId, role: connection.defaultRole } });
      await tx.auditEvent.create({ data: { ...audit, action: "member.joined_by_sso", targetType: "membership", targetId: userId, metadata: { email, role: connection.defaultRole, connectionId: connection.id, connection: connection.name } } });
    }
    await tx.auditEvent.create({
      data: { ...audit, action: "sso.signed_in", targetType: "sso_connection", targetId: connection.id, metadata: { email, protocol: connection.protocol, connection: connection.name, newUser } },
    });
    return { userId, joined: !membership };
  });
}

/** SAML requests in flight for one connection (lib/sso/saml.ts): each response answers one, once, before it expires. */
export function samlRequestStore(connection: { id: string; workspaceId: string }): RequestStore {
  return {
    async save(id, expiresAt) {
      const db = await rawDb();
      await db.ssoAuthnRequest.deleteMany({ where: { connectionId: connection.id, expiresAt: { lt: new Date() } } });
      await db.ssoAuthnRequest.create({ data: { id, workspaceId: connection.workspaceId, connectionId: connection.id, expiresAt } });
    },
    async take(id) {
      const db = await rawDb();
      const { count } = await db.ssoAuthnRequest.deleteMany({ where: { id, connectionId: connection.id, expiresAt: { gt: new Date() } } });
      return count === 1;
    },
  };
}

/**
 * SSO enforcement (docs/decisions/0019-enterprise-sso-plan.md): when the
 * workspace that verified this email's domain requires SSO and has an enabled
 * connection for it, the person may sign in only through that connection —
 * unless they are an owner of that workspace (the break-glass path, so a
 * broken IdP cannot lock its owners out). Null when nothing is enforced.
 */
export async function ssoRequirementFor(email: string): Promise<{ workspaceId: string; connectionName: string; ownerUserId: string | null } | null> {
  const normalized = email.toLowerCase();
  const domain = normalized.split("@")[1];
  if (!domain) return null;
  const db = await rawDb();
  const owner = await db.workspaceDomain.findUnique({ where: { verifiedDomain: domain }, select: { workspace: { select: { id: true, ssoEnforced: true } } } });
  if (!owner?.workspace.ssoEnforced) return null;
  const connection = await db.ssoConnection.findFirst({ where: { workspaceId: owner.workspace.id, enabled: true, domains: { has: domain } }, select: { name: true } });
  if (!connection) return null;
  const ownerMembership = await db.membership.findFirst({ where: { workspaceId: owner.workspace.id, role: "owner", user: { email: normalized } }, select: { userId: true } });
  return { workspaceId: owner.workspace.id, connectionName: connection.name, ownerUserId: ownerMembership?.userId ?? null };
}

/** An owner signed in another way while SSO is enforced: recorded in the workspace they may unlock. */
export async function recordBreakGlassSignIn(input: { workspaceId: string; userId: string; email: string; method: string; request?: { id?: string; ip?: string | null; userAgent?: string | null } }) {
  const db = await rawDb();
  await db.auditEvent.create({
    data: {
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      action: "sso.break_glass_sign_in",
      targetType: "membership",
      targetId: input.userId,
      metadata: { email: input.email, method: input.method },
      ip: input.request?.ip ?? null,
      userAgent: input.request?.userAgent ?? null,
      requestId: input.request?.id ?? null,
    },
  });
}

/**
 * Signs out the workspace's members whose address is in `domains`, owners
 * excepted, when SSO becomes required: their next sign-in goes through the
 * identity provider. Returns how many sessions ended.
 */
export async function endSessionsForEnforcement(workspaceId: string, domains: string[]): Promise<number> {
  if (!domains.length) return 0;
  const db = await rawDb();
  const { count } = await db.session.deleteMany({
    where: {
      user: {
        OR: domains.map((domain) => ({ email: { endsWith: `@${domain}` } })),
        memberships: { some: { workspaceId, role: { not: "owner" } } },
        NOT: { memberships: { some: { workspaceId, role: "owner" } } },
      },
    },
  });
  return count;
}

/** The workspace a SCIM bearer token acts for, or null when unknown or revoked; records its use. */
export async function findActiveScimToken(hash: string) {
  const db = await rawDb();
  const token = await db.scimToken.findUnique({ where: { hash }, select: { id: true, name: true, revokedAt: true, lastUsedAt: true, workspace: { select: { id: true, slug: true, name: true } } } });
  if (!token || token.revokedAt) return null;
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000) await db.scimToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
  return token;
}

/** Ends every session of a person the identity provider deprovisioned: their next request is signed out. */
export async function endSessionsOf(userId: string): Promise<number> {
  const db = await rawDb();
  return (await db.session.deleteMany({ where: { userId } })).count;
}
