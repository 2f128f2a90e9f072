import { withScim } from "@/lib/auth/scim";
import { resourceTypes } from "@/lib/scim/discovery";
import { listResponse, scimJson } from "@/lib/scim/protocol";

export const GET = withScim(async ({ base }) => {
  const types = resourceTypes(base);
  return scimJson(listResponse(types, types.length, 1));
});
