import "server-only";
import { createHash } from "node:crypto";
import { actorUserId, type WorkspaceContext } from "@/lib/auth/context";
import { publishChange } from "@/lib/db/events";
import type { ScopedTx } from "@/lib/db/scoped";
import { cycleIfAdded, type Edge } from "@/lib/domain/graph";
import { isClosed } from "@/lib/domain/items";
import { parsePlan } from "@/lib/domain/plan-import/parse-plan";
import type { ParsedItem, ParsedPhase, ParsedPlan } from "@/lib/domain/plan-import/types";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ImportMapping } from "@/lib/validation/import";
import { recordAuditEvent } from "../audit/record-audit-event";
import { diffItem, type FieldChange, recordItemActivities } from "../items/item-activity";
import { getProjectInWorkspace } from "../projects/get-project";

export type ImportAction = "create" | "update" | "unchanged";

/** Rows per INSERT: an item has about 20 columns, well under PostgreSQL's 65,535 bind parameters. */
const WRITE_BATCH = 1_000;

function chunked<T>(rows: T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < rows.length; i += size) batches.push(rows.slice(i, i + size));
  return batches;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

const PHASE_FIELDS = ["name", "objective", "deliverables", "acceptanceCriteria", "exitCriteria", "risks", "estimate"] as const;
const ITEM_FIELDS = ["title", "description", "kind", "status", "effort", "files", "auditRefs", "acceptanceCriteria", "verificationCommand", "labels"] as const;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function phaseData(phase: ParsedPhase) {
  return {
    name: phase.name,
    objective: phase.objective,
    deliverables: phase.deliverables,
    acceptanceCriteria: phase.acceptanceCriteria,
    exitCriteria: phase.exitCriteria,
    risks: [phase.risks, phase.description].filter(Boolean).join("\n\n"),
    estimate: phase.estimate,
  };
}

/**
 * The fields an import writes. On an item that exists, a field the plan does
 * not state (a status it does not give, an estimate it lacks) is left out, so
 * the team's own changes survive a re-import.
 */
function itemData(item: ParsedItem, existing: boolean) {
  return {
    title: item.title.slice(0, 300),
    description: item.description.slice(0, 100_000),
    kind: item.kind,
    ...(existing && !item.statusStated ? {} : { status: item.status }),
    ...(existing && !item.estimate ? {} : { effort: item.estimate?.slice(0, 100) ?? null }),
    files: item.files.slice(0, 200),
    auditRefs: item.auditRefs,
    acceptanceCriteria: item.acceptanceCriteria,
    verificationCommand: item.verificationCommand,
    labels: item.labels,
  };
}

/** The fields `after` sets that differ from `before`. */
function changedFields<T extends Record<string, unknown>>(fields: readonly (keyof T & string)[], before: T, after: Partial<T>): string[] {
  return fields.filter((f) => f in after && !same(before[f], after[f]));
}

/** An owner named in a plan: an automated agent when it says so, else a team. */
function ownerKind(name: string): "agent" | "team" {
  return /\b(agents?|bots?|claude|gpt|sonnet|codex|copilot|ai)\b/i.test(name) ? "agent" : "team";
}

/**
 * The mapping step's stage → phase choices, checked: each names a stage of
 * this plan and a phase of this project that no other stage of the plan
 * already matches.
 */
function mappedPhases(plan: ParsedPlan, state: Awaited<ReturnType<typeof existingState>>, mapping: Record<string, string>): Map<string, (typeof state.phases)[number]> {
  const refs = new Set(plan.phases.map((p) => p.ref));
  const byId = new Map(state.phases.map((p) => [p.id, p]));
  const mapped = new Map<string, (typeof state.phases)[number]>();
  const taken = new Set<string>();
  for (const [ref, phaseId] of Object.entries(mapping)) {
    const path = `mapping.phases.${ref}`;
    if (!refs.has(ref)) throw new AppError("validation_failed", `The plan has no stage “${ref}”.`, [{ path, message: "is not a stage of this plan" }]);
    const phase = byId.get(phaseId);
    if (!phase) throw new AppError("validation_failed", "The phase to import into is not in this project.", [{ path, message: "is not a phase of this project" }]);
    if ((phase.externalId && phase.externalId !== ref && refs.has(phase.externalId)) || taken.has(phase.id)) {
      throw new AppError("validation_failed", `“${phase.name}” already receives another stage of this plan.`, [{ path, message: "already receives another stage" }]);
    }
    const matched = state.phases.find((p) => p.externalId === ref);
    if (matched && matched.id !== phase.id) {
      throw new AppError("validation_failed", `This stage was imported before, into “${matched.name}”.`, [{ path, message: "was imported into another phase before" }]);
    }
    taken.add(phase.id);
    mapped.set(ref, phase);
  }
  return mapped;
}

async function existingState(tx: ScopedTx, projectId: string) {
  const [phases, items, gates, owners] = await Promise.all([
    tx.phase.findMany({ where: { projectId }, select: { id: true, externalId: true, position: true, defaultOwnerId: true, name: true, objective: true, deliverables: true, acceptanceCriteria: true, exitCriteria: true, risks: true, estimate: true } }),
    tx.item.findMany({ where: { projectId, externalId: { not: null } }, select: { id: true, number: true, externalId: true, phaseId: true, ownerId: true, title: true, description: true, kind: true, status: true, effort: true, files: true, auditRefs: true, acceptanceCriteria: true, verificationCommand: true, labels: true } }),
    tx.gate.findMany({ where: { projectId, externalId: { not: null } }, select: { id: true, externalId: true, name: true } }),
    tx.owner.findMany({ select: { id: true, name: true } }),
  ]);
  return { phases, items, gates, owners };
}

/** What importing `plan` would do to the project: by phase, what is created, updated and left unchanged. */
function diffPlan(plan: ParsedPlan, state: Awaited<ReturnType<typeof existingState>>, mapped: Map<string, (typeof state.phases)[number]>) {
  const phaseByRef = new Map([...state.phases.filter((p) => p.externalId).map((p) => [p.externalId!, p] as const), ...mapped]);
  const itemByRef = new Map(state.items.map((i) => [i.externalId!, i]));
  const ownerNames = new Set(state.owners.map((o) => o.name.toLowerCase()));
  const gateRefs = new Set(state.gates.map((g) => g.externalId));
  const itemDiff = (item: ParsedItem) => {
    const current = itemByRef.get(item.ref);
    if (!current) return { ref: item.ref, title: item.title, status: item.status, action: "create" as ImportAction, changes: [] as string[] };
    const changes = changedFields(ITEM_FIELDS, current as unknown as Record<string, unknown>, itemData(item, true));
    // The status after the import: the plan's when it states one, else the item's own.
    const status = item.statusStated ? item.status : current.status;
    return { ref: item.ref, title: item.title, status, action: (changes.length ? "update" : "unchanged") as ImportAction, changes };
  };
  const phases = plan.phases.map((phase) => {
    const current = phaseByRef.get(phase.ref);
    const changes = current ? changedFields(PHASE_FIELDS, current as unknown as Record<string, unknown>, phaseData(phase)) : [];
    return {
      ref: phase.ref,
      name: phase.name,
      dependsOn: phase.dependsOn,
      owner: phase.owner,
      action: (!current ? "create" : changes.length ? "update" : "unchanged") as ImportAction,
      changes,
      /** The existing phase it goes into, when the mapping step chose one. */
      into: mapped.has(phase.ref) ? { id: current!.id, name: current!.name } : null,
      items: plan.items.filter((i) => i.phaseRef === phase.ref).map(itemDiff),
    };
  });
  const count = (actions: ImportAction[]) => ({ create: actions.filter((a) => a === "create").length, update: actions.filter((a) => a === "update").length, unchanged: actions.filter((a) => a === "unchanged").length });
  const unphased = plan.items.filter((i) => !i.phaseRef).map(itemDiff);
  const allItems = [...phases.flatMap((p) => p.items), ...unphased];
  return {
    phases,
    unphasedItems: unphased,
    owners: plan.owners.map((name) => ({ name, kind: ownerKind(name), action: (ownerNames.has(name.toLowerCase()) ? "unchanged" : "create") as ImportAction })),
    gates: plan.gates.map((g) => ({ ref: g.ref, name: g.name, criteria: g.criteria, action: (gateRefs.has(g.ref) ? "unchanged" : "create") as ImportAction })),
    totals: { phases: count(phases.map((p) => p.action)), items: count(allItems.map((i) => i.action)), gates: count(plan.gates.map((g) => (gateRefs.has(g.ref) ? "unchanged" : "create"))) },
  };
}

/**
 * Imports a Markdown plan into a project: `apply: false` only says what would
 * happen (the preview); `apply: true` does it in one transaction. Phases,
 * items and gates are matched by the plan's stable refs (todo ids, task codes,
 * stage numbers, heading paths), so importing the same or an edited plan again
 * updates what it created and never duplicates it.
 */
export async function importPlan({
  ctx,
  projectSlug,
  source,
  apply,
  fileName = null,
  mapping = { stages: [], phases: {} },
}: {
  ctx: WorkspaceContext;
  projectSlug: string;
  source: string;
  apply: boolean;
  fileName?: string | null;
  mapping?: ImportMapping;
}) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const plan = parsePlan(source, { stageHeadings: mapping.stages });
  const summary = { title: plan.title, overview: plan.overview, unmapped: plan.unmapped, otherHeadings: plan.otherHeadings, report: plan.report };
  if (!apply) {
    const state = await existingState(ctx.db, project.id);
    return { applied: false, ...summary, diff: diffPlan(plan, state, mappedPhases(plan, state, mapping.phases)) };
  }

  const diff = await ctx.db.$transaction(
    async (tx) => {
      const state = await existingState(tx, project.id);
      const mapped = mappedPhases(plan, state, mapping.phases);
      const diff = diffPlan(plan, state, mapped);
      const workspaceId = ctx.workspace.id;

      // Owners by name (case-insensitive), created as teams or agents.
      const ownerIds = new Map(state.owners.map((o) => [o.name.toLowerCase(), o.id]));
      const newOwners = diff.owners.filter((o) => o.action === "create");
      if (newOwners.length) {
        const created = await tx.owner.createManyAndReturn({ data: newOwners.map((o) => ({ workspaceId, name: o.name.slice(0, 120), kind: o.kind })), select: { id: true, name: true } });
        for (const owner of created) ownerIds.set(owner.name.toLowerCase(), owner.id);
      }
      const ownerId = (name: string | null) => (name ? (ownerIds.get(name.toLowerCase()) ?? null) : null);

      // Phases by ref, then their dependencies (a dependency that would close a cycle is left out).
      // A stage mapped onto an existing phase takes it over: the phase keeps the stage's ref, so the next import matches it by itself.
      const phaseById = new Map([...state.phases.filter((p) => p.externalId).map((p) => [p.externalId!, p] as const), ...mapped]);
      const phaseIds = new Map([...phaseById].map(([ref, p]) => [ref, p.id]));
      let nextPosition = state.phases.reduce((max, p) => Math.max(max, p.position + 1), 0);
      const newPhases = [];
      for (const phase of plan.phases) {
        const data = { ...phaseData(phase), defaultOwnerId: ownerId(phase.owner) };
        const current = phaseById.get(phase.ref);
        if (!current) newPhases.push({ workspaceId, projectId: project.id, externalId: phase.ref, position: nextPosition++, ...data });
        else if (mapped.has(phase.ref)) await tx.phase.updateMany({ where: { id: current.id }, data: { ...data, externalId: phase.ref } });
        else if (changedFields([...PHASE_FIELDS, "defaultOwnerId"], current as unknown as Record<string, unknown>, data).length) await tx.phase.updateMany({ where: { id: current.id }, data });
      }
      for (const batch of chunked(newPhases, WRITE_BATCH)) {
        for (const created of await tx.phase.createManyAndReturn({ data: batch, select: { id: true, externalId: true } })) phaseIds.set(created.externalId!, created.id);
      }
      const imported = plan.phases.map((p) => phaseIds.get(p.ref)!);
      const kept = await tx.phaseDependency.findMany({ where: { phase: { projectId: project.id }, phaseId: { notIn: imported } }, select: { phaseId: true, dependsOnId: true } });
      await tx.phaseDependency.deleteMany({ where: { phaseId: { in: imported } } });
      const edges: Edge[] = kept.map((d) => ({ from: d.phaseId, to: d.dependsOnId }));
      const newEdges: Edge[] = [];
      for (const phase of plan.phases) {
        for (const dep of phase.dependsOn) {
          const edge = { from: phaseIds.get(phase.ref)!, to: phaseIds.get(dep)! };
          if (!edge.to || cycleIfAdded(edges, edge)) continue;
          edges.push(edge);
          newEdges.push(edge);
        }
      }
      for (const batch of chunked(newEdges, WRITE_BATCH)) await tx.phaseDependency.createMany({ data: batch.map((e) => ({ workspaceId, phaseId: e.from, dependsOnId: e.to })) });

      // Items by ref: new ones take consecutive numbers in one step and are written in batches.
      const itemByRef = new Map(state.items.map((i) => [i.externalId!, i]));
      const fresh = plan.items.filter((i) => !itemByRef.has(i.ref));
      let number = 0;
      if (fresh.length) {
        const { nextItemNumber } = await tx.project.update({ where: { id: project.id }, data: { nextItemNumber: { increment: fresh.length } }, select: { nextItemNumber: true } });
        number = nextItemNumber - fresh.length;
      }
      const last = await tx.item.aggregate({ where: { projectId: project.id }, _max: { position: true } });
      let position = (last._max.position ?? 0) + 1;
      const now = new Date();
      const newItems = [];
      const activity: { itemId: string; changes: FieldChange[] }[] = [];
      for (const item of plan.items) {
        const data = { ...itemData(item, itemByRef.has(item.ref)), phaseId: item.phaseRef ? (phaseIds.get(item.phaseRef) ?? null) : null, ownerId: ownerId(item.owner) };
        const current = itemByRef.get(item.ref);
        if (!current) {
          newItems.push({ workspaceId, projectId: project.id, number: number++, externalId: item.ref, position: position++, closedAt: isClosed(item.status) ? now : null, ...data, status: item.status });
          continue;
        }
        const changes = diffItem(current as unknown as Record<string, unknown>, data);
        if (changes.length === 0) continue;
        const status = data.status ?? current.status;
        const closedAt = isClosed(status) === isClosed(current.status) ? {} : { closedAt: isClosed(status) ? now : null };
        await tx.item.updateMany({ where: { id: current.id }, data: { ...data, ...closedAt, version: { increment: 1 } } });
        activity.push({ itemId: current.id, changes });
      }
      for (const batch of chunked(newItems, WRITE_BATCH)) {
        for (const created of await tx.item.createManyAndReturn({ data: batch, select: { id: true } })) activity.push({ itemId: created.id, changes: [] });
      }
      await recordItemActivities(tx, ctx, project.id, "item.imported", activity);

      // Gates by ref: created with their criteria; an existing gate keeps its criteria (and their marks).
      const gateRefs = new Set(state.gates.map((g) => g.externalId));
      let gatePosition = await tx.gate.count({ where: { projectId: project.id } });
      for (const gate of plan.gates.filter((g) => !gateRefs.has(g.ref))) {
        const created = await tx.gate.create({ data: { workspaceId, projectId: project.id, externalId: gate.ref, name: gate.name.slice(0, 200), description: gate.description, position: gatePosition++ } });
        await tx.criterion.createMany({
          data: gate.criteria.map((c, index) => {
            const phaseId = c.rule?.filter.phaseRef ? phaseIds.get(c.rule.filter.phaseRef) : undefined;
            const rule = c.type === "rule" && phaseId ? ({ type: "all_done", filter: { phase: phaseId } } as Prisma.InputJsonObject) : null;
            return { workspaceId, gateId: created.id, position: index, title: c.title.slice(0, 300), type: rule ? "rule" : c.type === "rule" ? "manual" : c.type, required: c.required, ...(rule ? { rule } : {}) };
          }),
        });
      }

      // Text that maps to no field stays in the project's description (written once, when it is empty).
      const current = await tx.project.findFirstOrThrow({ where: { id: project.id }, select: { description: true } });
      if (!current.description.trim()) {
        const description = [plan.overview, ...plan.unmapped.map((u) => `## ${u.at.split(" › ").at(-1)}\n\n${u.text}`)].filter(Boolean).join("\n\n").slice(0, 100_000);
        if (description) await tx.project.updateMany({ where: { id: project.id }, data: { description } });
      }
      await tx.planImport.create({
        data: { workspaceId, projectId: project.id, format: "markdown", fileName, source, sha256: sha256(source), summary: diff.totals, createdById: actorUserId(ctx) },
      });
      await recordAuditEvent(tx, ctx, { action: "plan.imported", targetType: "project", targetId: project.id, metadata: { title: plan.title, ...diff.totals } });
      return diff;
    },
    { timeout: 60_000 },
  );
  await publishChange({ workspaceId: ctx.workspace.id, projectId: project.id, type: "project", ref: project.id });
  return { applied: true, ...summary, diff };
}

