import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { getProjectInWorkspace } from "../projects/get-project";

export async function listGates({ ctx, projectSlug }: { ctx: WorkspaceContext; projectSlug: string }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const gates = await ctx.db.gate.findMany({
    where: { projectId: project.id },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    include: {
      criteria: { orderBy: { position: "asc" }, select: { id: true, title: true, type: true, required: true, position: true } },
      decisions: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true, outcome: true, createdAt: true } },
    },
  });
  return gates.map((g) => ({
    id: g.id,
    name: g.name,
    description: g.description,
    targetDate: g.targetDate?.toISOString() ?? null,
    criteria: g.criteria,
    lastDecision: g.decisions[0] ? { id: g.decisions[0].id, outcome: g.decisions[0].outcome, at: g.decisions[0].createdAt.toISOString() } : null,
  }));
}
