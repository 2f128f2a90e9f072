import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import type { UpdateWorkspaceInput } from "@/lib/validation/workspace";
import { recordAuditEvent } from "../audit/record-audit-event";

export async function updateWorkspace({ ctx, input }: { ctx: WorkspaceContext; input: UpdateWorkspaceInput }) {
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.workspace.findFirstOrThrow({ where: { id: ctx.workspace.id } });
    const updated = await tx.workspace.update({ where: { id: ctx.workspace.id }, data: input });
    const changes = Object.fromEntries(
      Object.keys(input).map((k) => [k, { from: before[k as keyof typeof before], to: updated[k as keyof typeof updated] }]),
    );
    await recordAuditEvent(tx, ctx, { action: "workspace.updated", targetType: "workspace", targetId: ctx.workspace.id, metadata: JSON.parse(JSON.stringify(changes)) });
    return updated;
  });
}
