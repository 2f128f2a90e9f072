import { describe, expect, it } from "vitest";
import type { PortfolioProject } from "@/lib/services/portfolio/get-portfolio";
import { filterProjects, sortProjects } from "./portfolio-view";

function project(name: string, over: Partial<PortfolioProject> = {}): PortfolioProject {
  return { slug: name, name, keyPrefix: "P", gate: null, recommendation: null, lastDecision: null, disagrees: false, openBlockers: 0, openCriticalHigh: 0, progress: { total: 0, closed: 0 }, phases: [], ...over };
}

const go = project("Alpha", { gate: { id: "g1", name: "v1", targetDate: null }, recommendation: { outcome: "go", reason: "" }, progress: { total: 10, closed: 10 } });
const noGo = project("Beta", { gate: { id: "g2", name: "v1", targetDate: null }, recommendation: { outcome: "no_go", reason: "" }, openCriticalHigh: 4, progress: { total: 10, closed: 2 } });
const stale = project("Gamma", { gate: { id: "g3", name: "v1", targetDate: null }, recommendation: { outcome: "no_go", reason: "" }, lastDecision: { outcome: "go", at: "2026-11-01", signedOff: true, approvals: 1, requiredApprovals: 1 }, disagrees: true, progress: { total: 10, closed: 5 } });
const none = project("Delta");

describe("portfolio ordering and filters", () => {
  it("puts out-of-date decisions first, then No-Go, then the rest", () => {
    expect(sortProjects([go, none, noGo, stale], "attention").map((p) => p.name)).toEqual(["Gamma", "Beta", "Alpha", "Delta"]);
  });

  it("sorts by name, by open critical and high items, and by progress", () => {
    expect(sortProjects([noGo, go, stale], "name").map((p) => p.name)).toEqual(["Alpha", "Beta", "Gamma"]);
    expect(sortProjects([go, noGo], "critical")[0]!.name).toBe("Beta");
    expect(sortProjects([go, stale, noGo], "progress").map((p) => p.name)).toEqual(["Beta", "Gamma", "Alpha"]);
  });

  it("filters No-Go, out-of-date and gated projects", () => {
    const all = [go, noGo, stale, none];
    expect(filterProjects(all, "no_go").map((p) => p.name)).toEqual(["Beta", "Gamma"]);
    expect(filterProjects(all, "disagree").map((p) => p.name)).toEqual(["Gamma"]);
    expect(filterProjects(all, "gated")).toHaveLength(3);
    expect(filterProjects(all, "all")).toHaveLength(4);
  });
});
