import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { getProjectInWorkspace } from "../projects/get-project";

export async function listGates({ ctx, projectSlug }: { ctx: WorkspaceContext; projectSlug: string }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const gates = await ctx.db.gate.findMany({
    where: { projectId: project.id },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    include: {
      approvers: { select: { userId: true } },
      criteria: { orderBy: { position: "asc" }, select: { id: true, title: true, description: true, type: true, required: true, position: true, rule: true } },
      decisions: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true, outcome: true, createdAt: true } },
    },
  });
  // Approvers count only while they are owners or admins (docs/decisions/0007).
  const deciders = new Set(
    (await ctx.db.membership.findMany({ where: { userId: { in: gates.flatMap((g) => g.approvers.map((a) => a.userId)) }, role: { in: [...PERMISSIONS["gates.decide"]] } }, select: { userId: true } })).map((m) => m.userId),
  );
  return gates.map((g) => ({
    id: g.id,
    name: g.name,
    description: g.description,
    targetDate: g.targetDate?.toISOString() ?? null,
    approverIds: g.approvers.map((a) => a.userId).filter((id) => deciders.has(id)),
    requiredApprovals: g.requiredApprovals,
    criteria: g.criteria,
    lastDecision: g.decisions[0] ? { id: g.decisions[0].id, outcome: g.decisions[0].outcome, at: g.decisions[0].createdAt.toISOString() } : null,
  }));
}
