import { z } from "zod";

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
