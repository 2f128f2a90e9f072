import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DEMO_USERS } from "@/lib/auth/demo";
import { systemWorkspaceContext } from "@/lib/auth/system";
import type { WorkspaceContext } from "@/lib/auth/context";
// A seed that fails half-way removes its workspace, outside any workspace scope.
// eslint-disable-next-line no-restricted-imports
import { rawDb } from "@/lib/db/client";
import { ensureUser } from "@/lib/db/global/identity";
import { insertWorkspaceWithOwner, workspaceSlugTaken } from "@/lib/db/global/workspaces";
import { isClosed } from "@/lib/domain/items";
import type { ItemStatus, Severity } from "@/lib/generated/prisma/enums";
import { importPlan } from "@/lib/services/imports/import-plan";
import { diffItem, recordItemActivities } from "@/lib/services/items/item-activity";
import { createProject } from "@/lib/services/projects/create-project";
import { snapshotWorkspace } from "@/lib/services/trends/take-project-snapshot";
import { createProjectInput } from "@/lib/validation/project";
import { DEMO_PROJECTS, type DemoItemTriage, type DemoTriage } from "./demo-projects";

export const DEMO_WORKSPACE = { slug: "demo", name: "Demo workspace" };

const DAY = 86_400_000;
const HISTORY_DAYS = 21;
const PLANS = fileURLToPath(new URL("./plans/", import.meta.url));

/** The plan file of a demo project, as committed in prisma/seed/plans. */
export function demoPlanSource(file: string): string {
  return readFileSync(`${PLANS}${file}`, "utf8");
}

/** When the demo's closed items were closed: spread over the last weeks, the same way every time. */
function closedDaysAgo(index: number): number {
  return 1 + ((index * 7) % (HISTORY_DAYS - 2));
}

/** The imported items a triage key names: its exact ref, else every ref it starts. */
export function itemsForKey(refs: string[], key: string): string[] {
  return refs.includes(key) ? [key] : refs.filter((ref) => ref.startsWith(key));
}

type Users = Map<string, { id: string; email: string }>;

/**
 * Seeds the demo workspace: three users (owner, member, viewer) and one
 * project per fixture plan, each imported through the plan import and, for
 * the published demo project, triaged the way its team would
 * (prisma/seed/demo-projects.ts). Idempotent: an existing demo workspace is
 * left as it is; a seed that fails removes what it wrote.
 */
export async function seedDemo(): Promise<{ created: boolean }> {
  const users: Users = new Map();
  for (const demo of DEMO_USERS) users.set(demo.email, await ensureUser(demo.email, demo.name));
  if (await workspaceSlugTaken(DEMO_WORKSPACE.slug)) return { created: false };

  const ownerUser = users.get(DEMO_USERS[0].email)!;
  const workspace = await insertWorkspaceWithOwner({ ...DEMO_WORKSPACE, ownerUserId: ownerUser.id });
  try {
    const ctx = await systemWorkspaceContext(DEMO_WORKSPACE.slug, "seed");
    await ctx.db.membership.createMany({ data: DEMO_USERS.slice(1).map((demo) => ({ workspaceId: ctx.workspace.id, userId: users.get(demo.email)!.id, role: demo.role })) });
    for (const demo of DEMO_PROJECTS) {
      const project = await createProject({ ctx, input: createProjectInput.parse({ slug: demo.slug, name: demo.name, keyPrefix: demo.keyPrefix }) });
      await importPlan({ ctx, projectSlug: demo.slug, source: demoPlanSource(demo.plan), apply: true, fileName: demo.plan });
      if (demo.publicSlug) await ctx.db.project.updateMany({ where: { id: project.id }, data: { publicSlug: demo.publicSlug, publicEnabled: true } });
      if (demo.triage) await triage(ctx, project.id, demo.triage, users, ownerUser.id);
      await spreadClosedDates(ctx, project.id);
      await writeHistory(ctx, project.id);
    }
    await snapshotWorkspace({ ctx });
    await ctx.db.auditEvent.create({ data: { workspaceId: ctx.workspace.id, action: "seed.demo", targetType: "workspace", targetId: ctx.workspace.id, metadata: { projects: DEMO_PROJECTS.map((p) => p.slug) } } });
  } catch (error) {
    await (await rawDb()).workspace.delete({ where: { id: workspace.id } });
    throw error;
  }
  return { created: true };
}

/** What the team did after importing: owners, severities, progress, blockers, evidence, comments and the gate's approver. */
async function triage(ctx: WorkspaceContext, projectId: string, plan: DemoTriage, users: Users, authorId: string) {
  const workspaceId = ctx.workspace.id;
  const now = Date.now();
  await ctx.db.$transaction(
    async (tx) => {
      const owners = new Map<string, string>();
      for (const owner of plan.owners) {
        const userId = owner.userEmail ? (users.get(owner.userEmail)?.id ?? null) : null;
        const existing = await tx.owner.findFirst({ where: { name: owner.name } });
        const row = existing ?? (await tx.owner.create({ data: { workspaceId, name: owner.name, kind: owner.kind, userId, email: owner.userEmail ?? null } }));
        owners.set(owner.ref, row.id);
      }
      const phases = await tx.phase.findMany({ where: { projectId }, select: { id: true, externalId: true } });
      const phaseRef = new Map(phases.map((p) => [p.id, p.externalId ?? ""]));
      for (const phase of phases) {
        const owner = plan.phases[phase.externalId ?? ""]?.owner;
        if (owner) await tx.phase.updateMany({ where: { id: phase.id }, data: { defaultOwnerId: owners.get(owner)! } });
      }

      const items = await tx.item.findMany({ where: { projectId }, orderBy: { number: "asc" } });
      const refs = items.map((i) => i.externalId ?? "");
      const byRef = new Map(items.map((i) => [i.externalId ?? "", i]));
      const triaged = new Map<string, DemoItemTriage>();
      for (const [key, entry] of Object.entries(plan.items)) for (const ref of itemsForKey(refs, key)) triaged.set(ref, entry);

      const history: Parameters<typeof recordItemActivities>[4] = [];
      for (const item of items) {
        const entry = triaged.get(item.externalId ?? "") ?? {};
        const phase = plan.phases[phaseRef.get(item.phaseId ?? "") ?? ""];
        const owner = entry.owner ?? phase?.owner;
        const status: ItemStatus = entry.status ?? item.status;
        const data = {
          severity: (entry.severity ?? phase?.severity ?? item.severity) as Severity,
          status,
          kind: entry.kind ?? item.kind,
          blocker: entry.blocker ?? item.blocker,
          ownerId: owner ? owners.get(owner)! : item.ownerId,
          effort: entry.effort ?? item.effort,
          dueDate: entry.dueInDays === undefined ? item.dueDate : new Date(now + entry.dueInDays * DAY),
        };
        const changes = diffItem(item as unknown as Record<string, unknown>, data);
        if (changes.length === 0) continue;
        const closedAt = isClosed(status) === isClosed(item.status) ? {} : { closedAt: isClosed(status) ? new Date(now) : null };
        await tx.item.updateMany({ where: { id: item.id }, data: { ...data, ...closedAt, version: { increment: 1 } } });
        history.push({ itemId: item.id, changes });
      }
      await recordItemActivities(tx, ctx, projectId, "item.updated", history);

      for (const [ref, entry] of triaged) {
        const item = byRef.get(ref)!;
        if (entry.evidence?.length) {
          await tx.evidence.createMany({
            data: entry.evidence.map((e) => ({ workspaceId, projectId, itemId: item.id, createdById: authorId, kind: e.kind, url: e.url ?? null, command: e.command ?? null, output: e.output ?? null, note: e.note ?? null })),
          });
        }
        if (entry.comments?.length) await tx.comment.createMany({ data: entry.comments.map((body) => ({ workspaceId, itemId: item.id, authorId, body })) });
        for (const key of entry.blockedBy ?? []) {
          for (const blocker of itemsForKey(refs, key)) await tx.itemDependency.create({ data: { workspaceId, blockerId: byRef.get(blocker)!.id, blockedId: item.id } });
        }
      }

      const gate = await tx.gate.findFirst({ where: { projectId }, orderBy: { position: "asc" } });
      const approver = plan.owners.find((o) => o.ref === plan.gate.approver)?.userEmail;
      if (gate) {
        await tx.gate.updateMany({ where: { id: gate.id }, data: { targetDate: new Date(now + plan.gate.targetInDays * DAY) } });
        if (approver) await tx.gateApprover.create({ data: { workspaceId, gateId: gate.id, userId: users.get(approver)!.id } });
      }
    },
    { timeout: 60_000 },
  );
}

/** Closed items were closed over the last weeks, not all at once: the trend chart and the forecast have a history to read. */
async function spreadClosedDates(ctx: WorkspaceContext, projectId: string) {
  const closed = await ctx.db.item.findMany({ where: { projectId, closedAt: { not: null } }, select: { id: true, number: true }, orderBy: { number: "asc" } });
  const now = Date.now();
  for (const item of closed) await ctx.db.item.updateMany({ where: { id: item.id }, data: { closedAt: new Date(now - closedDaysAgo(item.number) * DAY) } });
}

/** Daily snapshots of the last weeks, rebuilt from when each item was closed (today's is taken by the snapshot service). */
async function writeHistory(ctx: WorkspaceContext, projectId: string) {
  const items = await ctx.db.item.findMany({ where: { projectId }, select: { status: true, severity: true, closedAt: true } });
  const now = Date.now();
  const rows = [];
  for (let daysAgo = HISTORY_DAYS; daysAgo >= 1; daysAgo--) {
    const day = new Date(`${new Date(now - daysAgo * DAY).toISOString().slice(0, 10)}T00:00:00Z`);
    const endOfDay = day.getTime() + DAY;
    const openBySeverity = { critical: 0, high: 0, medium: 0, low: 0 };
    const byStatus: Record<ItemStatus, number> = { open: 0, in_progress: 0, blocked: 0, in_review: 0, done: 0, deferred: 0, wont_fix: 0 };
    let closed = 0;
    for (const item of items) {
      if (item.closedAt && item.closedAt.getTime() < endOfDay) {
        closed++;
        byStatus[item.status]++;
      } else {
        byStatus.open++;
        openBySeverity[item.severity]++;
      }
    }
    rows.push({ workspaceId: ctx.workspace.id, projectId, day, total: items.length, open: items.length - closed, closed, openBySeverity, byStatus, recommendation: null });
  }
  await ctx.db.projectSnapshot.createMany({ data: rows });
}
