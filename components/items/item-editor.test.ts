import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ItemDto } from "@/lib/validation/item";
import { editableOf, ItemEditor } from "./item-editor";

const item: ItemDto = {
  id: "i1",
  key: "OCC-12",
  number: 12,
  title: "Session cookie lacks Secure flag",
  description: "Set **Secure** on the session cookie.",
  kind: "finding",
  severity: "high",
  status: "in_progress",
  blocker: true,
  phase: { id: "p1", name: "Phase 1" },
  owner: { id: "o1", name: "Max", kind: "member" },
  effort: "2d",
  dueDate: "2025-07-01",
  impact: "",
  reproSteps: "",
  rootCause: "",
  recommendedFix: "",
  fixPrUrl: "https://github.com/org/repo/pull/7",
  files: ["lib/auth/cookies.ts"],
  auditRefs: [],
  acceptanceCriteria: "",
  verificationCommand: null,
  labels: ["security"],
  externalId: null,
  position: 0,
  version: 3,
  createdAt: "2025-06-01T10:00:00.000Z",
  updatedAt: "2025-06-02T10:00:00.000Z",
  closedAt: null,
  blockedBy: [{ key: "OCC-3", status: "open" }],
  blocks: [{ key: "OCC-20", status: "blocked" }],
};

function render(canEdit: boolean) {
  const client = new QueryClient();
  return renderToStaticMarkup(createElement(QueryClientProvider, { client }, createElement(ItemEditor, { workspace: "acme", project: "web", item, canEdit })));
}

describe("ItemEditor", () => {
  it("maps an item to the fields PATCH takes", () => {
    expect(editableOf(item)).toMatchObject({ phaseId: "p1", ownerId: "o1", dueDate: "2025-07-01", blockedBy: ["OCC-3"] });
  });

  it("shows every field read-only to viewers, with no form controls and no h1", () => {
    const html = render(false);
    expect(html).toContain("Session cookie lacks Secure flag");
    expect(html).toContain("<strong>Secure</strong>");
    expect(html).toContain("lib/auth/cookies.ts");
    expect(html).toContain('href="/acme/projects/web/items/OCC-3"');
    expect(html).toContain("OCC-20");
    expect(html).not.toContain("<select");
    expect(html).not.toContain("<textarea");
    expect(html).not.toContain("Save changes");
    expect(html).not.toContain("<h1");
  });

  it("gives editors inputs and a Save button", () => {
    const html = render(true);
    expect(html).toContain('value="Session cookie lacks Secure flag"');
    expect(html).toContain("<select");
    expect(html).toContain("Save changes");
    expect(html).not.toContain("<h1");
  });
});
