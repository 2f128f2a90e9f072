import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { publishChange } from "@/lib/db/events";
import { recordAuditEvent } from "../audit/record-audit-event";
import { getProjectInWorkspace } from "../projects/get-project";
import { itemKey } from "./item-dto";
import { findItemRow } from "./get-item";

export async function deleteItem({ ctx, projectSlug, key }: { ctx: WorkspaceContext; projectSlug: string; key: string }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  await ctx.db.$transaction(async (tx) => {
    const item = await findItemRow(tx, project, key);
    await tx.item.delete({ where: { id: item.id } });
    await recordAuditEvent(tx, ctx, { action: "item.deleted", targetType: "item", targetId: item.id, metadata: { key: itemKey(project.keyPrefix, item.number), title: item.title } });
  });
  await publishChange({ workspaceId: ctx.workspace.id, projectId: project.id, type: "item", ref: key });
}
