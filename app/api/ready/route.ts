import { currentMigrationStatus } from "@/lib/db/client";
import { errorResponse } from "@/lib/http/errors";
import { withErrors } from "@/lib/http/route";
import { isDraining } from "@/lib/lifecycle";
import { logger } from "@/lib/logger";

/** Readiness: the server is not shutting down, the database answers and every migration in the build is applied. */
export const GET = withErrors(async ({ request }) => {
  // A load balancer takes the server out of rotation while it drains (scripts/start.mjs).
  if (isDraining()) return errorResponse("service_unavailable", "The server is shutting down.", request.id);
  try {
    const status = await currentMigrationStatus();
    if (status.pending.length > 0 || status.modified.length > 0) {
      return errorResponse("service_unavailable", "Database migrations are not current. Run `readyroom migrate`.", request.id, {
        pending: status.pending,
        modified: status.modified,
      });
    }
    return Response.json({ status: "ready", database: "ok", migrations: status.applied.length });
  } catch (error) {
    logger.error({ requestId: request.id, err: error }, "readiness check failed");
    return errorResponse("service_unavailable", "The database is not reachable.", request.id);
  }
});
