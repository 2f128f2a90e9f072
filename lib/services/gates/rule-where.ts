import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { GateRule, ItemFilter } from "@/lib/validation/gate";

/** Statuses in which an item is still open work (not closed, not deferred). */
const OPEN = ["open", "in_progress", "blocked", "in_review"] as const;
/** Not done and not won't fix, spelled as a list: an index can use `IN`, not `NOT IN` (docs/decisions/0006). */
const NOT_CLOSED = [...OPEN, "deferred"] as const;

function filterWhere(filter: ItemFilter): Prisma.ItemWhereInput[] {
  const and: Prisma.ItemWhereInput[] = [];
  if (filter.severity) and.push({ severity: { in: filter.severity } });
  if (filter.kind) and.push({ kind: { in: filter.kind } });
  if (filter.phase) and.push({ phaseId: filter.phase });
  if (filter.label) and.push({ labels: { hasSome: filter.label } });
  return and;
}

const properlyDeferred: Prisma.ItemWhereInput = { status: "deferred", ownerId: { not: null }, dueDate: { not: null } };

/**
 * The items that break a rule, as a database predicate: the SQL twin of
 * `breaksRule` in lib/domain/gates.ts (the integration tests hold them equal).
 */
export function breakingWhere(projectId: string, rule: GateRule): Prisma.ItemWhereInput {
  const and: Prisma.ItemWhereInput[] = [{ projectId }, ...filterWhere(rule.filter)];
  switch (rule.type) {
    case "no_open_items":
    case "max_open_items":
      and.push({ status: { in: [...OPEN] } });
      break;
    case "all_done":
      and.push({ status: { in: [...NOT_CLOSED] } });
      break;
    case "all_done_or_deferred":
      and.push({ status: { in: [...NOT_CLOSED] } }, { NOT: properlyDeferred });
      break;
    case "no_open_blockers":
      and.push({ blocker: true, status: { in: [...OPEN] } });
      break;
    case "all_have_evidence":
      and.push({ evidence: { none: {} } });
      break;
  }
  return { AND: and };
}

/** Breaking items that a "Go with known risks" could not accept: not deferred with an owner and a due date. */
export function undeferredWhere(projectId: string, rule: GateRule): Prisma.ItemWhereInput {
  return { AND: [breakingWhere(projectId, rule), { NOT: properlyDeferred }] };
}
