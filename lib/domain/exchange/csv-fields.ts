/**
 * The register fields a CSV column can be mapped to, and the presets a file
 * can be read with. No dependencies, so the import page shares them with the
 * server (lib/domain/exchange/register-csv.ts reads and writes the files).
 */
export const CSV_FIELDS = [
  "key",
  "externalId",
  "title",
  "description",
  "kind",
  "severity",
  "status",
  "blocker",
  "phase",
  "owner",
  "effort",
  "dueDate",
  "labels",
  "files",
  "auditRefs",
  "impact",
  "reproSteps",
  "rootCause",
  "recommendedFix",
  "fixPrUrl",
  "acceptanceCriteria",
  "verificationCommand",
  "blockedBy",
  "position",
  "closedAt",
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

/** Fields several columns may feed (their values are added up); every other field takes one column at most. */
export const MULTI_COLUMN_FIELDS: readonly CsvField[] = ["labels", "files", "auditRefs"];

export const CSV_FIELD_LABELS: Record<CsvField, string> = {
  key: "Key (matches by number)",
  externalId: "External id (matches on re-import)",
  title: "Title",
  description: "Description",
  kind: "Kind",
  severity: "Severity",
  status: "Status",
  blocker: "Blocker",
  phase: "Phase",
  owner: "Owner",
  effort: "Effort",
  dueDate: "Due date",
  labels: "Labels",
  files: "Files",
  auditRefs: "Audit refs",
  impact: "Impact",
  reproSteps: "Repro steps",
  rootCause: "Root cause",
  recommendedFix: "Recommended fix",
  fixPrUrl: "Fix PR",
  acceptanceCriteria: "Acceptance criteria",
  verificationCommand: "Verification command",
  blockedBy: "Blocked by (keys)",
  position: "Board position",
  closedAt: "Closed at",
};

export const CSV_PRESETS = ["readyroom", "jira", "linear", "github", "custom"] as const;
export type CsvPresetId = (typeof CSV_PRESETS)[number];

export const CSV_PRESET_NAMES: Record<CsvPresetId, string> = {
  readyroom: "Readyroom export",
  jira: "Jira",
  linear: "Linear",
  github: "GitHub issues / projects",
  custom: "Other CSV",
};
