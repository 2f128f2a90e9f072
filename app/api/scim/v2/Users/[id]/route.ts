import { withScim } from "@/lib/auth/scim";
import { readScimBody, scimJson } from "@/lib/scim/protocol";
import { deleteScimUser, getScimUser, patchScimUser, replaceScimUser } from "@/lib/services/scim/users";

type Params = { id: string };

export const GET = withScim<Params>(async ({ params, ctx, base }) => scimJson(await getScimUser(ctx, params.id, base)));

/** Okta replaces the whole user. */
export const PUT = withScim<Params>(async ({ req, params, ctx, base }) => scimJson(await replaceScimUser(ctx, params.id, await readScimBody(req), base)));

/** Entra ID (and Okta for deactivation) patch it. */
export const PATCH = withScim<Params>(async ({ req, params, ctx, base }) => scimJson(await patchScimUser(ctx, params.id, await readScimBody(req), base)));

export const DELETE = withScim<Params>(async ({ params, ctx }) => {
  await deleteScimUser(ctx, params.id);
  return new Response(null, { status: 204 });
});
