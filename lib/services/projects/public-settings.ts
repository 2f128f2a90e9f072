import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { publicSlugTaken } from "@/lib/db/global/public-projects";
import { ConflictError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type PublicSettingsInput, type PublicSettingsOutput, readPublicSettings } from "@/lib/validation/public-status";
import { recordAuditEvent } from "../audit/record-audit-event";
import { publicStatusCache } from "../public/public-status-cache";
import { getProjectInWorkspace } from "./get-project";

async function projectWithSettings(ctx: WorkspaceContext, projectSlug: string) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const row = await ctx.db.project.findFirstOrThrow({ where: { id: project.id }, select: { id: true, publicSlug: true, publicEnabled: true, publicSettings: true } });
  return row;
}

function toOutput(row: { publicSlug: string | null; publicEnabled: boolean; publicSettings: unknown }): PublicSettingsOutput {
  const { show, embedOrigins } = readPublicSettings(row.publicSettings);
  return { enabled: row.publicEnabled, slug: row.publicSlug, show, embedOrigins };
}

/** A project's public status page settings: published or not, its public slug, what it shows and who may embed it. */
export async function getPublicSettings({ ctx, projectSlug }: { ctx: WorkspaceContext; projectSlug: string }): Promise<PublicSettingsOutput> {
  return toOutput(await projectWithSettings(ctx, projectSlug));
}

/**
 * Publishes (or unpublishes) a project's status. The public slug is one
 * namespace across all workspaces: a taken one is 409. The public surfaces
 * read the change within their cache window; this process forgets both slugs
 * at once.
 */
export async function updatePublicSettings({ ctx, projectSlug, input }: { ctx: WorkspaceContext; projectSlug: string; input: PublicSettingsInput }): Promise<PublicSettingsOutput> {
  const before = await projectWithSettings(ctx, projectSlug);
  if (await publicSlugTaken(input.slug, before.id)) throw new ConflictError(`The public address /status/${input.slug} is taken.`, { field: "slug" });
  const settings = { show: input.show, embedOrigins: [...new Set(input.embedOrigins)] } satisfies Prisma.InputJsonObject;
  const updated = await ctx.db.$transaction(async (tx) => {
    await tx.project.updateMany({ where: { id: before.id }, data: { publicEnabled: input.enabled, publicSlug: input.slug, publicSettings: settings } });
    await recordAuditEvent(tx, ctx, {
      action: "project.public_updated",
      targetType: "project",
      targetId: before.id,
      metadata: { enabled: { from: before.publicEnabled, to: input.enabled }, slug: { from: before.publicSlug, to: input.slug }, ...settings },
    });
    return tx.project.findFirstOrThrow({ where: { id: before.id }, select: { publicSlug: true, publicEnabled: true, publicSettings: true } });
  });
  if (before.publicSlug) publicStatusCache().forget(before.publicSlug);
  publicStatusCache().forget(input.slug);
  return toOutput(updated);
}
