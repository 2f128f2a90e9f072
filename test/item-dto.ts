import type { ItemDto } from "@/lib/validation/item";

/** An item as the API returns it, numbered `n`, for component and model tests. */
export function makeItemDto(n: number, patch: Partial<ItemDto> = {}): ItemDto {
  return {
    id: `item${n}`,
    key: `OCC-${n}`,
    number: n,
    title: `Item ${n}`,
    description: "",
    kind: "finding",
    severity: "medium",
    status: "open",
    blocker: false,
    phase: null,
    owner: null,
    effort: null,
    dueDate: null,
    impact: "",
    reproSteps: "",
    rootCause: "",
    recommendedFix: "",
    fixPrUrl: null,
    files: [],
    auditRefs: [],
    acceptanceCriteria: "",
    verificationCommand: null,
    labels: [],
    externalId: null,
    position: n,
    version: 1,
    createdAt: "2025-06-01T10:00:00.000Z",
    updatedAt: "2025-06-01T10:00:00.000Z",
    closedAt: null,
    blockedBy: [],
    blocks: [],
    ...patch,
  };
}
