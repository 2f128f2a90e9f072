import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import type { ScopedTx } from "@/lib/db/scoped";
import { NotFoundError } from "@/lib/errors";
import { itemKey as itemKeySchema } from "@/lib/validation/item";
import { getProjectInWorkspace } from "../projects/get-project";
import { ITEM_INCLUDE, toItemDto } from "./item-dto";

/** The item number in a key of this project (`OCC-12` → 12), or null when the key is not this project's. */
export function parseItemKey(prefix: string, key: string): number | null {
  if (!itemKeySchema.safeParse(key).success) return null;
  const [keyPrefix, number] = key.split("-");
  return keyPrefix!.toUpperCase() === prefix ? Number(number) : null;
}

export async function findItemRow(db: ScopedTx, project: { id: string; keyPrefix: string }, key: string) {
  const number = parseItemKey(project.keyPrefix, key);
  if (number === null) throw new NotFoundError("Item");
  const row = await db.item.findFirst({ where: { projectId: project.id, number }, include: ITEM_INCLUDE });
  if (!row) throw new NotFoundError("Item");
  return row;
}

export async function getItem({ ctx, projectSlug, key }: { ctx: WorkspaceContext; projectSlug: string; key: string }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  return toItemDto(await findItemRow(ctx.db, project, key), project.keyPrefix);
}
