import { withWorkspace } from "@/lib/auth/workspace";
import { readQuery } from "@/lib/http/body";
import { listAuditEvents } from "@/lib/services/audit/list-audit-events";
import { auditEventOutput, listAuditEventsQuery } from "@/lib/validation/audit";

export const GET = withWorkspace(
  async ({ req, ctx }) => {
    const input = readQuery(req, listAuditEventsQuery);
    const page = await listAuditEvents({ ctx, input });
    return Response.json({ data: auditEventOutput.array().parse(page.data), nextCursor: page.nextCursor });
  },
  { permission: "audit.read" },
);
