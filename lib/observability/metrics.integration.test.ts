import { afterEach, describe, expect, it, vi } from "vitest";
import * as metricsRoute from "@/app/api/metrics/route";
import * as projectsRoute from "@/app/api/v1/workspaces/[ws]/projects/route";
import { as, createWorkspace } from "@/test/factories";
import { callRoute } from "@/test/harness/call-route";
import { metricsAccess } from "./metrics-access";

const TOKEN = "metrics-token-for-the-test-0123456789";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("metricsAccess", () => {
  it("is off without a token, allowed with the right bearer token, refused otherwise", () => {
    expect(metricsAccess(`Bearer ${TOKEN}`, undefined)).toBe("off");
    expect(metricsAccess(`Bearer ${TOKEN}`, "  ")).toBe("off");
    expect(metricsAccess(`Bearer ${TOKEN}`, TOKEN)).toBe("allowed");
    expect(metricsAccess(`Bearer ${TOKEN}x`, TOKEN)).toBe("refused");
    expect(metricsAccess(TOKEN, TOKEN)).toBe("refused");
    expect(metricsAccess(null, TOKEN)).toBe("refused");
  });
});

describe("GET /api/metrics", () => {
  it("does not exist without READYROOM_METRICS_TOKEN", async () => {
    vi.stubEnv("READYROOM_METRICS_TOKEN", "");
    const res = await callRoute(metricsRoute.GET, { as: null, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });

  it("asks for the token, and a wrong one is 401", async () => {
    vi.stubEnv("READYROOM_METRICS_TOKEN", TOKEN);
    const attempts: Record<string, string>[] = [{}, { authorization: "Bearer wrong-token" }];
    for (const headers of attempts) {
      const res = await callRoute(metricsRoute.GET, { as: null, headers });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      expect(String(JSON.stringify(res.body))).not.toContain("readyroom_db_queries_total");
    }
  });

  it("answers Prometheus text with the database, job queue and process figures", async () => {
    vi.stubEnv("READYROOM_METRICS_TOKEN", TOKEN);
    const ws = await createWorkspace("metrics");
    await callRoute(projectsRoute.GET, { as: as.user(ws.owner), params: { ws: ws.slug } });
    const res = await callRoute(metricsRoute.GET, { as: null, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = String(res.body);
    const queries = Number(/^readyroom_db_queries_total (\d+)/m.exec(text)?.[1]);
    expect(queries).toBeGreaterThan(0);
    expect(text).toContain("# TYPE http_request_duration_seconds histogram");
    expect(text).toContain("# TYPE readyroom_db_query_duration_seconds histogram");
    expect(text).toMatch(/^readyroom_job_queue_jobs\{queue="webhook-delivery",state="waiting"\} \d+/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    // Labels are route patterns and figures: nothing of a workspace.
    expect(text).not.toContain(ws.slug);
    expect(text).not.toContain(ws.id);
  });
});
