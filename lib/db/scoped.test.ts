import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { SCOPED_MODELS } from "./scoped";

/**
 * The scoped client trusts that every model other than the global identity
 * tables and Workspace itself carries `workspaceId`. This reads the schema
 * itself, so a new model without the column fails here.
 */
const GLOBAL_MODELS = ["User", "Account", "Session", "VerificationToken", "Workspace", "IdempotencyRecord"];

const schema = readFileSync(path.resolve(__dirname, "../../prisma/schema.prisma"), "utf8");

function parseModels(source: string): Map<string, string> {
  const models = new Map<string, string>();
  for (const match of source.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) models.set(match[1]!, match[2]!);
  return models;
}

function hasWorkspaceId(body: string): boolean {
  return /^\s*workspaceId\s+String\s/m.test(body);
}

function requiresWorkspaceRelation(body: string): boolean {
  return /^\s*workspace\s+Workspace\s+@relation\(fields:\s*\[workspaceId\]/m.test(body);
}

const models = parseModels(schema);

describe("schema and SCOPED_MODELS", () => {
  it("parses the schema", () => {
    expect(models.size).toBeGreaterThan(10);
    for (const name of GLOBAL_MODELS) expect(models.has(name), name).toBe(true);
    // The regex agrees with the generated client, so no model is missed by a formatting change.
    expect([...models.keys()].sort()).toEqual(Object.values(Prisma.ModelName).sort());
  });

  it("gives every non-global model a required workspaceId tied to Workspace", () => {
    const missing = [...models].filter(([name, body]) => !GLOBAL_MODELS.includes(name) && !(hasWorkspaceId(body) && requiresWorkspaceRelation(body))).map(([name]) => name);
    expect(missing, "models without a required workspaceId").toEqual([]);
  });

  it("has no workspaceId on the global models", () => {
    for (const name of ["User", "Account", "Session", "VerificationToken", "Workspace"]) expect(hasWorkspaceId(models.get(name)!), name).toBe(false);
  });

  it("scopes exactly the models that carry workspaceId", () => {
    const withColumn = [...models].filter(([, body]) => hasWorkspaceId(body)).map(([name]) => name).sort();
    expect([...SCOPED_MODELS].sort()).toEqual(withColumn);
  });

  it("leaves the global models out of SCOPED_MODELS", () => {
    for (const name of GLOBAL_MODELS) expect(SCOPED_MODELS.has(name), name).toBe(false);
  });
});
