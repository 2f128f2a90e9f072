import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { deleteItem } from "@/lib/services/items/delete-item";
import { getItem } from "@/lib/services/items/get-item";
import { updateItem } from "@/lib/services/items/update-item";
import { itemOutput, updateItemInput } from "@/lib/validation/item";

type Params = { ws: string; project: string; key: string };

export const GET = withWorkspace<Params>(async ({ ctx, params }) => Response.json(itemOutput.parse(await getItem({ ctx, projectSlug: params.project, key: params.key }))), {
  permission: "items.read",
});

export const PATCH = withWorkspace<Params>(
  async ({ req, ctx, params }) =>
    Response.json(itemOutput.parse(await updateItem({ ctx, projectSlug: params.project, key: params.key, input: await readJson(req, updateItemInput) }))),
  { permission: "items.write" },
);

export const DELETE = withWorkspace<Params>(
  async ({ ctx, params }) => {
    await deleteItem({ ctx, projectSlug: params.project, key: params.key });
    return new Response(null, { status: 204 });
  },
  { permission: "items.write" },
);
