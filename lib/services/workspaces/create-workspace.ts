import "server-only";
import { insertWorkspaceWithOwner, workspaceSlugTaken } from "@/lib/db/global/workspaces";
import { ConflictError } from "@/lib/errors";
import type { CreateWorkspaceInput } from "@/lib/validation/workspace";

/** Creates a workspace with the caller as its first owner. */
export async function createWorkspace({ userId, input, requestId }: { userId: string; input: CreateWorkspaceInput; requestId?: string }) {
  if (await workspaceSlugTaken(input.slug)) throw new ConflictError(`The workspace URL "${input.slug}" is taken.`, { field: "slug" });
  return insertWorkspaceWithOwner({ slug: input.slug, name: input.name, ownerUserId: userId, requestId });
}
