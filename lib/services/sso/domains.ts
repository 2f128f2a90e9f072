import "server-only";
import { randomBytes } from "node:crypto";
import { actorUserId, type WorkspaceContext } from "@/lib/auth/context";
import { workspaceOfVerifiedDomain } from "@/lib/db/global/sso";
import { AppError, ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { lookupTxt } from "@/lib/sso/dns";
import { challengeRecord, MAX_DOMAINS, type ClaimDomainInput } from "@/lib/validation/sso";
import { recordAuditEvent } from "../audit/record-audit-event";

/**
 * A workspace's email domains (docs/decisions/0019-enterprise-sso-plan.md).
 * Claiming one only reserves a token; the domain is the workspace's once DNS
 * carries the token, and then no other workspace can claim or verify it.
 */

/** Sign-in settings are changed by people, never by API keys. */
export function assertPerson(ctx: WorkspaceContext) {
  if (ctx.actor.type === "apiKey") throw new ForbiddenError("API keys cannot change how people sign in.");
}

export async function listDomains({ ctx }: { ctx: WorkspaceContext }) {
  return ctx.db.workspaceDomain.findMany({ orderBy: [{ verifiedAt: { sort: "asc", nulls: "last" } }, { domain: "asc" }] });
}

export async function claimDomain({ ctx, input }: { ctx: WorkspaceContext; input: ClaimDomainInput }) {
  assertPerson(ctx);
  const owner = await workspaceOfVerifiedDomain(input.domain);
  if (owner && owner !== ctx.workspace.id) throw new ConflictError(`${input.domain} is already verified by another workspace.`, { field: "domain" });
  return ctx.db.$transaction(async (tx) => {
    if (await tx.workspaceDomain.findFirst({ where: { domain: input.domain } })) throw new ConflictError(`${input.domain} is already claimed by this workspace.`);
    if ((await tx.workspaceDomain.count()) >= MAX_DOMAINS) throw new ConflictError(`A workspace can claim at most ${MAX_DOMAINS} domains; remove one first.`);
    const created = await tx.workspaceDomain.create({
      data: { workspaceId: ctx.workspace.id, domain: input.domain, token: randomBytes(18).toString("base64url"), createdById: actorUserId(ctx) },
    });
    await recordAuditEvent(tx, ctx, { action: "domain.claimed", targetType: "domain", targetId: created.id, metadata: { domain: created.domain } });
    return created;
  });
}

/**
 * Looks the verification record up now. Found: the domain is verified (409 if
 * another workspace verified it first). Not found: 422 saying what DNS showed;
 * the check and its outcome are kept either way.
 */
export async function verifyDomain({ ctx, id }: { ctx: WorkspaceContext; id: string }) {
  assertPerson(ctx);
  const row = await ctx.db.workspaceDomain.findFirst({ where: { id } });
  if (!row) throw new NotFoundError("Domain");
  if (row.verifiedAt) return row;
  const record = challengeRecord(row.domain, row.token);
  const lookup = await lookupTxt(record.name);
  const found = lookup.ok && lookup.values.some((value) => value.trim() === record.value);
  const now = new Date();
  if (!found) {
    const reason = !lookup.ok
      ? lookup.error
      : lookup.values.length
        ? `${record.name} has TXT records, but none is ${record.value}`
        : `no TXT record found at ${record.name}`;
    await ctx.db.workspaceDomain.updateMany({ where: { id }, data: { lastCheckedAt: now, lastCheckError: reason } });
    throw new AppError("validation_failed", `${row.domain} is not verified yet: ${reason}. DNS changes can take a few minutes to appear.`, [{ path: "domain", message: reason }]);
  }
  const owner = await workspaceOfVerifiedDomain(row.domain);
  if (owner && owner !== ctx.workspace.id) throw new ConflictError(`${row.domain} is already verified by another workspace.`);
  try {
    return await ctx.db.$transaction(async (tx) => {
      const verified = await tx.workspaceDomain.update({ where: { id }, data: { verifiedAt: now, verifiedDomain: row.domain, lastCheckedAt: now, lastCheckError: null } });
      await recordAuditEvent(tx, ctx, { action: "domain.verified", targetType: "domain", targetId: id, metadata: { domain: row.domain } });
      return verified;
    });
  } catch (error) {
    // Another workspace verified it between the check above and this write.
    if ((error as { code?: string }).code === "P2002") throw new ConflictError(`${row.domain} is already verified by another workspace.`);
    throw error;
  }
}

export async function removeDomain({ ctx, id }: { ctx: WorkspaceContext; id: string }) {
  assertPerson(ctx);
  await ctx.db.$transaction(async (tx) => {
    const row = await tx.workspaceDomain.findFirst({ where: { id } });
    if (!row) throw new NotFoundError("Domain");
    await tx.workspaceDomain.delete({ where: { id } });
    // Its people no longer sign in through the connections it was bound to.
    const bound = await tx.ssoConnection.findMany({ where: { domains: { has: row.domain } }, select: { id: true, name: true, domains: true } });
    for (const connection of bound) {
      await tx.ssoConnection.update({ where: { id: connection.id }, data: { domains: connection.domains.filter((d) => d !== row.domain) } });
    }
    await recordAuditEvent(tx, ctx, {
      action: "domain.removed",
      targetType: "domain",
      targetId: id,
      metadata: { domain: row.domain, wasVerified: Boolean(row.verifiedAt), unboundFrom: bound.map((c) => c.name) },
    });
  });
}
