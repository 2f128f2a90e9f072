import { withWorkspace } from "@/lib/auth/workspace";
import { readQuery } from "@/lib/http/body";
import { getProjectTrend } from "@/lib/services/trends/get-project-trend";
import { trendOutput, trendQuery } from "@/lib/validation/trend";

type Params = { ws: string; project: string };

/** Daily snapshots (open items by severity and status, the gate's recommendation) and a forecast date for Go. */
export const GET = withWorkspace<Params>(
  async ({ req, ctx, params }) => Response.json(trendOutput.parse(await getProjectTrend({ ctx, projectSlug: params.project, days: readQuery(req, trendQuery).days }))),
  { permission: "projects.read" },
);
