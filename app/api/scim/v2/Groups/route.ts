import { withScim } from "@/lib/auth/scim";
import { parsePaging, readScimBody, scimJson } from "@/lib/scim/protocol";
import { createScimGroup, listScimGroups } from "@/lib/services/scim/groups";

export const GET = withScim(async ({ req, ctx, base }) => {
  const params = new URL(req.url).searchParams;
  return scimJson(await listScimGroups(ctx, params, base, parsePaging(params)));
});

export const POST = withScim(async ({ req, ctx, base }) => {
  const group = await createScimGroup(ctx, await readScimBody(req), base);
  return scimJson(group, 201, { location: group.meta.location });
});
