import { z } from "zod";
import { decisionOutcome } from "./gate";

export const trendQuery = z.strictObject({
  days: z.coerce.number().int().min(7).max(365).default(90).meta({ description: "How many days back, today included." }),
});
export type TrendQuery = z.infer<typeof trendQuery>;

const day = z.string().meta({ format: "date" });
const counts = z.record(z.string(), z.number().int());

export const trendOutput = z
  .object({
    days: z
      .array(
        z.object({
          day,
          total: z.number().int(),
          open: z.number().int(),
          closed: z.number().int(),
          openBySeverity: counts.meta({ description: "Open items by severity: critical, high, medium, low." }),
          byStatus: counts.meta({ description: "Every item by status." }),
          recommendation: decisionOutcome.nullable().meta({ description: "The first gate's recommendation that day; null without a gate." }),
        }),
      )
      .meta({ description: "One snapshot per UTC day, oldest first; days without a snapshot are missing." }),
    forecast: z
      .object({
        gate: z.object({ id: z.string(), name: z.string(), targetDate: day.nullable() }),
        recommendation: decisionOutcome,
        date: day.nullable().meta({ description: "When Go could be reached at the recent rate; null when nothing was closed in the window." }),
        ratePerDay: z.number(),
        remaining: z.number().int().meta({ description: "Items standing between the gate and Go." }),
        windowDays: z.number().int(),
        method: z.string().meta({ description: "One sentence explaining the method and the numbers." }),
        unmetOtherCriteria: z.number().int().meta({ description: "Manual and check criteria not passing yet, which the forecast cannot see." }),
      })
      .nullable()
      .meta({ description: "For the project's first gate; null when it has none." }),
  })
  .meta({ id: "ProjectTrend" });
