import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { ConflictError } from "@/lib/errors";
import type { UpdateProjectInput } from "@/lib/validation/project";
import { recordAuditEvent } from "../audit/record-audit-event";
import { getProjectInWorkspace } from "./get-project";

export async function updateProject({ ctx, slug, input }: { ctx: WorkspaceContext; slug: string; input: UpdateProjectInput }) {
  const project = await getProjectInWorkspace({ ctx, slug });
  return ctx.db.$transaction(async (tx) => {
    if (input.slug && input.slug !== project.slug && (await tx.project.count({ where: { slug: input.slug } })) > 0) {
      throw new ConflictError(`A project with the URL "${input.slug}" exists.`, { field: "slug" });
    }
    const updated = await tx.project.update({ where: { id: project.id }, data: input });
    const changes = Object.fromEntries(Object.keys(input).map((k) => [k, { from: project[k as keyof typeof input], to: updated[k as keyof typeof input] }]));
    await recordAuditEvent(tx, ctx, { action: "project.updated", targetType: "project", targetId: project.id, metadata: changes });
    return updated;
  });
}
