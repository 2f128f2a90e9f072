import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { ItemListDto, ItemListQuery } from "@/lib/validation/item";
import { getProjectInWorkspace } from "../projects/get-project";
import { ITEM_INCLUDE, toItemDto } from "./item-dto";

/** Filters of the register (and the board) as a Prisma where clause. */
export function itemWhere(projectId: string, query: Omit<ItemListQuery, "sort" | "cursor" | "limit">): Prisma.ItemWhereInput {
  const and: Prisma.ItemWhereInput[] = [{ projectId }];
  if (query.severity?.length) and.push({ severity: { in: query.severity } });
  if (query.status?.length) and.push({ status: { in: query.status } });
  if (query.kind?.length) and.push({ kind: { in: query.kind } });
  if (query.label?.length) and.push({ labels: { hasSome: query.label } });
  if (query.blocker !== undefined) and.push({ blocker: query.blocker });
  for (const [field, values] of [["phaseId", query.phase], ["ownerId", query.owner]] as const) {
    if (!values?.length) continue;
    const ids = values.filter((v) => v !== "none");
    const or: Prisma.ItemWhereInput[] = [];
    if (ids.length) or.push({ [field]: { in: ids } });
    if (values.includes("none")) or.push({ [field]: null });
    and.push({ OR: or });
  }
  if (query.q) {
    and.push({ OR: [{ title: { contains: query.q, mode: "insensitive" } }, { description: { contains: query.q, mode: "insensitive" } }] });
  }
  return { AND: and };
}

function orderBy(sort: string): Prisma.ItemOrderByWithRelationInput[] {
  const direction: Prisma.SortOrder = sort.startsWith("-") ? "desc" : "asc";
  const field = sort.replace(/^-/, "");
  const nulls = { sort: direction, nulls: "last" } as const;
  const primary: Record<string, Prisma.ItemOrderByWithRelationInput> = {
    key: { number: direction },
    title: { title: direction },
    severity: { severity: direction },
    status: { status: direction },
    kind: { kind: direction },
    phase: { phase: { position: direction } },
    owner: { owner: { name: direction } },
    dueDate: { dueDate: nulls },
    createdAt: { createdAt: direction },
    updatedAt: { updatedAt: direction },
    position: { position: direction },
  };
  return [primary[field] ?? { number: direction }, { number: "asc" }];
}

function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const offset = Number.parseInt(Buffer.from(cursor, "base64url").toString("utf8"), 10);
  if (!Number.isInteger(offset) || offset < 0) throw new AppError("validation_failed", "Invalid cursor: it did not come from this API.", [{ path: "cursor", message: "not a cursor from this API" }]);
  return offset;
}

const encodeCursor = (offset: number) => Buffer.from(String(offset)).toString("base64url");

/**
 * One page of the register: a fixed number of queries whatever the page size
 * (items, then one query per included relation, and the count).
 */
export async function listItems({ ctx, projectSlug, query }: { ctx: WorkspaceContext; projectSlug: string; query: ItemListQuery }): Promise<ItemListDto> {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const where = itemWhere(project.id, query);
  const offset = decodeCursor(query.cursor);
  const [rows, total] = await Promise.all([
    ctx.db.item.findMany({ where, include: ITEM_INCLUDE, orderBy: orderBy(query.sort), skip: offset, take: query.limit }),
    ctx.db.item.count({ where }),
  ]);
  const next = offset + rows.length;
  return { data: rows.map((row) => toItemDto(row, project.keyPrefix)), total, nextCursor: next < total ? encodeCursor(next) : null };
}
