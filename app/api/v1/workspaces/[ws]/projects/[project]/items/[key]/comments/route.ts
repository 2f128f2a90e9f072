import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { addComment, listComments } from "@/lib/services/items/item-evidence";
import { commentOutput, createCommentInput } from "@/lib/validation/item";

type Params = { ws: string; project: string; key: string };

export const GET = withWorkspace<Params>(
  async ({ ctx, params }) => Response.json({ data: commentOutput.array().parse(await listComments({ ctx, projectSlug: params.project, key: params.key })) }),
  { permission: "items.read" },
);

export const POST = withWorkspace<Params>(
  async ({ req, ctx, params }) => {
    const { body } = await readJson(req, createCommentInput);
    return Response.json(commentOutput.parse(await addComment({ ctx, projectSlug: params.project, key: params.key, body })), { status: 201 });
  },
  { permission: "items.write" },
);
