import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { ConflictError } from "@/lib/errors";
import type { CreateProjectInput } from "@/lib/validation/project";
import { recordAuditEvent } from "../audit/record-audit-event";

export async function createProject({ ctx, input }: { ctx: WorkspaceContext; input: CreateProjectInput }) {
  return ctx.db.$transaction(async (tx) => {
    const clash = await tx.project.findFirst({ where: { OR: [{ slug: input.slug }, { keyPrefix: input.keyPrefix }] } });
    if (clash?.slug === input.slug) throw new ConflictError(`A project with the URL "${input.slug}" exists.`, { field: "slug" });
    if (clash) throw new ConflictError(`The key prefix ${input.keyPrefix} is used by ${clash.name}.`, { field: "keyPrefix" });
    const project = await tx.project.create({ data: { workspaceId: ctx.workspace.id, ...input } });
    await recordAuditEvent(tx, ctx, { action: "project.created", targetType: "project", targetId: project.id, metadata: { slug: project.slug, name: project.name } });
    return project;
  });
}
