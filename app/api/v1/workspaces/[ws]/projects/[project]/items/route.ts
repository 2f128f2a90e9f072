import { withWorkspace } from "@/lib/auth/workspace";
import { readJson, readQuery } from "@/lib/http/body";
import { createItem } from "@/lib/services/items/create-item";
import { listItems } from "@/lib/services/items/list-items";
import { createItemInput, itemListOutput, itemListQuery, itemOutput } from "@/lib/validation/item";

type Params = { ws: string; project: string };

export const GET = withWorkspace<Params>(
  async ({ req, ctx, params }) => Response.json(itemListOutput.parse(await listItems({ ctx, projectSlug: params.project, query: readQuery(req, itemListQuery) }))),
  { permission: "items.read" },
);

export const POST = withWorkspace<Params>(
  async ({ req, ctx, params }) =>
    Response.json(itemOutput.parse(await createItem({ ctx, projectSlug: params.project, input: await readJson(req, createItemInput) })), { status: 201 }),
  { permission: "items.write" },
);
