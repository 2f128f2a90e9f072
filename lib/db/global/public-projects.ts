import { rawDb } from "../client";

/**
 * The one read across workspaces (STYLE: "the one exception to scoping"):
 * a project by its public slug, only when it is published, with only what
 * the public surfaces need to go on — its workspace (to read the published
 * data through a scoped client), its name and its publishing settings.
 * Nothing else may use it.
 */
export async function findPublishedProject(publicSlug: string) {
  const db = await rawDb();
  return db.project.findFirst({
    where: { publicSlug, publicEnabled: true },
    select: { id: true, slug: true, name: true, publicSlug: true, publicSettings: true, updatedAt: true, workspace: { select: { slug: true } } },
  });
}

/** Whether another project, in any workspace, has this public slug (public slugs are one namespace: /status/{slug}). */
export async function publicSlugTaken(publicSlug: string, exceptProjectId: string): Promise<boolean> {
  const db = await rawDb();
  return (await db.project.count({ where: { publicSlug, id: { not: exceptProjectId } } })) > 0;
}
