import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { queryKeys } from "@/lib/client/query-keys";
import type { ItemDto, ItemListDto } from "@/lib/validation/item";
import { parseRegisterQuery, toApiQuery } from "./register-query";
import { Register } from "./register";

const SEARCH = "severity=critical,high&sort=-updatedAt";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ push: () => undefined, replace: () => undefined, refresh: () => undefined }),
  usePathname: () => "/acme/projects/web/register",
  useSearchParams: () => new URLSearchParams(SEARCH),
}));

const item = { id: "i1", key: "WEB-1", title: "Rate limit the login endpoint", description: "", kind: "finding", severity: "critical", status: "open", blocker: true, phase: null, owner: null, effort: null, dueDate: null, labels: ["security"], version: 1, createdAt: "2025-06-01T10:00:00.000Z", updatedAt: "2025-06-01T10:00:00.000Z", blockedBy: [], blocks: [] } as unknown as ItemDto;

function render(canEdit: boolean, page: ItemListDto | null) {
  const client = new QueryClient();
  if (page) {
    const key = queryKeys.items("acme", "web", `register:${toApiQuery(parseRegisterQuery(SEARCH))}`);
    client.setQueryData(key, { pages: [page], pageParams: [null] });
  }
  return renderToStaticMarkup(createElement(QueryClientProvider, { client }, createElement(Register, { workspace: "acme", project: "web", canEdit })));
}

describe("Register", () => {
  it("shows a skeleton until the first page arrives", () => {
    expect(render(true, null)).toContain('aria-label="Loading items"');
  });

  it("renders the filters from the URL and the loaded rows", () => {
    const html = render(true, { data: [item], total: 1, nextCursor: null });
    expect(html).toContain("Rate limit the login endpoint");
    expect(html).toMatch(/Severity<span aria-hidden="true"[^>]*>2<\/span><span class="sr-only">, 2 selected<\/span>/);
    expect(html).toContain("New item");
    expect(html).toContain('aria-label="Select WEB-1"');
    expect(html).toContain("Clear filters");
  });

  it("gives viewers no checkboxes and no New item button", () => {
    const html = render(false, { data: [item], total: 1, nextCursor: null });
    expect(html).toContain("Rate limit the login endpoint");
    expect(html).not.toContain("New item");
    expect(html).not.toContain('type="checkbox"');
  });

  it("says when nothing matches the filters", () => {
    expect(render(true, { data: [], total: 0, nextCursor: null })).toContain("No items match");
  });
});
