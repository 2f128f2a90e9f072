import { withWorkspace } from "@/lib/auth/workspace";
import { readQuery } from "@/lib/http/body";
import { AUDIT_EXPORT_ROW_LIMIT } from "@/lib/domain/audit/audit-csv";
import { exportAuditEvents } from "@/lib/services/audit/export-audit-events";
import { contentDisposition } from "@/lib/services/exchange/export-project";
import { auditEventFilterQuery } from "@/lib/validation/audit";

/** The audit log as a CSV download, under the same filters as the list; at most AUDIT_EXPORT_ROW_LIMIT rows, newest first. */
export const GET = withWorkspace(
  async ({ req, ctx }) => {
    const filter = readQuery(req, auditEventFilterQuery);
    const file = await exportAuditEvents({ ctx, filter });
    return new Response(file.body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": contentDisposition(file.fileName),
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
        "x-export-row-limit": String(AUDIT_EXPORT_ROW_LIMIT),
        "x-export-rows": String(file.rows),
        "x-export-truncated": String(file.truncated),
      },
    });
  },
  { permission: "audit.read" },
);
