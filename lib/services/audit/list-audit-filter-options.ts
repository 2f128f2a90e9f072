import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";

/** The actions and object types present in this workspace's audit log, sorted, for the filter bar. */
export async function listAuditFilterOptions({ ctx }: { ctx: WorkspaceContext }): Promise<{ actions: string[]; targetTypes: string[] }> {
  const [actions, targetTypes] = await Promise.all([
    ctx.db.auditEvent.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
    ctx.db.auditEvent.groupBy({ by: ["targetType"], orderBy: { targetType: "asc" } }),
  ]);
  return { actions: actions.map((a) => a.action), targetTypes: targetTypes.map((t) => t.targetType) };
}
