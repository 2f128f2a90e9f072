import { withWorkspace } from "@/lib/auth/workspace";
import { listGroupsForAdmin } from "@/lib/services/scim/groups";
import { scimGroupView } from "@/lib/validation/sso";

export const GET = withWorkspace(async ({ ctx }) => Response.json({ data: (await listGroupsForAdmin({ ctx })).map(scimGroupView) }), { permission: "sso.manage" });
