import type { RegisterItem } from "@/lib/domain/exchange/register-json";

/** A register item (readyroom.register v1) numbered `n`, with empty fields, for exchange tests. */
export function makeRegisterItem(n: number, patch: Partial<RegisterItem> = {}): RegisterItem {
  return {
    number: n,
    key: `OCC-${n}`,
    externalId: null,
    title: "x",
    description: "",
    kind: "task",
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
    position: 0,
    closedAt: null,
    evidence: [],
    ...patch,
  };
}
