import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { publishChange } from "@/lib/db/events";
import type { ScopedTx } from "@/lib/db/scoped";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { AppError, NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CreateGateInput, CriterionInput } from "@/lib/validation/gate";
import { recordAuditEvent } from "../audit/record-audit-event";
import { getProjectInWorkspace } from "../projects/get-project";
import { listGates } from "./list-gates";

/** A rule may name a phase: it must be one of this project's. */
export async function assertRulePhases(tx: ScopedTx, projectId: string, criteria: Pick<CriterionInput, "rule">[]) {
  const phaseIds = [...new Set(criteria.map((c) => c.rule?.filter.phase).filter((id): id is string => Boolean(id)))];
  if (phaseIds.length === 0) return;
  const found = new Set((await tx.phase.findMany({ where: { projectId, id: { in: phaseIds } }, select: { id: true } })).map((p) => p.id));
  const index = criteria.findIndex((c) => c.rule?.filter.phase && !found.has(c.rule.filter.phase));
  if (index !== -1) {
    throw new AppError("validation_failed", `Invalid criteria.${index}.rule.filter.phase: no such phase in this project.`, [{ path: `criteria.${index}.rule.filter.phase`, message: "no such phase in this project" }]);
  }
}

/** Approvers record and sign decisions, so each must be a member who may decide (an owner or admin). */
export async function assertApprovers(tx: ScopedTx, approverIds: string[]) {
  if (approverIds.length === 0) return;
  const deciders = await tx.membership.findMany({ where: { userId: { in: approverIds }, role: { in: [...PERMISSIONS["gates.decide"]] } }, select: { userId: true } });
  const found = new Set(deciders.map((m) => m.userId));
  const index = approverIds.findIndex((id) => !found.has(id));
  if (index !== -1) {
    throw new AppError("validation_failed", `Invalid approverIds.${index}: approvers must be owners or admins of this workspace.`, [{ path: `approverIds.${index}`, message: "not an owner or admin of this workspace" }]);
  }
}

/** Creates a gate with its ordered criteria and approvers (owners or admins of the workspace). */
export async function createGate({ ctx, projectSlug, input }: { ctx: WorkspaceContext; projectSlug: string; input: CreateGateInput }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const gateId = await ctx.db.$transaction(async (tx) => {
    await assertRulePhases(tx, project.id, input.criteria);
    const approvers = [...new Set(input.approverIds)];
    await assertApprovers(tx, approvers);
    const position = await tx.gate.count({ where: { projectId: project.id } });
    const gate = await tx.gate.create({
      data: { workspaceId: ctx.workspace.id, projectId: project.id, name: input.name, description: input.description, targetDate: input.targetDate ? new Date(`${input.targetDate}T00:00:00Z`) : null, position, requiredApprovals: input.requiredApprovals },
    });
    if (approvers.length) await tx.gateApprover.createMany({ data: approvers.map((userId) => ({ workspaceId: ctx.workspace.id, gateId: gate.id, userId })) });
    for (const [index, c] of input.criteria.entries()) {
      await tx.criterion.create({
        data: { workspaceId: ctx.workspace.id, gateId: gate.id, position: index, title: c.title, description: c.description, type: c.type, required: c.required, ...(c.rule ? { rule: c.rule as Prisma.InputJsonObject } : {}) },
      });
    }
    await recordAuditEvent(tx, ctx, { action: "gate.created", targetType: "gate", targetId: gate.id, metadata: { name: gate.name, criteria: input.criteria.length } });
    return gate.id;
  });
  await publishChange({ workspaceId: ctx.workspace.id, projectId: project.id, type: "project", ref: gateId });
  return (await listGates({ ctx, projectSlug })).find((g) => g.id === gateId)!;
}

/** Deletes a gate with its criteria, results and decisions (admins only: decisions are records). */
export async function deleteGate({ ctx, projectSlug, gateId }: { ctx: WorkspaceContext; projectSlug: string; gateId: string }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  await ctx.db.$transaction(async (tx) => {
    const gate = await tx.gate.findFirst({ where: { id: gateId, projectId: project.id } });
    if (!gate) throw new NotFoundError("Gate");
    await tx.gate.delete({ where: { id: gate.id } });
    await recordAuditEvent(tx, ctx, { action: "gate.deleted", targetType: "gate", targetId: gate.id, metadata: { name: gate.name } });
  });
  await publishChange({ workspaceId: ctx.workspace.id, projectId: project.id, type: "project", ref: gateId });
}
