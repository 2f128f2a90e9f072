import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { publishChange } from "@/lib/db/events";
import { AppError } from "@/lib/errors";
import type { BulkEditInput } from "@/lib/validation/item";
import { getProjectInWorkspace } from "../projects/get-project";
import { findItemRow } from "./get-item";
import { applyItemUpdate } from "./update-item";

/**
 * Applies one change to many items in one transaction: all of them or none.
 * Every item is checked (blocker rule, references); if any is refused, nothing
 * is written and the answer lists each refusal with its reason.
 */
export async function bulkEditItems({ ctx, projectSlug, input }: { ctx: WorkspaceContext; projectSlug: string; input: BulkEditInput }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const keys = [...new Set(input.keys.map((k) => k.toUpperCase()))];
  const refused: { key: string; code: string; reason: string }[] = [];
  const { addLabels = [], removeLabels = [], ...set } = input.set;

  const result = await ctx.db
    .$transaction(
      async (tx) => {
        for (const key of keys) {
          try {
            const before = await findItemRow(tx, project, key);
            const labels = addLabels.length || removeLabels.length
              ? [...new Set([...before.labels.filter((l) => !removeLabels.includes(l)), ...addLabels])]
              : undefined;
            await applyItemUpdate(tx, ctx, project, before, { version: before.version, ...set, ...(labels ? { labels } : {}) });
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            refused.push({ key, code: error.code, reason: error.message });
          }
        }
        // Any refusal rolls the whole transaction back.
        if (refused.length > 0) throw new AppError("conflict", `${refused.length} of ${keys.length} items cannot be changed; nothing was changed.`, { refused });
        return { updated: keys.length };
      },
      { timeout: 30_000 },
    );
  await publishChange({ workspaceId: ctx.workspace.id, projectId: project.id, type: "item" });
  return result;
}
