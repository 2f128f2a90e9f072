import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { NotFoundError } from "@/lib/errors";
import { recordAuditEvent } from "../audit/record-audit-event";

export async function revokeApiKey({ ctx, id }: { ctx: WorkspaceContext; id: string }) {
  await ctx.db.$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id } });
    if (!key) throw new NotFoundError("API key");
    if (!key.revokedAt) await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAuditEvent(tx, ctx, { action: "api_key.revoked", targetType: "api_key", targetId: id, metadata: { name: key.name, prefix: key.prefix } });
  });
}
