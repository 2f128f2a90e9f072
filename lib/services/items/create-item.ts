import "server-only";
import { actorUserId, type WorkspaceContext } from "@/lib/auth/context";
import { publishChange } from "@/lib/db/events";
import { CLOSED_STATUSES, type CreateItemInput } from "@/lib/validation/item";
import { recordAuditEvent } from "../audit/record-audit-event";
import { emitWebhookEvent, jsonOf } from "../webhooks/emit-webhook-event";
import { getProjectInWorkspace } from "../projects/get-project";
import { recordItemActivity } from "./item-activity";
import { ITEM_INCLUDE, itemKey, toItemDto } from "./item-dto";
import { assertMayBeDone, assertNoItemCycle, assertReferences, resolveItemKeys } from "./item-rules";

export async function createItem({ ctx, projectSlug, input }: { ctx: WorkspaceContext; projectSlug: string; input: CreateItemInput }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const { blockedBy = [], dueDate, ...fields } = input;
  const dto = await ctx.db.$transaction(async (tx) => {
    await assertReferences(tx, project, fields);
    // Taking the next number locks the project row: concurrent creates get consecutive keys.
    const { nextItemNumber } = await tx.project.update({
      where: { id: project.id },
      data: { nextItemNumber: { increment: 1 } },
      select: { nextItemNumber: true },
    });
    const number = nextItemNumber - 1;
    const last = await tx.item.aggregate({ where: { projectId: project.id }, _max: { position: true } });
    const created = await tx.item.create({
      data: {
        workspaceId: ctx.workspace.id,
        projectId: project.id,
        number,
        ...fields,
        dueDate: dueDate ? new Date(`${dueDate}T00:00:00Z`) : null,
        position: fields.position ?? (last._max.position ?? 0) + 1,
        closedAt: fields.status && (CLOSED_STATUSES as readonly string[]).includes(fields.status) ? new Date() : null,
        createdById: actorUserId(ctx),
      },
    });
    if (blockedBy.length > 0) {
      const blockers = await resolveItemKeys(tx, project, blockedBy);
      await assertNoItemCycle(tx, project, created.id, [...blockers.values()]);
      await tx.itemDependency.createMany({
        data: [...blockers.values()].map((blockerId) => ({ workspaceId: ctx.workspace.id, blockerId, blockedId: created.id })),
      });
      if (created.status === "done") await assertMayBeDone(tx, project, created);
    }
    await recordItemActivity(tx, ctx, created, "item.created");
    await recordAuditEvent(tx, ctx, { action: "item.created", targetType: "item", targetId: created.id, metadata: { key: itemKey(project.keyPrefix, number) } });
    const dto = toItemDto(await tx.item.findFirstOrThrow({ where: { id: created.id }, include: ITEM_INCLUDE }), project.keyPrefix);
    await emitWebhookEvent(tx, ctx, "item.created", () => ({ project: { slug: project.slug, name: project.name }, item: jsonOf(dto) }));
    return dto;
  });
  await publishChange({ workspaceId: ctx.workspace.id, projectId: project.id, type: "item", ref: dto.key });
  return dto;
}
