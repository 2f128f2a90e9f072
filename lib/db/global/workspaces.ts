import { rawDb } from "../client";

/**
 * Creating a tenant is the one write that precedes a workspace scope: the new
 * workspace, its first owner and the audit event are written together.
 */
export async function insertWorkspaceWithOwner(input: { slug: string; name: string; ownerUserId: string; requestId?: string }) {
  const db = await rawDb();
  return db.$transaction(async (tx) => {
    const workspace = await tx.workspace.create({ data: { slug: input.slug, name: input.name } });
    await tx.membership.create({ data: { workspaceId: workspace.id, userId: input.ownerUserId, role: "owner" } });
    await tx.auditEvent.create({
      data: {
        workspaceId: workspace.id,
        actorUserId: input.ownerUserId,
        action: "workspace.created",
        targetType: "workspace",
        targetId: workspace.id,
        metadata: { slug: workspace.slug },
        requestId: input.requestId ?? null,
      },
    });
    return workspace;
  });
}

export async function workspaceSlugTaken(slug: string): Promise<boolean> {
  const db = await rawDb();
  return (await db.workspace.count({ where: { slug } })) > 0;
}
