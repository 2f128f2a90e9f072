import { NOT_CLOSED_ITEM_STATUSES as NOT_CLOSED, OPEN_ITEM_STATUSES as OPEN } from "@/lib/domain/items";
import { Prisma } from "@/lib/generated/prisma/client";
import type { GateRule, ItemFilter } from "@/lib/validation/gate";
import { rawDb } from "./client";

/**
 * How many items break each of a gate's rules, in one pass over the project's
 * items: one `count(*) FILTER (…)` per rule instead of one count statement
 * each (docs/decisions/0019). The predicates are the SQL twin of
 * `breakingWhere` in lib/services/gates/rule-where.ts, which still selects the
 * failing items shown; rule-counts.integration.test.ts holds the two equal.
 *
 * Scoped by hand, as raw SQL must be: the workspace id comes from the caller's
 * context and both tables are filtered by it, so another workspace's project
 * id counts nothing.
 */
export interface RuleCount {
  rule: GateRule;
  /** Count only the breaking items that are not deferred with an owner and a due date. */
  undeferred?: boolean;
}


const PROPERLY_DEFERRED = Prisma.sql`(i."status" = 'deferred' AND i."ownerId" IS NOT NULL AND i."dueDate" IS NOT NULL)`;

function textIn(column: Prisma.Sql, values: readonly string[]): Prisma.Sql {
  return Prisma.sql`${column}::text IN (${Prisma.join(values)})`;
}

function filterSql(filter: ItemFilter): Prisma.Sql[] {
  const and: Prisma.Sql[] = [];
  if (filter.severity) and.push(textIn(Prisma.sql`i."severity"`, filter.severity));
  if (filter.kind) and.push(textIn(Prisma.sql`i."kind"`, filter.kind));
  if (filter.phase) and.push(Prisma.sql`i."phaseId" = ${filter.phase}`);
  if (filter.label) and.push(Prisma.sql`i."labels" && ${filter.label}::text[]`);
  return and;
}

function breakingSql({ rule, undeferred }: RuleCount): Prisma.Sql {
  const and = filterSql(rule.filter);
  const status = Prisma.sql`i."status"`;
  switch (rule.type) {
    case "no_open_items":
    case "max_open_items":
      and.push(textIn(status, OPEN));
      break;
    case "all_done":
      and.push(textIn(status, NOT_CLOSED));
      break;
    case "all_done_or_deferred":
      and.push(textIn(status, NOT_CLOSED), Prisma.sql`NOT ${PROPERLY_DEFERRED}`);
      break;
    case "no_open_blockers":
      and.push(Prisma.sql`i."blocker"`, textIn(status, OPEN));
      break;
    case "all_have_evidence":
      and.push(Prisma.sql`e."itemId" IS NULL`);
      break;
  }
  if (undeferred) and.push(Prisma.sql`NOT ${PROPERLY_DEFERRED}`);
  return and.length ? Prisma.join(and, " AND ") : Prisma.sql`TRUE`;
}

export async function countBreakingItems(workspaceId: string, projectId: string, counts: readonly RuleCount[]): Promise<number[]> {
  if (!counts.length) return [];
  const db = await rawDb();
  const needsEvidence = counts.some((c) => c.rule.type === "all_have_evidence");
  const columns = Prisma.join(
    counts.map((count, index) => Prisma.sql`count(*) FILTER (WHERE ${breakingSql(count)})::int AS ${Prisma.raw(`"c${index}"`)}`),
    ", ",
  );
  const evidence = needsEvidence
    ? Prisma.sql`LEFT JOIN (SELECT DISTINCT "itemId" FROM "Evidence" WHERE "workspaceId" = ${workspaceId} AND "projectId" = ${projectId} AND "itemId" IS NOT NULL) e ON e."itemId" = i."id"`
    : Prisma.empty;
  const [row] = await db.$queryRaw<Record<string, number>[]>`SELECT ${columns} FROM "Item" i ${evidence} WHERE i."workspaceId" = ${workspaceId} AND i."projectId" = ${projectId}`;
  return counts.map((_, index) => Number(row?.[`c${index}`] ?? 0));
}
