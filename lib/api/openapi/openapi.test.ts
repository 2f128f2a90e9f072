import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_OPERATIONS } from "@/lib/api/operations";
import { buildOpenApiDocument } from "./document";

const API_ROOT = path.join(process.cwd(), "app", "api", "v1");

/** Every "METHOD /api/v1/…" that a route handler under app/api/v1 exports. */
function routeOperations(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const route = `/api/v1/${path.relative(API_ROOT, dir).split(path.sep).join("/")}`.replace(/\/$/, "").replace(/\[([^\]]+)\]/g, "{$1}");
        for (const [, method] of readFileSync(full, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) found.push(`${method} ${route}`);
      }
    }
  };
  walk(API_ROOT);
  return found.sort();
}

describe("the OpenAPI document", () => {
  it("lists exactly the operations the route handlers export", () => {
    const documented = API_OPERATIONS.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort();
    expect(documented).toEqual(routeOperations());
  });

  it("has unique operation ids, and a summary and success response for each", () => {
    const ids = API_OPERATIONS.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of API_OPERATIONS) expect(op.summary.length, op.id).toBeGreaterThan(3);
  });

  it("is OpenAPI 3.1 with every operation, its parameters, body and error responses", () => {
    const doc = buildOpenApiDocument() as unknown as { openapi: string; paths: Record<string, Record<string, { operationId: string; parameters?: { name: string; in: string }[]; requestBody?: unknown; responses: Record<string, unknown> }>> };
    expect(doc.openapi).toBe("3.1.0");
    for (const op of API_OPERATIONS) {
      const entry = doc.paths[op.path]?.[op.method];
      expect(entry?.operationId, `${op.method} ${op.path}`).toBe(op.id);
      for (const name of op.path.match(/\{(\w+)\}/g)?.map((p) => p.slice(1, -1)) ?? []) expect(entry!.parameters?.some((p) => p.in === "path" && p.name === name), `${op.id}: path parameter ${name}`).toBe(true);
      expect(Boolean(entry!.requestBody), `${op.id}: request body`).toBe(Boolean(op.body));
      expect(Object.keys(entry!.responses), op.id).toContain(String(op.success.status));
      expect(Object.keys(entry!.responses), op.id).toContain("500");
    }
  });
});
