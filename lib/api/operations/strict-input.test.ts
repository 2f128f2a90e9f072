import { describe, expect, it } from "vitest";
import { z } from "zod";
import { API_OPERATIONS } from "./index";

/**
 * No mass assignment: every object in every request body and query the API
 * documents refuses keys it does not name (zod's strictObject), at every
 * depth, so `workspaceId`, `role` or a decision's recorded fields cannot ride
 * along in a request.
 */
function looseObjects(schema: z.core.$ZodType, path: string, seen = new Set<z.core.$ZodType>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  const walk = (inner: unknown, at: string) => looseObjects(inner as z.core.$ZodType, at, seen);
  switch (def.type) {
    case "object": {
      const own = (def.catchall as z.core.$ZodType | undefined)?._zod.def.type === "never" ? [] : [path || "(body)"];
      return [...own, ...Object.entries(def.shape as Record<string, unknown>).flatMap(([key, value]) => walk(value, `${path}.${key}`))];
    }
    case "array":
      return walk(def.element, `${path}[]`);
    case "record":
      return walk(def.valueType, `${path}{}`);
    case "union":
      return (def.options as unknown[]).flatMap((option, i) => walk(option, `${path}|${i}`));
    case "intersection":
      return [...walk(def.left, path), ...walk(def.right, path)];
    case "pipe":
      return [...walk(def.in, path), ...walk(def.out, path)];
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return walk(def.innerType, path);
    case "lazy":
      return walk((def.getter as () => unknown)(), path);
    default:
      return [];
  }
}

describe("API inputs", () => {
  const inputs = API_OPERATIONS.flatMap((op) => [
    ...(op.body ? [{ op: op.id, part: "body", schema: op.body }] : []),
    ...(op.query ? [{ op: op.id, part: "query", schema: op.query }] : []),
  ]);

  it("are documented for every route that changes something, but for the actions that take no body", () => {
    const bodiless = API_OPERATIONS.filter((op) => op.method !== "get" && op.method !== "delete" && !op.body).map((op) => op.id);
    expect(bodiless.sort()).toEqual(["acceptInvitation", "resendWebhookDelivery", "signDecision", "testWebhook", "verifyDomain"]);
  });

  it("refuse unknown keys at every depth", () => {
    const loose = inputs.flatMap(({ op, part, schema }) => looseObjects(schema, "").map((path) => `${op} ${part}${path}`));
    expect(loose).toEqual([]);
  });

  it("find a loose object when there is one", () => {
    const schema = z.strictObject({ items: z.array(z.object({ title: z.string() })).optional(), meta: z.strictObject({ a: z.string() }) });
    expect(looseObjects(schema, "")).toEqual([".items[]"]);
    expect(looseObjects(z.object({ a: z.string() }).transform((v) => v), "")).toEqual(["(body)"]);
  });
});
