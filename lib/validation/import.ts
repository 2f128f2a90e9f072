import { z } from "zod";
import { ITEM_STATUSES } from "./item";

/** The largest plan an import takes (a plan is text: 2 MB is several thousand items). */
export const MAX_PLAN_BYTES = 2_000_000;

export const importPlanInput = z.strictObject({
  format: z.literal("markdown").default("markdown"),
  /** The plan's text. */
  source: z.string().min(1, "is empty").max(MAX_PLAN_BYTES, `is larger than ${MAX_PLAN_BYTES} characters`),
  /** The uploaded file's name, kept with the import's record. */
  fileName: z.string().trim().min(1).max(255).nullish(),
  /** The mapping step: headings to read as stages, and plan stages to import into existing phases (stage ref → phase id). */
  mapping: z
    .strictObject({
      stages: z.array(z.string().trim().min(1).max(300)).max(500).default([]),
      phases: z.record(z.string().min(1).max(120), z.string().min(1).max(64)).default({}),
    })
    .default({ stages: [], phases: {} }),
  /** false (the default): only say what would change; true: apply it in one transaction. */
  apply: z.boolean().default(false),
});
export type ImportPlanInput = z.infer<typeof importPlanInput>;
export type ImportMapping = ImportPlanInput["mapping"];

const action = z.enum(["create", "update", "unchanged"]);
const actionCount = z.object({ create: z.number(), update: z.number(), unchanged: z.number() });

const importItemDiff = z.object({
  ref: z.string(),
  title: z.string(),
  /** The item's status after the import: the plan's when it states one, else the item's own. */
  status: z.enum(ITEM_STATUSES),
  action,
  /** The fields an update changes. */
  changes: z.array(z.string()),
});

/**
 * What a Markdown plan import would do (`applied: false`) or did
 * (`applied: true`): the plan's title and overview, text that maps to no
 * field, headings read as no stage, counts of what was read, and by phase what
 * is created, updated and left unchanged.
 */
export const importPlanOutput = z
  .object({
    applied: z.boolean(),
    title: z.string().nullable(),
    overview: z.string(),
    /** Text kept as the project's description rather than mapped to a field. */
    unmapped: z.array(z.object({ at: z.string(), text: z.string() })),
    /** Headings read as no stage: `mapping.stages` can make them stages. */
    otherHeadings: z.array(z.string()),
    report: z.object({ phases: z.number(), items: z.number(), gates: z.number(), criteria: z.number(), owners: z.number(), dependencies: z.number(), unmappedSections: z.number() }),
    diff: z.object({
      phases: z.array(
        z.object({
          ref: z.string(),
          name: z.string(),
          dependsOn: z.array(z.string()),
          owner: z.string().nullable(),
          action,
          changes: z.array(z.string()),
          /** The existing phase it goes into, when the mapping step chose one. */
          into: z.object({ id: z.string(), name: z.string() }).nullable(),
          items: z.array(importItemDiff),
        }),
      ),
      unphasedItems: z.array(importItemDiff),
      owners: z.array(z.object({ name: z.string(), kind: z.enum(["agent", "team"]), action })),
      gates: z.array(
        z.object({
          ref: z.string(),
          name: z.string(),
          criteria: z.array(
            z.object({
              title: z.string(),
              required: z.boolean(),
              type: z.enum(["rule", "manual", "check"]),
              rule: z.object({ type: z.literal("all_done"), filter: z.object({ phaseRef: z.string().optional() }) }).nullable(),
            }),
          ),
          action,
        }),
      ),
      totals: z.object({ phases: actionCount, items: actionCount, gates: actionCount }),
    }),
  })
  .meta({ id: "ImportPreview" });
export type ImportPlanOutput = z.infer<typeof importPlanOutput>;
