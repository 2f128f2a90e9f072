import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ItemDto } from "@/lib/validation/item";
import { makeItemDto } from "@/test/item-dto";
import { DEFAULT_COLUMNS } from "./register-query";
import { RegisterTable } from "./register-table";

function makeItem(n: number, patch: Partial<ItemDto> = {}): ItemDto {
  return makeItemDto(n, { id: `i${n}`, kind: "task", ...patch });
}

const rows = Array.from({ length: 5000 }, (_, i) => makeItem(i + 1));
rows[0] = makeItem(1, { blocker: true, labels: ["security"], owner: { id: "o1", name: "Max", kind: "member" }, severity: "critical" });

function render(selectable: boolean, refusals = new Map<string, string>()) {
  return renderToStaticMarkup(
    createElement(RegisterTable, {
      workspace: "acme",
      project: "web",
      rows,
      total: 12000,
      cols: [...DEFAULT_COLUMNS],
      sort: { field: "updatedAt", desc: true },
      onSort: () => undefined,
      selectable,
      selected: new Set(["OCC-2"]),
      onToggle: () => undefined,
      onToggleAll: () => undefined,
      refusals,
      hasNextPage: true,
      isFetchingNextPage: false,
      nextPageFailed: false,
      fetchNextPage: () => undefined,
    }),
  );
}

describe("RegisterTable", () => {
  it("renders only the rows in view out of thousands", () => {
    const html = render(true);
    const count = (html.match(/<tr aria-rowindex=/g) ?? []).length;
    expect(count).toBeGreaterThan(5);
    expect(count).toBeLessThan(60);
    expect(html).toContain('aria-rowcount="12001"');
    expect(html).toContain('href="/acme/projects/web/items/OCC-1"');
  });

  it("marks the sorted column with aria-sort and leaves unsortable ones without it", () => {
    const html = render(false);
    expect(html).toMatch(/<th scope="col" aria-sort="descending"[^>]*><button[^>]*>Updated/);
    expect(html).toMatch(/<th scope="col" aria-sort="none"[^>]*><button[^>]*>Title/);
    expect(html).toMatch(/<th scope="col" class="[^"]*">Labels<\/th>/);
  });

  it("has checkboxes only when the viewer may edit", () => {
    expect(render(true)).toContain('aria-label="Select OCC-1"');
    expect(render(true)).toContain("Select all 5000 loaded items");
    expect(render(false)).not.toContain('type="checkbox"');
  });

  it("shows a refusal reason on its row", () => {
    const html = render(true, new Map([["OCC-1", "Can’t mark done while OCC-3 is open"]]));
    expect(html).toContain("refused: Can’t mark done while OCC-3 is open");
  });
});
