/** What the JSON and CSV imports hand to the service that writes them (lib/services/exchange/apply-register.ts). No I/O. */
import type { ItemDto } from "@/lib/validation/item";

export const ITEM_VALUE_FIELDS = [
  "title", "description", "kind", "severity", "status", "blocker", "effort", "dueDate", "impact", "reproSteps", "rootCause",
  "recommendedFix", "fixPrUrl", "files", "auditRefs", "acceptanceCriteria", "verificationCommand", "labels", "position", "closedAt",
] as const;

/** Every user-owned scalar field of an item, as the imports carry it: as the API shows it (`dueDate` YYYY-MM-DD, `closedAt` an ISO timestamp). */
export type ItemValues = Pick<ItemDto, (typeof ITEM_VALUE_FIELDS)[number]>;

export interface IncomingEvidence {
  kind: "link" | "command" | "note" | "file";
  url: string | null;
  command: string | null;
  output: string | null;
  note: string | null;
  filePath: string | null;
  createdAt: string;
  createdBy: string | null;
}

export interface IncomingItem {
  /** Where it is in the file, for messages: "items.3", "row 4". */
  label: string;
  /** The item's number in the file: matched against the project's numbers when no external id matches, kept on create when free. */
  number: number | null;
  externalId: string | null;
  /** Only the fields the file gives; the others are left as they are (or default on create). */
  values: Partial<ItemValues>;
  /** A phase ref of `IncomingRegister.phases`, null for none; absent: left as it is. */
  phase?: string | null;
  /** An owner's name; absent: left as it is. */
  owner?: string | null;
  /** The file numbers of the items that block this one (the whole list); absent: left as it is. */
  blockedBy?: number[];
  evidence?: IncomingEvidence[];
}

export interface IncomingPhase {
  ref: string;
  externalId: string | null;
  name: string;
  values?: {
    position: number;
    objective: string;
    deliverables: string;
    acceptanceCriteria: string;
    exitCriteria: string;
    risks: string;
    estimate: string | null;
    estimateDays: number | null;
  };
  owner?: string | null;
  /** Refs of the phases this one starts after (the whole list); absent: left as it is. */
  dependsOn?: string[];
}

export interface IncomingOwner {
  name: string;
  kind: "member" | "team" | "vendor" | "agent";
  email: string | null;
}

export interface IncomingCriterion {
  title: string;
  description: string;
  type: "rule" | "manual" | "check";
  required: boolean;
  /** With `filter.phase` a phase ref. */
  rule: Record<string, unknown> | null;
  evidence: IncomingEvidence[];
}

export interface IncomingGate {
  externalId: string | null;
  name: string;
  description: string;
  targetDate: string | null;
  position: number;
  requiredApprovals: number;
  approvers: string[];
  criteria: IncomingCriterion[];
}

export interface IncomingRegister {
  owners: IncomingOwner[];
  phases: IncomingPhase[];
  items: IncomingItem[];
  gates: IncomingGate[];
  /** Written to the project when its description is empty. */
  description: string | null;
}
