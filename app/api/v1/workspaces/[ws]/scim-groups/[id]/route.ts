import { withWorkspace } from "@/lib/auth/workspace";
import { readJson } from "@/lib/http/body";
import { assertPerson } from "@/lib/services/sso/domains";
import { mapScimGroup } from "@/lib/services/scim/groups";
import { mapScimGroupInput, scimGroupView } from "@/lib/validation/sso";

export const PATCH = withWorkspace<{ ws: string; id: string }>(
  async ({ req, ctx, params }) => {
    assertPerson(ctx);
    const { role } = await readJson(req, mapScimGroupInput);
    return Response.json(scimGroupView(await mapScimGroup({ ctx, id: params.id, role })));
  },
  { permission: "sso.manage" },
);
