import { withScim } from "@/lib/auth/scim";
import { readScimBody, scimJson } from "@/lib/scim/protocol";
import { deleteScimGroup, getScimGroup, patchScimGroup, replaceScimGroup } from "@/lib/services/scim/groups";

type Params = { id: string };

export const GET = withScim<Params>(async ({ params, ctx, base }) => scimJson(await getScimGroup(ctx, params.id, base)));

export const PUT = withScim<Params>(async ({ req, params, ctx, base }) => scimJson(await replaceScimGroup(ctx, params.id, await readScimBody(req), base)));

export const PATCH = withScim<Params>(async ({ req, params, ctx, base }) => scimJson(await patchScimGroup(ctx, params.id, await readScimBody(req), base)));

export const DELETE = withScim<Params>(async ({ params, ctx }) => {
  await deleteScimGroup(ctx, params.id);
  return new Response(null, { status: 204 });
});
