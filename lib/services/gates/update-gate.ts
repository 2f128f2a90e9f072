import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { publishChange } from "@/lib/db/events";
import { AppError, NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { UpdateGateInput } from "@/lib/validation/gate";
import { recordAuditEvent } from "../audit/record-audit-event";
import { getProjectInWorkspace } from "../projects/get-project";
import { assertApprovers, assertRulePhases } from "./create-gate";
import { listGates } from "./list-gates";

function invalid(path: string, message: string): never {
  throw new AppError("validation_failed", `Invalid ${path}: ${message}.`, [{ path, message }]);
}

/**
 * Updates a gate. `criteria`, when given, is the whole ordered list: criteria
 * with an `id` keep their marks and check results, new ones are created, and
 * the ones left out are removed. A criterion's type cannot change (its history
 * would mean something else); recorded decisions keep their snapshots.
 */
export async function updateGate({ ctx, projectSlug, gateId, input }: { ctx: WorkspaceContext; projectSlug: string; gateId: string; input: UpdateGateInput }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  await ctx.db.$transaction(async (tx) => {
    const gate = await tx.gate.findFirst({ where: { id: gateId, projectId: project.id }, include: { criteria: true, approvers: { select: { userId: true } } } });
    if (!gate) throw new NotFoundError("Gate");

    const approvers = input.approverIds ? [...new Set(input.approverIds)] : gate.approvers.map((a) => a.userId);
    const required = input.requiredApprovals ?? gate.requiredApprovals;
    if (approvers.length > 0 && required > approvers.length) invalid("requiredApprovals", `cannot exceed the ${approvers.length} approver${approvers.length === 1 ? "" : "s"} named`);
    if (input.approverIds) {
      await assertApprovers(tx, approvers);
      await tx.gateApprover.deleteMany({ where: { gateId } });
      if (approvers.length) await tx.gateApprover.createMany({ data: approvers.map((userId) => ({ workspaceId: ctx.workspace.id, gateId, userId })) });
    }

    const data: Prisma.GateUncheckedUpdateInput = {};
    if (input.name !== undefined) data.name = input.name;
    if (input.description !== undefined) data.description = input.description;
    if (input.targetDate !== undefined) data.targetDate = input.targetDate ? new Date(`${input.targetDate}T00:00:00Z`) : null;
    if (input.requiredApprovals !== undefined) data.requiredApprovals = input.requiredApprovals;
    if (Object.keys(data).length) await tx.gate.updateMany({ where: { id: gateId }, data });

    let criteriaChange: { added: number; updated: number; removed: number } | null = null;
    if (input.criteria) {
      await assertRulePhases(tx, project.id, input.criteria);
      const existing = new Map(gate.criteria.map((c) => [c.id, c]));
      const kept = new Set<string>();
      for (const [index, c] of input.criteria.entries()) {
        if (!c.id) continue;
        const current = existing.get(c.id);
        if (!current) invalid(`criteria.${index}.id`, "no such criterion in this gate");
        if (kept.has(c.id)) invalid(`criteria.${index}.id`, "appears twice");
        if (current.type !== c.type) invalid(`criteria.${index}.type`, `a ${current.type} criterion cannot become a ${c.type} one; remove it and add a new criterion`);
        kept.add(c.id);
      }
      const removed = gate.criteria.filter((c) => !kept.has(c.id)).map((c) => c.id);
      if (removed.length) await tx.criterion.deleteMany({ where: { id: { in: removed } } });
      for (const [index, c] of input.criteria.entries()) {
        const fields = { position: index, title: c.title, description: c.description, required: c.required, ...(c.rule ? { rule: c.rule as Prisma.InputJsonObject } : {}) };
        if (c.id) await tx.criterion.updateMany({ where: { id: c.id, gateId }, data: fields });
        else await tx.criterion.create({ data: { workspaceId: ctx.workspace.id, gateId, type: c.type, ...fields } });
      }
      criteriaChange = { added: input.criteria.filter((c) => !c.id).length, updated: kept.size, removed: removed.length };
    }
    await recordAuditEvent(tx, ctx, {
      action: "gate.updated",
      targetType: "gate",
      targetId: gateId,
      metadata: { fields: Object.keys(input).filter((k) => k !== "criteria"), ...(criteriaChange ? { criteria: criteriaChange } : {}) },
    });
  });
  await publishChange({ workspaceId: ctx.workspace.id, projectId: project.id, type: "project", ref: gateId });
  return (await listGates({ ctx, projectSlug })).find((g) => g.id === gateId)!;
}
