import "server-only";
import { actorUserId, type WorkspaceContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { AppError, ForbiddenError, NotFoundError } from "@/lib/errors";
import type { SavedViewInput } from "@/lib/validation/item";
import { recordAuditEvent } from "../audit/record-audit-event";
import { getProjectInWorkspace } from "../projects/get-project";

function requirePerson(ctx: WorkspaceContext): string {
  const userId = actorUserId(ctx);
  if (!userId) throw new AppError("forbidden", "Saved views belong to people; API keys cannot have them.");
  return userId;
}

/** The caller's own views and the views shared with the workspace. */
export async function listSavedViews({ ctx, projectSlug, surface }: { ctx: WorkspaceContext; projectSlug: string; surface?: string }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const me = actorUserId(ctx);
  const rows = await ctx.db.savedView.findMany({
    where: { projectId: project.id, ...(surface ? { surface } : {}), OR: [{ shared: true }, ...(me ? [{ createdById: me }] : [])] },
    orderBy: { name: "asc" },
  });
  return rows.map((v) => ({ id: v.id, name: v.name, surface: v.surface, query: v.query, shared: v.shared, mine: v.createdById === me }));
}

export async function createSavedView({ ctx, projectSlug, input }: { ctx: WorkspaceContext; projectSlug: string; input: SavedViewInput }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const userId = requirePerson(ctx);
  // Anyone may keep personal views; sharing one with the workspace is editing the project's views.
  if (input.shared && !can(ctx.member.role, "items.write")) throw new ForbiddenError("Viewers can save personal views only.");
  const view = await ctx.db.$transaction(async (tx) => {
    const created = await tx.savedView.create({ data: { workspaceId: ctx.workspace.id, projectId: project.id, createdById: userId, ...input } });
    await recordAuditEvent(tx, ctx, { action: "view.created", targetType: "saved_view", targetId: created.id, metadata: { name: input.name, shared: input.shared } });
    return created;
  });
  return { id: view.id, name: view.name, surface: view.surface, query: view.query, shared: view.shared, mine: true };
}

/** Deleting: your own views, or (admins) shared ones. Someone else's personal view does not exist for you. */
export async function deleteSavedView({ ctx, projectSlug, id }: { ctx: WorkspaceContext; projectSlug: string; id: string }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const me = actorUserId(ctx);
  await ctx.db.$transaction(async (tx) => {
    const view = await tx.savedView.findFirst({ where: { id, projectId: project.id, OR: [{ shared: true }, ...(me ? [{ createdById: me }] : [])] } });
    if (!view) throw new NotFoundError("View");
    requirePerson(ctx);
    if (view.createdById !== me && !["owner", "admin"].includes(ctx.member.role)) throw new ForbiddenError("Only its author or an admin can delete a shared view.");
    await tx.savedView.delete({ where: { id } });
    await recordAuditEvent(tx, ctx, { action: "view.deleted", targetType: "saved_view", targetId: id, metadata: { name: view.name } });
  });
}
