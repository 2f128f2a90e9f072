import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { publishChange } from "@/lib/db/events";
import type { ScopedTx } from "@/lib/db/scoped";
import { AppError } from "@/lib/errors";
import { CLOSED_STATUSES, type UpdateItemInput } from "@/lib/validation/item";
import { recordAuditEvent } from "../audit/record-audit-event";
import { emitWebhookEvent, jsonOf } from "../webhooks/emit-webhook-event";
import { getProjectInWorkspace } from "../projects/get-project";
import { diffItem, recordItemActivity } from "./item-activity";
import { ITEM_INCLUDE, itemKey, toItemDto } from "./item-dto";
import { findItemRow } from "./get-item";
import { assertMayBeDone, assertNoItemCycle, assertReferences, resolveItemKeys } from "./item-rules";

type Project = { id: string; keyPrefix: string; slug: string; name: string };
type Row = Awaited<ReturnType<typeof findItemRow>>;

/**
 * Applies an update to one item inside a transaction: optimistic concurrency
 * on `version`, the blocker rule, dependency cycles, field history and audit.
 * Shared by single updates, board moves and bulk edits.
 */
export async function applyItemUpdate(tx: ScopedTx, ctx: WorkspaceContext, project: Project, before: Row, input: UpdateItemInput) {
  const { version, blockedBy, dueDate, ...fields } = input;
  const key = itemKey(project.keyPrefix, before.number);
  if (version !== before.version) {
    throw new AppError("version_conflict", `${key} was changed by someone else since you opened it.`, {
      key,
      current: toItemDto(before, project.keyPrefix),
    });
  }
  await assertReferences(tx, project, fields);
  const closing = fields.status !== undefined && (CLOSED_STATUSES as readonly string[]).includes(fields.status);
  const data = {
    ...fields,
    ...(dueDate !== undefined ? { dueDate: dueDate ? new Date(`${dueDate}T00:00:00Z`) : null } : {}),
    ...(fields.status !== undefined ? { closedAt: closing ? (before.closedAt ?? new Date()) : null } : {}),
    version: { increment: 1 },
  };
  // The version in the filter makes a concurrent writer's update fail instead of silently overwriting.
  const updated = await tx.item.updateMany({ where: { id: before.id, version }, data });
  if (updated.count !== 1) {
    const current = await tx.item.findFirstOrThrow({ where: { id: before.id }, include: ITEM_INCLUDE });
    throw new AppError("version_conflict", `${key} was changed by someone else since you opened it.`, { key, current: toItemDto(current, project.keyPrefix) });
  }
  const previousBlockers = before.blockedBy.map((d) => itemKey(project.keyPrefix, d.blocker.number)).sort();
  let nextBlockers = previousBlockers;
  if (blockedBy !== undefined) {
    const blockers = await resolveItemKeys(tx, project, blockedBy);
    await assertNoItemCycle(tx, project, before.id, [...blockers.values()]);
    await tx.itemDependency.deleteMany({ where: { blockedId: before.id } });
    if (blockers.size > 0) {
      await tx.itemDependency.createMany({
        data: [...blockers.values()].map((blockerId) => ({ workspaceId: ctx.workspace.id, blockerId, blockedId: before.id })),
      });
    }
    nextBlockers = [...blockers.keys()].sort();
  }
  const after = await tx.item.findFirstOrThrow({ where: { id: before.id }, include: ITEM_INCLUDE });
  if (after.status === "done" && (before.status !== "done" || blockedBy !== undefined)) await assertMayBeDone(tx, project, after);

  const changes = diffItem(
    { ...before, blockedBy: previousBlockers },
    { ...Object.fromEntries(Object.keys(input).map((k) => [k, (after as Record<string, unknown>)[k]])), ...(blockedBy !== undefined ? { blockedBy: nextBlockers } : {}) },
  );
  if (changes.length > 0) {
    await recordItemActivity(tx, ctx, after, "item.updated", changes);
    await recordAuditEvent(tx, ctx, {
      action: "item.updated",
      targetType: "item",
      targetId: before.id,
      metadata: { key, fields: changes.map((c) => c.field) },
    });
    await emitWebhookEvent(tx, ctx, "item.updated", () => ({ project: { slug: project.slug, name: project.name }, item: jsonOf(toItemDto(after, project.keyPrefix)), changes: changes.map((c) => c.field) }));
  }
  return after;
}

export async function updateItem({ ctx, projectSlug, key, input }: { ctx: WorkspaceContext; projectSlug: string; key: string; input: UpdateItemInput }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const dto = await ctx.db.$transaction(async (tx) => {
    const before = await findItemRow(tx, project, key);
    return toItemDto(await applyItemUpdate(tx, ctx, project, before, input), project.keyPrefix);
  });
  await publishChange({ workspaceId: ctx.workspace.id, projectId: project.id, type: "item", ref: dto.key });
  return dto;
}
