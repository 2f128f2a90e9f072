import { withWorkspace } from "@/lib/auth/workspace";
import { verifyDomain } from "@/lib/services/sso/domains";
import { domainView } from "@/lib/validation/sso";

export const POST = withWorkspace<{ ws: string; id: string }>(
  async ({ ctx, params }) => Response.json(domainView(await verifyDomain({ ctx, id: params.id }))),
  { permission: "sso.manage" },
);
