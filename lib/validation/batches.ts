import { z } from "zod";
import { ITEM_STATUSES, itemKey } from "./item";

/** The most items one plan takes: batching compares every item's files with every batch's. */
export const MAX_BATCH_ITEMS = 2000;
/** The most keys a selection names in the query string. */
export const MAX_BATCH_KEYS = 500;

const flag = z.enum(["true", "false"]).transform((v) => v === "true");

/**
 * What to batch, as URL query parameters: one phase (its id, or `none` for
 * items in no phase), or a comma-separated list of item keys, or neither for
 * every item of the project. Done and won't-fix items are left out unless
 * `includeDone=true`; `phaseOrder=true` also makes an item wait for the items
 * of the phases its phase depends on.
 */
export const batchPlanQuery = z
  .strictObject({
    phase: z.string().trim().min(1).max(64).optional(),
    items: z
      .string()
      .transform((v) => [...new Set(v.split(",").map((s) => s.trim().toUpperCase()).filter(Boolean))])
      .pipe(z.array(itemKey).min(1, "names no item key").max(MAX_BATCH_KEYS, `names more than ${MAX_BATCH_KEYS} keys`))
      .optional(),
    includeDone: flag.default(false),
    phaseOrder: flag.default(false),
  })
  .refine((v) => v.phase === undefined || v.items === undefined, { message: "choose a phase or a list of items, not both", path: ["items"] });
export type BatchPlanQuery = z.infer<typeof batchPlanQuery>;

const phaseRef = z.object({ id: z.string(), name: z.string() });

export const batchItemOutput = z.object({
  key: z.string(),
  title: z.string(),
  status: z.enum(ITEM_STATUSES),
  files: z.array(z.string()),
  phase: phaseRef.nullable(),
  /** Open items outside the selection that block this one: not part of this run, so not waited for here. */
  blockedOutside: z.array(z.object({ key: z.string(), status: z.enum(ITEM_STATUSES) })),
});
export type BatchItemOutput = z.infer<typeof batchItemOutput>;

/**
 * Why `key` could not join a batch: it shares `file` with `with`, which is in
 * that batch, or it waits for `with` — an item dependency (`via: "item"`) or,
 * with `phaseOrder`, because its phase runs after the phase of `with`
 * (`via: "phase"`).
 */
export const batchConflictOutput = z.object({
  key: z.string(),
  with: z.string(),
  reason: z.enum(["file", "dependency"]),
  file: z.string().optional(),
  via: z.enum(["item", "phase"]).optional(),
});
export type BatchConflictOutput = z.infer<typeof batchConflictOutput>;

export const batchPlanOutput = z.object({
  selection: z.object({
    kind: z.enum(["all", "phase", "items"]),
    phase: phaseRef.nullable(),
    /** `phase=none`: the items in no phase. */
    unphased: z.boolean(),
    keys: z.array(z.string()),
    includeDone: z.boolean(),
    phaseOrder: z.boolean(),
  }),
  /** How many items were planned, and how many of them list no file (they conflict with nothing). */
  totals: z.object({ items: z.number(), withoutFiles: z.number(), dependencies: z.number() }),
  batches: z.array(
    z.object({
      /** 1-based, as plans number their batches. */
      number: z.number(),
      items: z.array(batchItemOutput),
      /** What kept items out of this batch: why each item of the next batch (and any pushed further) could not run in this one. */
      deferred: z.array(batchConflictOutput),
    }),
  ),
  unplaceable: z.array(z.object({ key: z.string(), title: z.string(), reason: z.string() })),
  /** The computed batches checked again (validateBatches): no shared file within a batch, every dependency earlier. */
  check: z.object({ valid: z.boolean(), fileConflicts: z.number(), problems: z.array(z.string()) }),
  /**
   * The project's own grouping — each phase a batch, in phase order — checked
   * the same way, when the selection spans more than one phase. Items in no
   * phase are left out of it (`unphased` counts them).
   */
  phaseGrouping: z
    .object({
      groups: z.array(z.object({ phase: phaseRef, keys: z.array(z.string()) })),
      unphased: z.number(),
      valid: z.boolean(),
      problems: z.array(z.string()),
    })
    .nullable(),
}).meta({ id: "BatchPlan" });
export type BatchPlanOutput = z.infer<typeof batchPlanOutput>;
