import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { rawDb } from "./client";

/**
 * A Prisma client confined to one workspace (docs/decisions/0001-tenant-scoping.md).
 *
 * - Every model with a `workspaceId` column gets `AND workspaceId = <ws>` on
 *   its filters (combined, so a caller's own `workspaceId` filter can only
 *   narrow further) and `workspaceId = <ws>` on the rows it writes.
 * - `Workspace` is narrowed to the one row and cannot be created.
 * - `User` is read-only, limited to members of the workspace, and its
 *   relations (memberships, sessions…) cannot be followed from here, neither
 *   at the top level nor inside an `include`, `select` or `where` of another model.
 * - Writes take foreign keys as scalars: nested writes (`data.project.connect`,
 *   `data.phases.create`…) are refused, so no row can be written under another tenant.
 * - Raw SQL is refused.
 */
const READ_ONLY_MODELS = new Set<string>(["User"]);
const FORBIDDEN_MODELS = new Set<string>(["Account", "Session", "VerificationToken", "IdempotencyRecord"]);
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

export class ScopeViolationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScopeViolationError";
  }
}

interface RuntimeField {
  name: string;
  kind: string;
  type: string;
}

/** Relation fields per model (name → related model), from the generated client's data model. */
function relationMap(prisma: PrismaClient): Map<string, Map<string, string>> {
  const dataModel = (prisma as unknown as { _runtimeDataModel: { models: Record<string, { fields: RuntimeField[] }> } })._runtimeDataModel;
  return new Map(
    Object.entries(dataModel.models).map(([model, { fields }]) => [
      model,
      new Map(fields.filter((f) => f.kind === "object").map((f) => [f.name, f.type])),
    ]),
  );
}

function isPlainObject(value: unknown): value is Args {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function andWhere(where: unknown, condition: Args): Args {
  const base = isPlainObject(where) ? where : {};
  const existing = base.AND === undefined ? [] : Array.isArray(base.AND) ? base.AND : [base.AND];
  return { ...base, AND: [...existing, condition] };
}

function withData(data: unknown, workspaceId: string): unknown {
  if (Array.isArray(data)) return data.map((row) => ({ ...(row as Args), workspaceId }));
  return { ...(data as Args), workspaceId };
}

export function scopeClient(prisma: PrismaClient, workspaceId: string) {
  const relations = relationMap(prisma);
  const userRelations = relations.get("User") ?? new Map<string, string>();

  /** A `User` reached through a relation may show its own fields, never follow its relations. */
  function checkUserNode(node: unknown, path: string) {
    if (!isPlainObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (userRelations.has(key)) throw new ScopeViolationError(`${path}.${key}: a user's relations cannot be read from a workspace.`);
      if (isPlainObject(value) || Array.isArray(value)) {
        for (const child of Array.isArray(value) ? value : [value]) checkUserNode(child, `${path}.${key}`);
      }
    }
  }

  /** Walks include/select/where trees, following relations to their models. */
  function checkTree(model: string, node: unknown, path: string) {
    if (Array.isArray(node)) {
      node.forEach((child, i) => checkTree(model, child, `${path}[${i}]`));
      return;
    }
    if (!isPlainObject(node)) return;
    const modelRelations = relations.get(model);
    for (const [key, value] of Object.entries(node)) {
      const target = modelRelations?.get(key);
      if (target === "User") checkUserNode(value, `${path}.${key}`);
      else if (target && FORBIDDEN_MODELS.has(target)) throw new ScopeViolationError(`${path}.${key} is not reachable from a workspace.`);
      else if (target) checkTree(target, value, `${path}.${key}`);
      else if (isPlainObject(value) || Array.isArray(value)) checkTree(model, value, `${path}.${key}`);
    }
  }

  /** Writes set foreign keys as scalars; a relation field in `data` would be a nested write. */
  function checkData(model: string, data: unknown, path: string) {
    const modelRelations = relations.get(model);
    for (const row of Array.isArray(data) ? data : [data]) {
      if (!isPlainObject(row)) continue;
      for (const key of Object.keys(row)) {
        if (modelRelations?.has(key)) {
          throw new ScopeViolationError(`${path}.${key}: nested writes are not allowed on a scoped client; set the foreign key instead.`);
        }
      }
    }
  }

  function checkReadShape(model: string, a: Args) {
    for (const key of ["where", "include", "select", "orderBy", "cursor", "having"] as const) {
      if (a[key] !== undefined) checkTree(model, a[key], key);
    }
  }

  const refuseRaw = () => {
    throw new ScopeViolationError("Raw SQL is not available on a workspace-scoped client.");
  };

  return prisma.$extends({
    name: "workspace-scope",
    query: {
      $queryRaw: refuseRaw,
      $queryRawUnsafe: refuseRaw,
      $executeRaw: refuseRaw,
      $executeRawUnsafe: refuseRaw,
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          const a = (args ?? {}) as Args;
          if (FORBIDDEN_MODELS.has(model)) throw new ScopeViolationError(`${model} is not reachable from a workspace.`);
          checkReadShape(model, a);

          if (READ_ONLY_MODELS.has(model)) {
            if (!READS.has(operation)) throw new ScopeViolationError(`${model} is read-only from a workspace.`);
            checkUserNode({ include: a.include, select: a.select, where: a.where, orderBy: a.orderBy }, model);
            return query({ ...a, where: andWhere(a.where, { memberships: { some: { workspaceId } } }) } as typeof args);
          }

          if (model === "Workspace") {
            if (operation.startsWith("create") || operation === "upsert") {
              throw new ScopeViolationError("A workspace cannot create workspaces.");
            }
            if (a.data !== undefined) checkData(model, a.data, "data");
            return query({ ...a, where: andWhere(a.where, { id: workspaceId }) } as typeof args);
          }

          if (!SCOPED_MODELS.has(model)) throw new ScopeViolationError(`${model} has no workspace scope.`);

          if (FILTERED.has(operation)) {
            const next: Args = { ...a, where: andWhere(a.where, { workspaceId }) };
            if (operation.startsWith("update") && a.data) {
              checkData(model, a.data, "data");
              next.data = { ...(a.data as Args), workspaceId };
            }
            return query(next as typeof args);
          }
          if (operation === "create" || operation === "createMany" || operation === "createManyAndReturn") {
            checkData(model, a.data, "data");
            return query({ ...a, data: withData(a.data, workspaceId) } as typeof args);
          }
          if (operation === "upsert") {
            checkData(model, a.create, "create");
            checkData(model, a.update, "update");
            return query({
              ...a,
              where: andWhere(a.where, { workspaceId }),
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

type Scoped = ReturnType<typeof scopeClient>;
/** The scoped client, without the raw SQL methods it refuses. */
export type ScopedDb = Omit<Scoped, "$queryRaw" | "$queryRawUnsafe" | "$executeRaw" | "$executeRawUnsafe">;

/** The scoped client for one workspace, on the process's database. */
export async function scopedDb(workspaceId: string): Promise<ScopedDb> {
  return scopeClient(await rawDb(), workspaceId);
}

/** The client inside `db.$transaction(async (tx) => …)`: still scoped. */
export type ScopedTx = Omit<ScopedDb, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
