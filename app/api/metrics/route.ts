import { registerQueueMetrics } from "@/lib/jobs/queue-metrics";
import { AppError, NotFoundError } from "@/lib/errors";
import { withErrors } from "@/lib/http/route";
import { metricsAccess } from "@/lib/observability/metrics-access";
import { observability } from "@/lib/observability/runtime.mjs";

/**
 * Prometheus metrics of this server process (docs/decisions/0017-observability.md):
 * request durations by route, database statements, the job queue, and
 * Node's process figures. Behind READYROOM_METRICS_TOKEN.
 */
export const GET = withErrors(async ({ req }) => {
  const access = metricsAccess(req.headers.get("authorization"));
  if (access === "off") throw new NotFoundError("Route");
  if (access === "refused") throw new AppError("unauthorized", "Send the metrics token: Authorization: Bearer <READYROOM_METRICS_TOKEN>.", undefined, { "www-authenticate": 'Bearer realm="metrics"' });
  registerQueueMetrics();
  const { registry } = observability().metrics;
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
});
