import type { BatchConflictOutput, BatchItemOutput } from "@/lib/validation/batches";

/** What the batches page plans, as its URL says: a phase (id or "none"), chosen item keys, or everything. */
export interface BatchSelection {
  phase: string | null;
  items: string[];
  includeDone: boolean;
  phaseOrder: boolean;
}

export function readSelection(params: URLSearchParams): BatchSelection {
  const phase = params.get("phase")?.trim() || null;
  const items = [...new Set((params.get("items") ?? "").split(",").map((k) => k.trim().toUpperCase()).filter(Boolean))];
  return { phase: items.length ? null : phase, items, includeDone: params.get("includeDone") === "true", phaseOrder: params.get("phaseOrder") === "true" };
}

/** The query string of a selection, for the page's URL and the API alike (only what differs from the defaults). */
export function selectionQuery(selection: BatchSelection): string {
  const params = new URLSearchParams();
  if (selection.items.length) params.set("items", selection.items.join(","));
  else if (selection.phase) params.set("phase", selection.phase);
  if (selection.includeDone) params.set("includeDone", "true");
  if (selection.phaseOrder) params.set("phaseOrder", "true");
  return params.toString();
}

export interface WaitReason {
  key: string;
  reasons: string[];
}

const list = (values: string[]) => (values.length <= 2 ? values.join(" and ") : `${values.slice(0, -1).join(", ")} and ${values.at(-1)}`);

/**
 * The conflicts that pushed items out of one batch, one line per item that
 * waited: "shares server/auth.js with IMP-2", "is blocked by IMP-3", "its
 * phase runs after “Phase 1” (IMP-1, IMP-5)". Items in first-conflict order;
 * files shared with the same item are named together.
 */
export function waitReasons(deferred: BatchConflictOutput[], items: Map<string, BatchItemOutput>): WaitReason[] {
  const byKey = new Map<string, { files: Map<string, string[]>; blockers: string[]; phases: Map<string, string[]> }>();
  for (const c of deferred) {
    let entry = byKey.get(c.key);
    if (!entry) byKey.set(c.key, (entry = { files: new Map(), blockers: [], phases: new Map() }));
    if (c.reason === "file") {
      const files = entry.files.get(c.with) ?? [];
      if (c.file && !files.includes(c.file)) files.push(c.file);
      entry.files.set(c.with, files);
    } else if (c.via === "phase") {
      const phase = items.get(c.with)?.phase?.name ?? "an earlier phase";
      const keys = entry.phases.get(phase) ?? [];
      if (!keys.includes(c.with)) keys.push(c.with);
      entry.phases.set(phase, keys);
    } else if (!entry.blockers.includes(c.with)) {
      entry.blockers.push(c.with);
    }
  }
  return [...byKey].map(([key, entry]) => ({
    key,
    reasons: [
      ...[...entry.files].map(([other, files]) => `shares ${files.length ? list(files) : "a file"} with ${other}`),
      ...(entry.blockers.length ? [`is blocked by ${list(entry.blockers)}`] : []),
      ...[...entry.phases].map(([phase, keys]) => `its phase runs after “${phase}” (${keys.join(", ")})`),
    ],
  }));
}
