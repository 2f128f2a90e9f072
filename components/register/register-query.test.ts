import { describe, expect, it } from "vitest";
import { itemListQuery } from "@/lib/validation/item";
import {
  activeFilterCount,
  ariaSort,
  clearFilters,
  DEFAULT_COLUMNS,
  DEFAULT_STATE,
  normalizeColumns,
  parseLabelList,
  parseRefusals,
  parseRegisterQuery,
  sameView,
  serializeRegisterQuery,
  toApiQuery,
  toggleColumn,
  toggleSort,
  toggleValue,
  withCursor,
} from "./register-query";

describe("parseRegisterQuery", () => {
  it("gives the default view for an empty query", () => {
    expect(parseRegisterQuery("")).toEqual(DEFAULT_STATE);
    expect(parseRegisterQuery("?")).toEqual(DEFAULT_STATE);
  });

  it("reads comma-separated lists, the search, the blocker flag, the sort and the columns", () => {
    const state = parseRegisterQuery("?severity=critical,high&status=open&sort=-updatedAt&cols=key,title,owner&q=login%20timeout&blocker=true&phase=ph1,none&owner=o1&label=security,api&kind=risk");
    expect(state).toEqual({
      q: "login timeout",
      severity: ["critical", "high"],
      status: ["open"],
      kind: ["risk"],
      phase: ["ph1", "none"],
      owner: ["o1"],
      label: ["security", "api"],
      blocker: true,
      sort: { field: "updatedAt", desc: true },
      cols: ["key", "title", "owner"],
    });
  });

  it("drops unknown, malformed and duplicate values instead of failing", () => {
    const state = parseRegisterQuery("severity=critical,urgent,critical&status=closed&sort=-password&cols=nope&blocker=maybe&phase=a b,ok");
    expect(state.severity).toEqual(["critical"]);
    expect(state.status).toEqual([]);
    expect(state.sort).toEqual(DEFAULT_STATE.sort);
    expect(state.cols).toEqual(DEFAULT_COLUMNS);
    expect(state.blocker).toBeNull();
    expect(state.phase).toEqual(["ok"]);
  });

  it("reads blocker=false as non-blockers only", () => {
    expect(parseRegisterQuery("blocker=false").blocker).toBe(false);
  });

  it("always keeps the required columns, in canonical order", () => {
    expect(parseRegisterQuery("cols=updatedAt,severity").cols).toEqual(["key", "title", "severity", "updatedAt"]);
  });

  it("accepts URLSearchParams as well as strings", () => {
    expect(parseRegisterQuery(new URLSearchParams("status=done")).status).toEqual(["done"]);
  });
});

describe("serializeRegisterQuery", () => {
  it("leaves out defaults, so the plain register has a bare URL", () => {
    expect(serializeRegisterQuery(DEFAULT_STATE)).toBe("");
  });

  it("writes readable comma-separated lists", () => {
    const query = serializeRegisterQuery({ ...DEFAULT_STATE, severity: ["critical", "high"], status: ["open"], sort: { field: "updatedAt", desc: true } });
    expect(query).toBe("severity=critical,high&status=open&sort=-updatedAt");
  });

  it("round-trips every part of the state", () => {
    const state = {
      ...DEFAULT_STATE,
      q: "a&b=c ü",
      kind: ["task" as const],
      phase: ["none"],
      owner: ["o_1", "o-2"],
      label: ["needs review"],
      blocker: false,
      sort: { field: "dueDate" as const, desc: false },
      cols: normalizeColumns(["key", "title", "effort", "labels"]),
    };
    expect(parseRegisterQuery(serializeRegisterQuery(state))).toEqual(state);
  });

  it("trims the search and omits an empty one", () => {
    expect(serializeRegisterQuery({ ...DEFAULT_STATE, q: "   " })).toBe("");
    expect(serializeRegisterQuery({ ...DEFAULT_STATE, q: " x " })).toBe("q=x");
  });
});

describe("toApiQuery", () => {
  it("is accepted by the API's own query schema and never sends columns", () => {
    const state = parseRegisterQuery("severity=critical,high&status=open,in_progress&phase=none&blocker=true&q=x&cols=key,title&sort=-severity&label=a,b");
    const query = toApiQuery(state);
    expect(query).not.toContain("cols");
    const parsed = itemListQuery.parse(Object.fromEntries(new URLSearchParams(query)));
    expect(parsed).toMatchObject({ q: "x", severity: ["critical", "high"], status: ["open", "in_progress"], phase: ["none"], blocker: true, sort: "-severity", label: ["a", "b"], limit: 100 });
  });

  it("always names the sort, so the API and the table agree", () => {
    expect(toApiQuery(DEFAULT_STATE)).toBe("sort=key&limit=100");
  });

  it("appends an encoded cursor for the next page", () => {
    expect(withCursor("sort=key", null)).toBe("sort=key");
    expect(withCursor("sort=key", "a+b/c=")).toBe("sort=key&cursor=a%2Bb%2Fc%3D");
  });
});

describe("sorting", () => {
  it("sorts ascending by a new column and flips direction on the same one", () => {
    const byTitle = toggleSort({ field: "key", desc: false }, "title");
    expect(byTitle).toEqual({ field: "title", desc: false });
    expect(toggleSort(byTitle, "title")).toEqual({ field: "title", desc: true });
    expect(toggleSort({ field: "title", desc: true }, "title")).toEqual({ field: "title", desc: false });
  });

  it("maps the sort to aria-sort values", () => {
    expect(ariaSort({ field: "status", desc: false }, "status")).toBe("ascending");
    expect(ariaSort({ field: "status", desc: true }, "status")).toBe("descending");
    expect(ariaSort({ field: "status", desc: true }, "severity")).toBe("none");
    expect(ariaSort({ field: "status", desc: true }, null)).toBe("none");
  });
});

describe("columns", () => {
  it("shows and hides optional columns but never the required ones", () => {
    expect(toggleColumn(DEFAULT_COLUMNS, "kind")).toContain("kind");
    expect(toggleColumn(DEFAULT_COLUMNS, "severity")).not.toContain("severity");
    expect(toggleColumn(DEFAULT_COLUMNS, "title")).toEqual(DEFAULT_COLUMNS);
  });

  it("keeps canonical order whatever the order of clicks", () => {
    expect(toggleColumn(["key", "title"], "updatedAt")).toEqual(["key", "title", "updatedAt"]);
    expect(toggleColumn(["key", "title", "updatedAt"], "severity")).toEqual(["key", "title", "severity", "updatedAt"]);
  });
});

describe("filters", () => {
  it("counts and clears filters, keeping sort and columns", () => {
    const state = parseRegisterQuery("severity=low&q=x&blocker=true&sort=-title&cols=key,title");
    expect(activeFilterCount(state)).toBe(3);
    const cleared = clearFilters(state);
    expect(activeFilterCount(cleared)).toBe(0);
    expect(cleared.sort).toEqual({ field: "title", desc: true });
    expect(cleared.cols).toEqual(["key", "title"]);
  });

  it("toggles one value of a list", () => {
    expect(toggleValue(["a", "b"], "a")).toEqual(["b"]);
    expect(toggleValue(["a"], "b")).toEqual(["a", "b"]);
  });

  it("parses typed label lists", () => {
    expect(parseLabelList(" security, api ,,security ")).toEqual(["security", "api"]);
  });
});

describe("sameView", () => {
  it("treats equivalent queries as the same view", () => {
    expect(sameView("status=open&severity=high", "?severity=high&status=open&sort=key")).toBe(true);
    expect(sameView("status=open", "status=done")).toBe(false);
  });
});

describe("parseRefusals", () => {
  it("reads the per-item reasons of a refused bulk edit", () => {
    expect(parseRefusals({ refused: [{ key: "OCC-3", code: "blocked_by_open_items", reason: "Can’t mark done while OCC-1 is open" }] })).toEqual([
      { key: "OCC-3", code: "blocked_by_open_items", reason: "Can’t mark done while OCC-1 is open" },
    ]);
  });

  it("skips anything malformed", () => {
    expect(parseRefusals(undefined)).toEqual([]);
    expect(parseRefusals([{ path: "keys", message: "x" }])).toEqual([]);
    expect(parseRefusals({ refused: [null, { code: "x" }, { key: "OCC-1" }] })).toEqual([{ key: "OCC-1", code: "refused", reason: "This item cannot take this change." }]);
  });
});
