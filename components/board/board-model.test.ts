import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/client/api";
import type { ItemDto } from "@/lib/validation/item";
import { makeItemDto } from "@/test/item-dto";
import {
  activeFilterNames,
  bucketsFor,
  buildBoard,
  cellId,
  cellName,
  columnCount,
  describeMoveError,
  describePlace,
  findCell,
  isOverdue,
  itemsPageQuery,
  localToday,
  moveAcross,
  planMove,
  positionBetween,
  readBoardSettings,
  settleDrop,
  withBoardSettings,
  withoutFilters,
  type Bucket,
} from "./board-model";

let counter = 0;
function item(over: Partial<ItemDto> = {}): ItemDto {
  counter += 1;
  return makeItemDto(counter, over);
}

const byId = (items: ItemDto[]) => new Map(items.map((i) => [i.id, i]));

describe("URL settings", () => {
  it("defaults to status columns without lanes and keeps only filter params", () => {
    const s = readBoardSettings(new URLSearchParams("foo=1&severity=critical,high&q=tls&sort=key"));
    expect(s.group).toBe("status");
    expect(s.lanes).toBeNull();
    expect(new URLSearchParams(s.filters).get("severity")).toBe("critical,high");
    expect(new URLSearchParams(s.filters).get("q")).toBe("tls");
    expect(s.filters).not.toContain("foo");
    expect(s.filters).not.toContain("sort");
  });

  it("ignores unknown groupings and lanes equal to the grouping", () => {
    expect(readBoardSettings(new URLSearchParams("group=color")).group).toBe("status");
    expect(readBoardSettings(new URLSearchParams("group=phase&lanes=phase")).lanes).toBeNull();
    expect(readBoardSettings(new URLSearchParams("group=phase&lanes=severity")).lanes).toBe("severity");
  });

  it("changes grouping and drops lanes that would repeat it", () => {
    const params = new URLSearchParams("group=phase&lanes=severity&status=open");
    expect(new URLSearchParams(withBoardSettings(params, { group: "severity" })).has("lanes")).toBe(false);
    const next = new URLSearchParams(withBoardSettings(params, { lanes: "owner" }));
    expect(next.get("lanes")).toBe("owner");
    expect(next.get("status")).toBe("open");
    expect(new URLSearchParams(withBoardSettings(params, { lanes: null })).has("lanes")).toBe(false);
  });

  it("clears filters but keeps the grouping", () => {
    const next = new URLSearchParams(withoutFilters(new URLSearchParams("group=owner&severity=low&blocker=true")));
    expect(next.get("group")).toBe("owner");
    expect(next.has("severity")).toBe(false);
    expect(next.has("blocker")).toBe(false);
    expect(activeFilterNames("severity=low&owner=o1")).toEqual(["severity", "owner"]);
  });

  it("asks the API for every item in board order", () => {
    const first = new URLSearchParams(itemsPageQuery("status=open", null));
    expect(first.get("sort")).toBe("position");
    expect(first.get("limit")).toBe("500");
    expect(first.get("status")).toBe("open");
    expect(first.has("cursor")).toBe(false);
    expect(new URLSearchParams(itemsPageQuery("", "abc")).get("cursor")).toBe("abc");
  });
});

describe("buckets", () => {
  it("lists statuses in their fixed order, narrowed by a status filter", () => {
    expect(bucketsFor("status", { items: [] }).map((b) => b.label)).toEqual(["Open", "In progress", "Blocked", "In review", "Done", "Deferred", "Won't fix"]);
    expect(bucketsFor("status", { items: [], filters: "status=done,open" }).map((b) => b.value)).toEqual(["open", "done"]);
    expect(bucketsFor("severity", { items: [] }).map((b) => b.value)).toEqual(["critical", "high", "medium", "low"]);
  });

  it("puts No phase first, phases by position, and keeps phases only items know", () => {
    const items = [item({ phase: { id: "p9", name: "Legacy" } })];
    const buckets = bucketsFor("phase", {
      items,
      phases: [
        { id: "p2", name: "Phase 2", position: 2 },
        { id: "p1", name: "Phase 1", position: 1 },
      ],
    });
    expect(buckets.map((b) => b.label)).toEqual(["No phase", "Phase 1", "Phase 2", "Legacy"]);
    expect(buckets[0]!.value).toBeNull();
  });

  it("keeps only the filtered phases and owners, none included when asked for", () => {
    const phases = [
      { id: "p1", name: "Phase 1", position: 1 },
      { id: "p2", name: "Phase 2", position: 2 },
    ];
    expect(bucketsFor("phase", { items: [], phases, filters: "phase=p2" }).map((b) => b.label)).toEqual(["Phase 2"]);
    expect(bucketsFor("phase", { items: [], phases, filters: "phase=none,p1" }).map((b) => b.label)).toEqual(["No phase", "Phase 1"]);
    const owners = [{ id: "o1", name: "Ada", kind: "member" }];
    expect(bucketsFor("owner", { items: [], owners, filters: "owner=none" }).map((b) => b.label)).toEqual(["Unassigned"]);
  });

  it("puts Unassigned first and owners by name", () => {
    const buckets = bucketsFor("owner", {
      items: [],
      owners: [
        { id: "o2", name: "Zoe", kind: "member" },
        { id: "o1", name: "Agents", kind: "agent" },
      ],
    });
    expect(buckets.map((b) => b.label)).toEqual(["Unassigned", "Agents", "Zoe"]);
    expect(buckets[1]!.ownerKind).toBe("agent");
  });
});

describe("buildBoard", () => {
  it("groups items into columns ordered by position", () => {
    const a = item({ status: "open", position: 5 });
    const b = item({ status: "open", position: 1 });
    const c = item({ status: "done" });
    const columns = bucketsFor("status", { items: [a, b, c] });
    const board = buildBoard([a, b, c], "status", null, { columns, lanes: null });
    expect(board.lanes).toHaveLength(1);
    const open = cellId(null, columns[0]!);
    expect(board.containers[open]).toEqual([b.id, a.id]);
    expect(board.containers[cellId(null, columns[4]!)]).toEqual([c.id]);
    expect(columnCount(board, board.containers, columns[0]!)).toBe(2);
  });

  it("breaks position ties by item number", () => {
    const a = item({ position: 0 });
    const b = item({ position: 0 });
    const columns = bucketsFor("status", { items: [a, b] });
    const board = buildBoard([b, a], "status", null, { columns, lanes: null });
    expect(board.containers[cellId(null, columns[0]!)]).toEqual([a.id, b.id]);
  });

  it("builds swimlanes and leaves out empty lanes", () => {
    const a = item({ status: "open", severity: "critical" });
    const b = item({ status: "done", severity: "low" });
    const columns = bucketsFor("status", { items: [a, b] });
    const lanes = bucketsFor("severity", { items: [a, b] });
    const board = buildBoard([a, b], "status", "severity", { columns, lanes });
    expect(board.lanes.map((l) => l.lane?.value)).toEqual(["critical", "low"]);
    expect(board.lanes[0]!.cellIds).toHaveLength(columns.length);
    const cell = findCell(board.containers, b.id)!;
    expect(board.cells[cell]!.column.value).toBe("done");
    expect(board.cells[cell]!.lane?.value).toBe("low");
    expect(cellName(board.cells[cell])).toBe("Done, lane Low");
  });
});

describe("dragging", () => {
  const containers = { "cell:*|a": ["x", "y"], "cell:*|b": ["z"], "cell:*|c": [] as string[] };

  it("moves a card into another cell before the card it is over", () => {
    expect(moveAcross(containers, "x", "z")).toEqual({ "cell:*|a": ["y"], "cell:*|b": ["x", "z"], "cell:*|c": [] });
    expect(moveAcross(containers, "x", "z", true)["cell:*|b"]).toEqual(["z", "x"]);
  });

  it("moves a card into an empty cell", () => {
    expect(moveAcross(containers, "y", "cell:*|c")["cell:*|c"]).toEqual(["y"]);
  });

  it("leaves the containers alone within a cell", () => {
    expect(moveAcross(containers, "x", "y")).toBe(containers);
  });

  it("reorders within a cell on drop", () => {
    expect(settleDrop(containers, "x", "y")["cell:*|a"]).toEqual(["y", "x"]);
    expect(settleDrop(containers, "x", "cell:*|a")["cell:*|a"]).toEqual(["x", "y"]);
    expect(settleDrop(containers, "x", "cell:*|c")["cell:*|c"]).toEqual(["x"]);
  });
});

describe("positions", () => {
  it("takes the midpoint between neighbours or steps past the ends", () => {
    expect(positionBetween(1, 2, 9)).toBe(1.5);
    expect(positionBetween(4, undefined, 9)).toBe(5);
    expect(positionBetween(undefined, 4, 9)).toBe(3);
    expect(positionBetween(undefined, undefined, 9)).toBe(9);
  });
});

describe("planMove", () => {
  const column = (value: string | null, label = value ?? "None", ownerKind?: string): Bucket => ({ key: value ?? "none", value, label, ownerKind });
  const cell = (col: Bucket, lane: Bucket | null = null) => ({ id: cellId(lane, col), column: col, lane });

  it("changes the status and places the card between its new neighbours", () => {
    const a = item({ status: "in_progress", position: 10 });
    const b = item({ status: "in_progress", position: 20 });
    const moved = item({ status: "open", position: 3, version: 4 });
    const plan = planMove({ item: moved, ids: [a.id, moved.id, b.id], cell: cell(column("in_progress")), group: "status", lanes: null, itemsById: byId([a, b, moved]) });
    expect(plan?.patch).toEqual({ version: 4, status: "in_progress", position: 15 });
    expect(plan?.optimistic.status).toBe("in_progress");
    expect(plan?.optimistic.position).toBe(15);
  });

  it("goes one past the last card and one before the first", () => {
    const a = item({ position: 10 });
    const moved = item({ position: 1 });
    expect(planMove({ item: moved, ids: [a.id, moved.id], cell: cell(column("open")), group: "status", lanes: null, itemsById: byId([a, moved]) })?.patch.position).toBe(11);
    const late = item({ position: 50 });
    expect(planMove({ item: late, ids: [late.id, a.id], cell: cell(column("open")), group: "status", lanes: null, itemsById: byId([a, late]) })?.patch.position).toBe(9);
  });

  it("keeps the position when dropped into an empty column", () => {
    const moved = item({ status: "open", position: 7 });
    const plan = planMove({ item: moved, ids: [moved.id], cell: cell(column("done")), group: "status", lanes: null, itemsById: byId([moved]) });
    expect(plan?.patch).toEqual({ version: moved.version, status: "done", position: 7 });
  });

  it("sets phase and owner ids, with names for the optimistic card", () => {
    const moved = item({ phase: { id: "p1", name: "Phase 1" } });
    const plan = planMove({
      item: moved,
      ids: [moved.id],
      cell: cell(column("p2", "Phase 2"), column("o1", "Ada", "member")),
      group: "phase",
      lanes: "owner",
      itemsById: byId([moved]),
    });
    expect(plan?.patch).toEqual({ version: 1, phaseId: "p2", ownerId: "o1", position: moved.position });
    expect(plan?.optimistic.phase).toEqual({ id: "p2", name: "Phase 2" });
    expect(plan?.optimistic.owner).toEqual({ id: "o1", name: "Ada", kind: "member" });
  });

  it("clears the phase when dropped into No phase", () => {
    const moved = item({ phase: { id: "p1", name: "Phase 1" } });
    const plan = planMove({ item: moved, ids: [moved.id], cell: cell(column(null)), group: "phase", lanes: null, itemsById: byId([moved]) });
    expect(plan?.patch.phaseId).toBeNull();
    expect(plan?.optimistic.phase).toBeNull();
  });

  it("only sends the lane field that changed", () => {
    const moved = item({ status: "open", severity: "high" });
    const plan = planMove({ item: moved, ids: [moved.id], cell: cell(column("open"), column("critical")), group: "status", lanes: "severity", itemsById: byId([moved]) });
    expect(plan?.patch).toEqual({ version: 1, severity: "critical", position: moved.position });
  });

  it("is null when the card ends where it started", () => {
    const a = item({ position: 1 });
    const moved = item({ position: 2 });
    const b = item({ position: 3 });
    expect(planMove({ item: moved, ids: [a.id, moved.id, b.id], cell: cell(column("open")), group: "status", lanes: null, itemsById: byId([a, b, moved]) })).toBeNull();
  });
});

describe("describeMoveError", () => {
  it("names the open blockers", () => {
    const error = new ApiError(409, "blocked_by_open_items", "Blocked.", "r1", { blockingKeys: ["OCC-3", "OCC-5"] });
    const failure = describeMoveError(error, "OCC-7");
    expect(failure.message).toBe("OCC-7 can’t be done while OCC-3, OCC-5 are open.");
    expect(failure.refetch).toBe(false);
    expect(describeMoveError(new ApiError(409, "blocked_by_open_items", "Blocked.", "r1", { blockingKeys: ["OCC-3"] }), "OCC-7").message).toBe(
      "OCC-7 can’t be done while OCC-3 is open.",
    );
  });

  it("asks for a refetch on a version conflict", () => {
    const failure = describeMoveError(new ApiError(409, "version_conflict", "Stale.", "r2"), "OCC-7");
    expect(failure.refetch).toBe(true);
    expect(failure.message).toContain("OCC-7");
  });

  it("shows the request id only for server failures", () => {
    expect(describeMoveError(new ApiError(500, "internal_error", "Failed.", "r3"), "OCC-1").requestId).toBe("r3");
    expect(describeMoveError(new ApiError(403, "forbidden", "No.", "r4"), "OCC-1").requestId).toBeUndefined();
    expect(describeMoveError(new Error("boom"), "OCC-1").message).toBe("Something went wrong. Try again.");
  });
});

describe("due dates", () => {
  it("formats today in local time", () => {
    expect(localToday(new Date(2025, 0, 5, 23, 30))).toBe("2025-01-05");
  });

  it("is overdue only before today and while not closed", () => {
    expect(isOverdue({ dueDate: "2025-01-04", status: "open" }, "2025-01-05")).toBe(true);
    expect(isOverdue({ dueDate: "2025-01-05", status: "open" }, "2025-01-05")).toBe(false);
    expect(isOverdue({ dueDate: "2025-01-04", status: "done" }, "2025-01-05")).toBe(false);
    expect(isOverdue({ dueDate: "2025-01-04", status: "wont_fix" }, "2025-01-05")).toBe(false);
    expect(isOverdue({ dueDate: null, status: "open" }, "2025-01-05")).toBe(false);
  });
});

describe("describePlace", () => {
  it("says where a held card would land", () => {
    const containers = { "cell:*|a": ["x", "y"], "cell:*|b": ["z"] };
    expect(describePlace(containers, "x", "z")).toEqual({ cellId: "cell:*|b", index: 0, count: 2 });
    expect(describePlace(containers, "x", "y")).toEqual({ cellId: "cell:*|a", index: 1, count: 2 });
    expect(describePlace(containers, "x", "cell:*|b")).toEqual({ cellId: "cell:*|b", index: 1, count: 2 });
    expect(describePlace(containers, "q", "z")).toBeNull();
  });
});
