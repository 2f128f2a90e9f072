import { z } from "zod";
import { name } from "./common";

const text = z.string().max(20_000);
const id = z.string().min(1).max(64);

export const createPhaseInput = z.strictObject({
  name,
  objective: text.default(""),
  deliverables: text.default(""),
  acceptanceCriteria: text.default(""),
  exitCriteria: text.default(""),
  risks: text.default(""),
  estimate: z.string().trim().max(100).nullable().default(null),
  estimateDays: z.number().finite().min(0).max(10_000).nullable().default(null),
  defaultOwnerId: id.nullable().default(null),
  /** Ids of phases this one depends on. */
  dependsOn: z.array(id).max(100).default([]),
  /** 0-based position; default: last. */
  position: z.number().int().min(0).max(10_000).optional(),
});
export type CreatePhaseInput = z.infer<typeof createPhaseInput>;

export const updatePhaseInput = z
  .strictObject({
    name: name.optional(),
    objective: text.optional(),
    deliverables: text.optional(),
    acceptanceCriteria: text.optional(),
    exitCriteria: text.optional(),
    risks: text.optional(),
    estimate: z.string().trim().max(100).nullable().optional(),
    estimateDays: z.number().finite().min(0).max(10_000).nullable().optional(),
    defaultOwnerId: id.nullable().optional(),
    dependsOn: z.array(id).max(100).optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Send at least one field to change.");
export type UpdatePhaseInput = z.infer<typeof updatePhaseInput>;

const severityCounts = z.object({ critical: z.number(), high: z.number(), medium: z.number(), low: z.number() });

export const phaseOutput = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number(),
  objective: z.string(),
  deliverables: z.string(),
  acceptanceCriteria: z.string(),
  exitCriteria: z.string(),
  risks: z.string(),
  estimate: z.string().nullable(),
  estimateDays: z.number().nullable(),
  defaultOwner: z.object({ id: z.string(), name: z.string() }).nullable(),
  dependsOn: z.array(z.string()),
  progress: z.object({ total: z.number(), done: z.number(), open: severityCounts, all: severityCounts }),
  critical: z.boolean(),
}).meta({ id: "Phase", description: "A phase with its progress (done of total, and items by severity: open ones and all) and whether it is on the critical path." });
export type PhaseOutput = z.infer<typeof phaseOutput>;

/** The project's phases in order, and the critical path computed from their estimates. */
export const phaseListOutput = z.object({
  data: z.array(phaseOutput),
  criticalPath: z.object({ phaseIds: z.array(z.string()), totalDays: z.number() }).meta({ description: "The longest chain of dependencies by estimateDays; empty when no phase has an estimate." }),
});
