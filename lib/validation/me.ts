import { z } from "zod";
import { workspaceSummaryOutput } from "./workspace";

export const meOutput = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string().nullable(), image: z.string().nullable() }),
  workspaces: z.array(workspaceSummaryOutput),
});
