import { withScim } from "@/lib/auth/scim";
import { schemas } from "@/lib/scim/discovery";
import { listResponse, scimJson } from "@/lib/scim/protocol";

export const GET = withScim(async ({ base }) => {
  const all = schemas(base);
  return scimJson(listResponse(all, all.length, 1));
});
