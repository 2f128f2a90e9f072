import "server-only";
import { actorUserId, type WorkspaceContext } from "@/lib/auth/context";
import { generateScimToken } from "@/lib/auth/scim";
import { NotFoundError } from "@/lib/errors";
import { recordAuditEvent } from "../audit/record-audit-event";
import { assertPerson } from "../sso/domains";

/** SCIM tokens: shown once, kept as a hash; revoking one stops the next request. */
export async function listScimTokens({ ctx }: { ctx: WorkspaceContext }) {
  return ctx.db.scimToken.findMany({ orderBy: { createdAt: "desc" } });
}

export async function createScimToken({ ctx, name }: { ctx: WorkspaceContext; name: string }) {
  assertPerson(ctx);
  const { token, prefix, hash } = generateScimToken();
  const row = await ctx.db.$transaction(async (tx) => {
    const created = await tx.scimToken.create({ data: { workspaceId: ctx.workspace.id, name, prefix, hash, createdById: actorUserId(ctx) } });
    await recordAuditEvent(tx, ctx, { action: "scim.token_created", targetType: "scim_token", targetId: created.id, metadata: { name, prefix } });
    return created;
  });
  return { row, token };
}

export async function revokeScimToken({ ctx, id }: { ctx: WorkspaceContext; id: string }) {
  assertPerson(ctx);
  await ctx.db.$transaction(async (tx) => {
    const row = await tx.scimToken.findFirst({ where: { id } });
    if (!row) throw new NotFoundError("SCIM token");
    if (!row.revokedAt) await tx.scimToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAuditEvent(tx, ctx, { action: "scim.token_revoked", targetType: "scim_token", targetId: id, metadata: { name: row.name, prefix: row.prefix } });
  });
}
