import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { bulkEditItems } from "@/lib/services/items/bulk-edit-items";
import { bulkEditInput, bulkEditOutput } from "@/lib/validation/item";

/** All or nothing: 200 with the count, or 409 listing every refused item and nothing changed. */
export const POST = withWorkspace<{ ws: string; project: string }>(
  async ({ req, ctx, params }) => Response.json(bulkEditOutput.parse(await bulkEditItems({ ctx, projectSlug: params.project, input: await readJson(req, bulkEditInput) }))),
  { permission: "items.write" },
);
