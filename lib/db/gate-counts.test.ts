import { describe, expect, it } from "vitest";
import { breakingCountsSql } from "./gate-counts";

describe("the gate's aggregate count statement", () => {
  it("counts every rule in one statement, scoped to the workspace and project, with every value bound", () => {
    const { sql, params } = breakingCountsSql("ws_1", "proj_1", [
      { type: "no_open_items", filter: { severity: ["critical", "high"], label: ["x'); DROP TABLE \"Item\"; --"] } },
      { type: "all_done_or_deferred", filter: { phase: "ph_3" } },
      { type: "all_have_evidence", filter: { kind: ["finding"] } },
      { type: "max_open_items", filter: {}, max: 3 },
    ]);
    expect(sql.match(/count\(\*\) FILTER/g)).toHaveLength(4);
    expect(sql).toContain(`WHERE i."workspaceId" = $1::text AND i."projectId" = $2::text`);
    // The evidence join is scoped too.
    expect(sql).toContain(`ev."workspaceId" = $1::text AND ev."projectId" = $2::text`);
    expect(params.slice(0, 2)).toEqual(["ws_1", "proj_1"]);
    // No value is spliced into the text, and every parameter is used.
    expect(sql).not.toContain("DROP");
    expect(sql).not.toContain("ph_3");
    const used = new Set([...sql.matchAll(/\$(\d+)::text/g)].map((m) => Number(m[1])));
    expect([...used].sort((a, b) => a - b)).toEqual(params.map((_, i) => i + 1));
  });

  it("joins the evidence only when a rule needs it", () => {
    expect(breakingCountsSql("w", "p", [{ type: "no_open_blockers", filter: {} }]).sql).not.toContain("Evidence");
  });
});
