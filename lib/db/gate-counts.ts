import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import type { GateRule, ItemFilter } from "@/lib/validation/gate";
import { rawDb } from "./client";

/**
 * How many items break each rule of a gate, in ONE aggregate query over the
 * project's items: `count(*) FILTER (WHERE …)` per rule, so a gate of ten
 * rules reads the register once instead of ten times
 * (docs/decisions/0006-gate-recommendation.md). The predicates are the SQL
 * twin of `breaksRule` in lib/domain/gates.ts and of `breakingWhere` in
 * lib/services/gates/rule-where.ts; the integration tests hold all three equal.
 *
 * This is raw SQL, so it lives in lib/db/ and scopes itself: every row it reads
 * is filtered by the caller's workspace id, and every value is a bind parameter.
 */

const OPEN = ["open", "in_progress", "blocked", "in_review"];
const CLOSED = ["done", "wont_fix"];

class Params {
  readonly values: unknown[] = [];
  /** Every value is text here (ids, enum names, labels): typed, so PostgreSQL never has to guess. */
  add(value: string): string {
    this.values.push(value);
    return `$${this.values.length}::text`;
  }
  list(values: readonly string[]): string {
    return values.map((v) => this.add(v)).join(", ");
  }
}

function filterSql(filter: ItemFilter, p: Params): string[] {
  const and: string[] = [];
  if (filter.severity) and.push(`i."severity"::text IN (${p.list(filter.severity)})`);
  if (filter.kind) and.push(`i."kind"::text IN (${p.list(filter.kind)})`);
  if (filter.phase) and.push(`i."phaseId" = ${p.add(filter.phase)}`);
  if (filter.label) and.push(`i."labels" && ARRAY[${p.list(filter.label)}]::text[]`);
  return and;
}

function ruleSql(rule: GateRule, p: Params): string {
  // Built only when used: every parameter added must appear in the statement.
  const open = () => `i."status"::text IN (${p.list(OPEN)})`;
  const notClosed = () => `i."status"::text NOT IN (${p.list(CLOSED)})`;
  const properlyDeferred = () => `(i."status"::text = ${p.add("deferred")} AND i."ownerId" IS NOT NULL AND i."dueDate" IS NOT NULL)`;
  const and = filterSql(rule.filter, p);
  switch (rule.type) {
    case "no_open_items":
    case "max_open_items":
      and.push(open());
      break;
    case "all_done":
      and.push(notClosed());
      break;
    case "all_done_or_deferred":
      and.push(notClosed(), `NOT ${properlyDeferred()}`);
      break;
    case "no_open_blockers":
      and.push(`i."blocker"`, open());
      break;
    case "all_have_evidence":
      and.push(`e."itemId" IS NULL`);
      break;
  }
  return and.length ? and.join(" AND ") : "TRUE";
}

/** The statement and its parameters (exported for the unit tests). */
export function breakingCountsSql(workspaceId: string, projectId: string, rules: GateRule[]): { sql: string; params: unknown[] } {
  const p = new Params();
  const ws = p.add(workspaceId);
  const project = p.add(projectId);
  const columns = rules.map((rule, index) => `count(*) FILTER (WHERE ${ruleSql(rule, p)}) AS "c${index}"`);
  const evidenceJoin = rules.some((r) => r.type === "all_have_evidence")
    ? `LEFT JOIN (SELECT DISTINCT ev."itemId" FROM "Evidence" ev WHERE ev."workspaceId" = ${ws} AND ev."projectId" = ${project} AND ev."itemId" IS NOT NULL) e ON e."itemId" = i."id"`
    : "";
  const sql = `SELECT ${columns.join(", ")} FROM "Item" i ${evidenceJoin} WHERE i."workspaceId" = ${ws} AND i."projectId" = ${project}`;
  return { sql, params: p.values };
}

/** The number of items breaking each rule, in the rules' order. */
export async function countBreakingItems(ctx: Pick<WorkspaceContext, "workspace">, projectId: string, rules: GateRule[]): Promise<number[]> {
  if (rules.length === 0) return [];
  const { sql, params } = breakingCountsSql(ctx.workspace.id, projectId, rules);
  const db = await rawDb();
  const [row] = await db.$queryRawUnsafe<Record<string, bigint | number>[]>(sql, ...params);
  return rules.map((_, index) => Number(row?.[`c${index}`] ?? 0));
}
