import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { invitationStatus } from "./invitation-status";

export async function listInvitations({ ctx }: { ctx: WorkspaceContext }) {
  const rows = await ctx.db.invitation.findMany({ orderBy: { createdAt: "desc" }, take: 200 });
  return rows.map((inv) => ({ ...inv, status: invitationStatus(inv) }));
}
