import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { deleteOwner, updateOwner } from "@/lib/services/owners/owners";
import { ownerOutput, updateOwnerInput } from "@/lib/validation/owner";

type Params = { ws: string; id: string };

export const PATCH = withWorkspace<Params>(
  async ({ req, ctx, params }) => Response.json(ownerOutput.parse(await updateOwner({ ctx, id: params.id, input: await readJson(req, updateOwnerInput) }))),
  { permission: "items.write" },
);

export const DELETE = withWorkspace<Params>(
  async ({ ctx, params }) => {
    await deleteOwner({ ctx, id: params.id });
    return new Response(null, { status: 204 });
  },
  { permission: "items.write" },
);
