import { DEMO_USERS } from "@/lib/auth/demo";
import { systemWorkspaceContext } from "@/lib/auth/system";
import { ensureUser } from "@/lib/db/global/identity";
import { insertWorkspaceWithOwner, workspaceSlugTaken } from "@/lib/db/global/workspaces";
import type { Prisma } from "@/lib/generated/prisma/client";
import { demoPlan } from "./demo-plan";

export const DEMO_WORKSPACE = { slug: "demo", name: "Demo workspace" };

const DAY = 86_400_000;
const HISTORY_DAYS = 21;

/** When the demo's closed items were closed: spread over the last weeks, the same way every time. */
function closedDaysAgo(index: number): number {
  return 1 + ((index * 7) % (HISTORY_DAYS - 2));
}

/**
 * Seeds the demo workspace: three users (owner, member, viewer) and a project
 * that mirrors a real readiness plan. Idempotent: an existing demo workspace is
 * left as it is.
 */
export async function seedDemo(): Promise<{ created: boolean }> {
  const users = new Map<string, { id: string; email: string }>();
  for (const demo of DEMO_USERS) users.set(demo.email, await ensureUser(demo.email, demo.name));
  if (await workspaceSlugTaken(DEMO_WORKSPACE.slug)) return { created: false };

  const ownerUser = users.get(DEMO_USERS[0].email)!;
  await insertWorkspaceWithOwner({ ...DEMO_WORKSPACE, ownerUserId: ownerUser.id });
  const ctx = await systemWorkspaceContext(DEMO_WORKSPACE.slug, "seed");
  const workspaceId = ctx.workspace.id;
  const plan = demoPlan;
  const now = Date.now();

  await ctx.db.$transaction(
    async (tx) => {
      for (const demo of DEMO_USERS.slice(1)) {
        await tx.membership.create({ data: { workspaceId, userId: users.get(demo.email)!.id, role: demo.role } });
      }
      const project = await tx.project.create({
        data: {
          workspaceId,
          ...plan.project,
          nextItemNumber: plan.items.length + 1,
          publicSlug: plan.project.slug,
          publicEnabled: true,
        },
      });
      const owners = new Map<string, string>();
      for (const owner of plan.owners) {
        const row = await tx.owner.create({
          data: {
            workspaceId,
            name: owner.name,
            kind: owner.kind,
            userId: owner.userEmail ? (users.get(owner.userEmail)?.id ?? null) : null,
            email: owner.userEmail ?? null,
          },
        });
        owners.set(owner.ref, row.id);
      }
      const ownerId = (ref?: string) => (ref ? (owners.get(ref) ?? null) : null);

      const phases = new Map<string, string>();
      for (const [position, phase] of plan.phases.entries()) {
        const row = await tx.phase.create({
          data: {
            workspaceId,
            projectId: project.id,
            position,
            name: phase.name,
            objective: phase.objective,
            deliverables: phase.deliverables ?? "",
            acceptanceCriteria: phase.acceptanceCriteria ?? "",
            exitCriteria: phase.exitCriteria ?? "",
            risks: phase.risks ?? "",
            estimate: phase.estimate ?? null,
            estimateDays: phase.estimateDays ?? null,
            defaultOwnerId: ownerId(phase.defaultOwner),
            externalId: phase.ref,
          },
        });
        phases.set(phase.ref, row.id);
      }
      for (const phase of plan.phases) {
        for (const dep of phase.dependsOn) {
          await tx.phaseDependency.create({ data: { workspaceId, phaseId: phases.get(phase.ref)!, dependsOnId: phases.get(dep)! } });
        }
      }

      const items = new Map<string, string>();
      for (const [index, item] of plan.items.entries()) {
        const closed = item.status === "done" || item.status === "wont_fix";
        const row = await tx.item.create({
          data: {
            workspaceId,
            projectId: project.id,
            number: index + 1,
            title: item.title,
            description: item.description ?? "",
            kind: item.kind,
            severity: item.severity,
            status: item.status,
            blocker: item.blocker ?? false,
            phaseId: phases.get(item.phase) ?? null,
            ownerId: ownerId(item.owner),
            effort: item.effort ?? null,
            dueDate: item.dueInDays === undefined ? null : new Date(now + item.dueInDays * DAY),
            impact: item.impact ?? "",
            recommendedFix: item.recommendedFix ?? "",
            files: item.files ?? [],
            labels: item.labels ?? [],
            acceptanceCriteria: item.acceptanceCriteria ?? "",
            verificationCommand: item.verificationCommand ?? null,
            externalId: item.ref,
            position: index,
            closedAt: closed ? new Date(now - closedDaysAgo(index) * DAY) : null,
            createdById: ownerUser.id,
          },
        });
        items.set(item.ref, row.id);
        await tx.activity.create({
          data: { workspaceId, projectId: project.id, itemId: row.id, actorUserId: ownerUser.id, action: "item.created" },
        });
        for (const evidence of item.evidence ?? []) {
          await tx.evidence.create({
            data: { workspaceId, projectId: project.id, itemId: row.id, createdById: ownerUser.id, kind: evidence.kind, url: evidence.url ?? null, command: evidence.command ?? null, output: evidence.output ?? null, note: evidence.note ?? null },
          });
        }
        for (const body of item.comments ?? []) {
          await tx.comment.create({ data: { workspaceId, itemId: row.id, authorId: ownerUser.id, body } });
        }
      }
      for (const item of plan.items) {
        for (const blocker of item.blockedBy ?? []) {
          await tx.itemDependency.create({ data: { workspaceId, blockerId: items.get(blocker)!, blockedId: items.get(item.ref)! } });
        }
      }

      const gate = await tx.gate.create({
        data: {
          workspaceId,
          projectId: project.id,
          name: plan.gate.name,
          description: plan.gate.description,
          targetDate: new Date(now + plan.gate.targetInDays * DAY),
        },
      });
      await tx.gateApprover.create({ data: { workspaceId, gateId: gate.id, userId: ownerUser.id } });
      for (const [position, criterion] of plan.gate.criteria.entries()) {
        const rule = criterion.rule ? (resolvePhaseRefs(criterion.rule, phases) as Prisma.InputJsonObject) : undefined;
        await tx.criterion.create({
          data: {
            workspaceId,
            gateId: gate.id,
            position,
            title: criterion.title,
            description: criterion.description ?? "",
            type: criterion.type,
            required: criterion.required,
            ...(rule ? { rule } : {}),
          },
        });
      }
      // Three weeks of daily snapshots, rebuilt from when each item was closed, so the trend chart and the forecast have history.
      for (let daysAgo = HISTORY_DAYS; daysAgo >= 1; daysAgo--) {
        const openBySeverity = { critical: 0, high: 0, medium: 0, low: 0 };
        const byStatus: Record<string, number> = { open: 0, in_progress: 0, blocked: 0, in_review: 0, done: 0, deferred: 0, wont_fix: 0 };
        let closedThen = 0;
        for (const [index, item] of plan.items.entries()) {
          const closedByThen = (item.status === "done" || item.status === "wont_fix") && closedDaysAgo(index) >= daysAgo;
          if (closedByThen) {
            closedThen++;
            byStatus[item.status]!++;
          } else {
            byStatus.open!++;
            openBySeverity[item.severity]++;
          }
        }
        await tx.projectSnapshot.create({
          data: {
            workspaceId,
            projectId: project.id,
            day: new Date(`${new Date(now - daysAgo * DAY).toISOString().slice(0, 10)}T00:00:00Z`),
            total: plan.items.length,
            open: plan.items.length - closedThen,
            closed: closedThen,
            openBySeverity,
            byStatus,
            recommendation: "no_go",
          },
        });
      }
      await tx.auditEvent.create({
        data: { workspaceId, action: "seed.demo", targetType: "project", targetId: project.id, metadata: { items: plan.items.length } },
      });
    },
    { timeout: 60_000 },
  );
  return { created: true };
}

/** Criteria in the plan name phases by ref; stored rules name them by id. */
function resolvePhaseRefs(rule: Record<string, unknown>, phases: Map<string, string>): Record<string, unknown> {
  const filter = rule.filter as Record<string, unknown> | undefined;
  if (!filter || typeof filter.phase !== "string") return rule;
  return { ...rule, filter: { ...filter, phase: phases.get(filter.phase) ?? filter.phase } };
}
