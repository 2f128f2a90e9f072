import { z } from "zod";
import { withWorkspace } from "@/lib/auth/workspace";
import { readQuery } from "@/lib/http/body";
import { getProjectTrend } from "@/lib/services/trends/get-project-trend";

type Params = { ws: string; project: string };

const trendQuery = z.strictObject({ days: z.coerce.number().int().min(7).max(365).default(90) });

/** Daily snapshots (open items by severity and status, the gate's recommendation) and a forecast date for Go. */
export const GET = withWorkspace<Params>(
  async ({ req, ctx, params }) => Response.json(await getProjectTrend({ ctx, projectSlug: params.project, days: readQuery(req, trendQuery).days })),
  { permission: "projects.read" },
);
