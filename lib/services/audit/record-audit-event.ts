import "server-only";
import { actorFields, type WorkspaceContext } from "@/lib/auth/context";
import type { ScopedTx } from "@/lib/db/scoped";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Appends an audit event inside the caller's transaction, so a mutation and its record commit together. */
export async function recordAuditEvent(
  tx: ScopedTx,
  ctx: WorkspaceContext,
  event: { action: string; targetType: string; targetId?: string | null; metadata?: Prisma.InputJsonValue },
) {
  await tx.auditEvent.create({
    data: {
      workspaceId: ctx.workspace.id,
      ...actorFields(ctx),
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId ?? null,
      metadata: event.metadata ?? {},
      ip: ctx.request.ip ?? null,
      userAgent: ctx.request.userAgent ?? null,
      requestId: ctx.request.id,
    },
  });
}
