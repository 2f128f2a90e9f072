import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { queryKeys } from "@/lib/client/query-keys";
import type { BatchItemOutput, BatchPlanOutput } from "@/lib/validation/batches";
import { BatchesView } from "./batches-view";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ push: () => undefined, replace: () => undefined, refresh: () => undefined }),
  usePathname: () => "/acme/projects/web/batches",
  useSearchParams: () => new URLSearchParams(""),
}));

const item = (key: string, files: string[], phase: string | null = null): BatchItemOutput => ({
  key,
  title: `Title of ${key}`,
  status: "open",
  files,
  phase: phase ? { id: phase, name: `Phase ${phase}` } : null,
  blockedOutside: [],
});

const basePlan: BatchPlanOutput = {
  selection: { kind: "all", phase: null, unphased: false, keys: [], includeDone: false, phaseOrder: false },
  totals: { items: 3, withoutFiles: 0, dependencies: 0 },
  batches: [
    { number: 1, items: [item("IMP-2", ["server/auth.js"], "p1"), item("IMP-3", ["lib/a.ts"], "p2")], deferred: [{ key: "IMP-4", with: "IMP-2", reason: "file", file: "server/auth.js" }] },
    { number: 2, items: [item("IMP-4", ["server/auth.js", "server/db.js"], "p1")], deferred: [] },
  ],
  unplaceable: [],
  check: { valid: true, fileConflicts: 0, problems: [] },
  phaseGrouping: {
    groups: [
      { phase: { id: "p1", name: "Phase p1" }, keys: ["IMP-2", "IMP-4"] },
      { phase: { id: "p2", name: "Phase p2" }, keys: ["IMP-3"] },
    ],
    unphased: 0,
    valid: false,
    problems: ['Phase “Phase p1”: "IMP-2" and "IMP-4" both touch server/auth.js.'],
  },
};

function render(plan: BatchPlanOutput | null) {
  const client = new QueryClient();
  if (plan) client.setQueryData([...queryKeys.project("acme", "web"), "batches", ""], plan);
  return renderToStaticMarkup(createElement(QueryClientProvider, { client }, createElement(BatchesView, { workspace: "acme", project: "web" })));
}

describe("BatchesView", () => {
  it("shows the columns' skeleton until the plan arrives", () => {
    const html = render(null);
    expect(html).toContain('data-testid="batches-loading"');
    expect(html).toContain("Planning the batches…");
  });

  it("draws each batch as a column of cards, the proof line, and why the split was needed", () => {
    const html = render(basePlan);
    expect(html.match(/data-testid="batch-column"/g)).toHaveLength(2);
    expect(html).toContain(">Batch 1</h3>");
    expect(html).toContain(">Batch 2</h3>");
    expect(html).toContain("3 open items in 2 batches (the project’s phases use 2)");
    expect(html).toContain("No file conflicts within any batch.");
    expect(html).toMatch(/href="\/acme\/projects\/web\/items\/IMP-4"[^>]*>IMP-4<\/a> waits: shares server\/auth\.js with IMP-2\./);
    expect(html).toContain("Title of IMP-3");
    expect(html).toContain("server/db.js");
    // Cards carry their phase when the plan spans several.
    expect(html).toContain("Phase p2");
    expect(html).toContain("Not valid as batches: 1 problem.");
    expect(html).toContain("both touch server/auth.js.");
  });

  it("says so in place when the plan fails its own check or cannot place an item", () => {
    const html = render({
      ...basePlan,
      check: { valid: false, fileConflicts: 1, problems: ['Batch 1: "IMP-2" and "IMP-3" both touch x.'] },
      unplaceable: [{ key: "IMP-9", title: "Loop", reason: "part of dependency cycle IMP-9 → IMP-9" }],
    });
    expect(html).not.toContain("No file conflicts within any batch.");
    expect(html).toContain("The plan failed its own check.");
    expect(html).toContain("1 item could not be placed.");
    expect(html).toContain("Loop: part of dependency cycle IMP-9 → IMP-9.");
  });

  it("explains a plan without files, and an empty selection", () => {
    const noFiles = render({ ...basePlan, totals: { items: 3, withoutFiles: 3, dependencies: 0 } });
    expect(noFiles).toContain("None of these items lists the files it touches.");
    const empty = render({ ...basePlan, totals: { items: 0, withoutFiles: 0, dependencies: 0 }, batches: [], phaseGrouping: null });
    expect(empty).toContain("No items to batch yet");
    expect(empty).toContain('href="/acme/projects/web/import"');
    expect(empty).not.toContain('data-testid="batch-column"');
  });
});
