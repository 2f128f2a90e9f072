import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { claimDomain, listDomains } from "@/lib/services/sso/domains";
import { claimDomainInput, domainView } from "@/lib/validation/sso";

export const GET = withWorkspace(async ({ ctx }) => Response.json({ data: (await listDomains({ ctx })).map(domainView) }), { permission: "sso.manage" });

export const POST = withWorkspace(
  async ({ req, ctx }) => {
    const input = await readJson(req, claimDomainInput);
    return Response.json(domainView(await claimDomain({ ctx, input })), { status: 201 });
  },
  { permission: "sso.manage" },
);
