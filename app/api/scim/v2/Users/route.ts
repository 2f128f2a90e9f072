import { withScim } from "@/lib/auth/scim";
import { parsePaging, readScimBody, scimJson } from "@/lib/scim/protocol";
import { createScimUser, listScimUsers } from "@/lib/services/scim/users";

/** SCIM Users: `filter=userName eq "…"` (or externalId), startIndex/count paging. */
export const GET = withScim(async ({ req, ctx, base }) => {
  const params = new URL(req.url).searchParams;
  return scimJson(await listScimUsers(ctx, params, base, parsePaging(params)));
});

export const POST = withScim(async ({ req, ctx, base }) => {
  const user = await createScimUser(ctx, await readScimBody(req), base);
  return scimJson(user, 201, { location: user.meta.location });
});
