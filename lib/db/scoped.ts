import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { rawDb } from "./client";

/**
 * A Prisma client confined to one workspace. Every model that has a
 * `workspaceId` column gets `workspaceId` added to its filters and to the rows
 * it creates; `workspace` itself is narrowed to the one row. Global identity
 * models (users, accounts, sessions) are read-only here.
 */
const READ_ONLY_MODELS = new Set<string>(["User"]);
const FORBIDDEN_MODELS = new Set<string>(["Account", "Session", "VerificationToken"]);
/** Every other model carries `workspaceId` (checked against the schema by scoped.test.ts). */
export const SCOPED_MODELS = new Set<string>(
  Object.values(Prisma.ModelName).filter(
    (name) => name !== "Workspace" && !READ_ONLY_MODELS.has(name) && !FORBIDDEN_MODELS.has(name),
  ),
);

const FILTERED = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
]);

const READS = new Set(["findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany", "count", "aggregate", "groupBy"]);

type Args = Record<string, unknown>;

function withData(data: unknown, workspaceId: string): unknown {
  if (Array.isArray(data)) return data.map((row) => ({ ...(row as Args), workspaceId }));
  return { ...(data as Args), workspaceId };
}

export class ScopeViolationError extends Error {}

export function scopeClient(prisma: PrismaClient, workspaceId: string) {
  return prisma.$extends({
    name: "workspace-scope",
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          const a = (args ?? {}) as Args;
          if (FORBIDDEN_MODELS.has(model)) throw new ScopeViolationError(`${model} is not reachable from a workspace.`);
          if (READ_ONLY_MODELS.has(model)) {
            if (!READS.has(operation)) throw new ScopeViolationError(`${model} is read-only from a workspace.`);
            return query(a as typeof args);
          }
          if (model === "Workspace") {
            if (operation.startsWith("create") || operation === "upsert") {
              throw new ScopeViolationError("A workspace cannot create workspaces.");
            }
            return query({ ...a, where: { ...(a.where as Args), id: workspaceId } } as typeof args);
          }
          if (!SCOPED_MODELS.has(model)) throw new ScopeViolationError(`${model} has no workspace scope.`);
          if (FILTERED.has(operation)) {
            const next: Args = { ...a, where: { ...(a.where as Args), workspaceId } };
            if (operation.startsWith("update") && a.data) next.data = { ...(a.data as Args), workspaceId };
            return query(next as typeof args);
          }
          if (operation === "create" || operation === "createMany" || operation === "createManyAndReturn") {
            return query({ ...a, data: withData(a.data, workspaceId) } as typeof args);
          }
          if (operation === "upsert") {
            return query({
              ...a,
              where: { ...(a.where as Args), workspaceId },
              create: withData(a.create, workspaceId),
              update: { ...(a.update as Args), workspaceId },
            } as typeof args);
          }
          throw new ScopeViolationError(`${operation} is not allowed on a scoped client.`);
        },
      },
    },
  });
}

export type ScopedDb = ReturnType<typeof scopeClient>;

/** The scoped client for one workspace, on the process's database. */
export async function scopedDb(workspaceId: string): Promise<ScopedDb> {
  return scopeClient(await rawDb(), workspaceId);
}
/** The client inside `db.$transaction(async (tx) => …)`: still scoped. */
export type ScopedTx = Omit<ScopedDb, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
