import "server-only";
import { actorFields, type WorkspaceContext } from "@/lib/auth/context";
import { publishChange } from "@/lib/db/events";
import type { CreateEvidenceInput } from "@/lib/validation/item";
import { recordAuditEvent } from "../audit/record-audit-event";
import { getProjectInWorkspace } from "../projects/get-project";
import { findItemRow } from "./get-item";
import { recordItemActivity } from "./item-activity";

async function authorNames(ctx: WorkspaceContext, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map<string, { id: string; name: string }>();
  const users = await ctx.db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, { id: u.id, name: u.name ?? u.email }]));
}

function evidenceDto(row: { id: string; kind: string; url: string | null; command: string | null; output: string | null; note: string | null; filePath: string | null; createdAt: Date; createdById: string | null }, names: Map<string, { name: string }>) {
  return {
    id: row.id,
    kind: row.kind,
    url: row.url,
    command: row.command,
    output: row.output,
    note: row.note,
    filePath: row.filePath,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdById ? (names.get(row.createdById) ?? { name: "Former member" }) : null,
  };
}

export async function listEvidence({ ctx, projectSlug, key }: { ctx: WorkspaceContext; projectSlug: string; key: string }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const item = await findItemRow(ctx.db, project, key);
  const rows = await ctx.db.evidence.findMany({ where: { itemId: item.id }, orderBy: { createdAt: "asc" } });
  const names = await authorNames(ctx, rows.map((r) => r.createdById));
  return rows.map((r) => evidenceDto(r, names));
}

/** Evidence is append-only: there is no update or delete. */
export async function addEvidence({ ctx, projectSlug, key, input }: { ctx: WorkspaceContext; projectSlug: string; key: string; input: CreateEvidenceInput }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const actor = actorFields(ctx);
  const row = await ctx.db.$transaction(async (tx) => {
    const item = await findItemRow(tx, project, key);
    const created = await tx.evidence.create({
      data: {
        workspaceId: ctx.workspace.id,
        projectId: project.id,
        itemId: item.id,
        kind: input.kind,
        url: "url" in input ? input.url : null,
        command: "command" in input ? input.command : null,
        output: "output" in input ? input.output : null,
        note: input.note ?? null,
        filePath: "filePath" in input ? input.filePath : null,
        createdById: actor.actorUserId,
        apiKeyId: actor.actorApiKeyId,
      },
    });
    await recordItemActivity(tx, ctx, item, "evidence.added", [{ field: "evidence", from: null, to: input.kind }]);
    await recordAuditEvent(tx, ctx, { action: "evidence.added", targetType: "item", targetId: item.id, metadata: { key, kind: input.kind } });
    return created;
  });
  await publishChange({ workspaceId: ctx.workspace.id, projectId: project.id, type: "item", ref: key });
  return evidenceDto(row, await authorNames(ctx, [row.createdById]));
}

export async function listComments({ ctx, projectSlug, key }: { ctx: WorkspaceContext; projectSlug: string; key: string }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const item = await findItemRow(ctx.db, project, key);
  const rows = await ctx.db.comment.findMany({ where: { itemId: item.id }, orderBy: { createdAt: "asc" } });
  const names = await authorNames(ctx, rows.map((r) => r.authorId));
  return rows.map((r) => ({ id: r.id, body: r.body, createdAt: r.createdAt.toISOString(), author: r.authorId ? (names.get(r.authorId) ?? { id: r.authorId, name: "Former member" }) : null }));
}

export async function addComment({ ctx, projectSlug, key, body }: { ctx: WorkspaceContext; projectSlug: string; key: string; body: string }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const authorId = actorFields(ctx).actorUserId;
  const row = await ctx.db.$transaction(async (tx) => {
    const item = await findItemRow(tx, project, key);
    const created = await tx.comment.create({ data: { workspaceId: ctx.workspace.id, itemId: item.id, authorId, body } });
    await recordItemActivity(tx, ctx, item, "comment.added");
    await recordAuditEvent(tx, ctx, { action: "comment.added", targetType: "item", targetId: item.id, metadata: { key } });
    return created;
  });
  await publishChange({ workspaceId: ctx.workspace.id, projectId: project.id, type: "item", ref: key });
  const names = await authorNames(ctx, [authorId]);
  return { id: row.id, body: row.body, createdAt: row.createdAt.toISOString(), author: authorId ? (names.get(authorId) ?? null) : null };
}

export async function listActivity({ ctx, projectSlug, key }: { ctx: WorkspaceContext; projectSlug: string; key: string }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const item = await findItemRow(ctx.db, project, key);
  const rows = await ctx.db.activity.findMany({ where: { itemId: item.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 500 });
  const [names, owners, phases] = await Promise.all([
    authorNames(ctx, rows.map((r) => r.actorUserId)),
    ctx.db.owner.findMany({ select: { id: true, name: true } }),
    ctx.db.phase.findMany({ where: { projectId: project.id }, select: { id: true, name: true } }),
  ]);
  // History shows names for owners and phases, not ids.
  const label = new Map([...owners, ...phases].map((r) => [r.id, r.name]));
  const show = (field: string | null, value: unknown) => (field === "ownerId" || field === "phaseId") && typeof value === "string" ? (label.get(value) ?? value) : value;
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    field: r.field === "ownerId" ? "owner" : r.field === "phaseId" ? "phase" : r.field,
    from: show(r.field, r.fromValue),
    to: show(r.field, r.toValue),
    createdAt: r.createdAt.toISOString(),
    actor: r.actorUserId ? (names.get(r.actorUserId) ?? { name: "Former member" }) : r.actorApiKeyId ? { name: "API key" } : null,
  }));
}
