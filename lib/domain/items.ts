/**
 * The register's rules that need no database: pure functions over item keys
 * and statuses.
 */
export const CLOSED_ITEM_STATUSES = ["done", "wont_fix"] as const;

/** Done and won't-fix items are closed: they no longer block anything. */
export function isClosed(status: string): boolean {
  return (CLOSED_ITEM_STATUSES as readonly string[]).includes(status);
}

function byKey(a: string, b: string) {
  return a.localeCompare(b, "en", { numeric: true });
}

/** The keys of blockers that are still open, in key order (OCC-2 before OCC-10). */
export function openBlockers(blockers: { key: string; status: string }[]): string[] {
  return blockers.filter((b) => !isClosed(b.status)).map((b) => b.key).sort(byKey);
}

/**
 * The blocker rule: an item cannot move to done while an item that blocks it
 * is open. Returns why the move is refused, or null when it is allowed.
 */
export function doneRefusal(key: string, nextStatus: string, blockers: { key: string; status: string }[]): string | null {
  if (nextStatus !== "done") return null;
  const open = openBlockers(blockers);
  if (open.length === 0) return null;
  return `${key} can’t be done while ${open.join(", ")} ${open.length === 1 ? "is" : "are"} open.`;
}
