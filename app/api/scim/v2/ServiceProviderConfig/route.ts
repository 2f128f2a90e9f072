import { withScim } from "@/lib/auth/scim";
import { serviceProviderConfig } from "@/lib/scim/discovery";
import { scimJson } from "@/lib/scim/protocol";

export const GET = withScim(async ({ base }) => scimJson(serviceProviderConfig(base)));
