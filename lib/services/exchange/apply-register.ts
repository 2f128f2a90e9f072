import "server-only";
import { createHash } from "node:crypto";
import { actorUserId, type WorkspaceContext } from "@/lib/auth/context";
import { publishChange } from "@/lib/db/events";
import type { ScopedTx } from "@/lib/db/scoped";
import { canonicalJson } from "@/lib/domain/canonical";
import type { IncomingCriterion, IncomingEvidence, IncomingItem, IncomingRegister, ItemValues } from "@/lib/domain/exchange/types";
import { cycleIfAdded, type Edge } from "@/lib/domain/graph";
import { isClosed } from "@/lib/domain/items";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { gateRule } from "@/lib/validation/gate";
import { recordAuditEvent } from "../audit/record-audit-event";
import { diffItem, type FieldChange, recordItemActivities } from "../items/item-activity";
import { itemKey, itemValues } from "../items/item-dto";

/**
 * Writes an import of the register (JSON or CSV) into a project: the shared
 * engine behind importRegisterJson and importRegisterCsv. `planRegister` says
 * what would happen; `applyRegister` does it in one transaction, planning
 * again inside it so that what is written matches the state it read.
 *
 * Matching (docs/register-json-v1.md): owners by name; phases by external id,
 * else by name; items by external id, else by number (the key's number) when
 * the project's item has no other external id; gates by external id, else by
 * name; criteria of a gate by title. What is not matched is created. Lists
 * the file gives (a phase's dependencies, an item's blockers) replace the
 * project's; evidence is append-only, so entries the project lacks are added.
 */

export type Action = "create" | "update" | "unchanged";
export type Count = { create: number; update: number; unchanged: number };

export interface ImportOptions {
  format: "json" | "csv";
  /** closedAt exactly as the file says (JSON); otherwise set when an item closes and cleared when it reopens, unless the file gives one. */
  exactClosedAt: boolean;
  /** Kind of created items the file gives none for. */
  defaultKind: ItemValues["kind"];
}

type Project = { id: string; slug: string; keyPrefix: string; description: string };

async function loadState(tx: ScopedTx, projectId: string) {
  const [phases, phaseDeps, items, itemDeps, owners, members, gates, evidence] = await Promise.all([
    tx.phase.findMany({ where: { projectId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] }),
    tx.phaseDependency.findMany({ where: { phase: { projectId } }, select: { phaseId: true, dependsOnId: true } }),
    tx.item.findMany({ where: { projectId }, orderBy: { number: "asc" } }),
    tx.itemDependency.findMany({ where: { blocked: { projectId } }, select: { blockerId: true, blockedId: true } }),
    tx.owner.findMany({ select: { id: true, name: true } }),
    tx.user.findMany({ select: { id: true, email: true } }),
    tx.gate.findMany({ where: { projectId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], include: { criteria: { orderBy: { position: "asc" } }, approvers: { select: { userId: true } } } }),
    tx.evidence.findMany({ where: { projectId }, select: { itemId: true, criterionId: true, kind: true, url: true, command: true, output: true, note: true, filePath: true, createdAt: true } }),
  ]);
  return { phases, phaseDeps, items, itemDeps, owners, members, gates, evidence };
}
type State = Awaited<ReturnType<typeof loadState>>;
type ItemRow = State["items"][number];
type PhaseRow = State["phases"][number];
type GateRow = State["gates"][number];

const NEW = "new:";
const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const evidenceSignature = (e: { kind: string; url: string | null; command: string | null; output: string | null; note: string | null; filePath: string | null; createdAt: Date | string }) =>
  canonicalJson([e.kind, e.url, e.command, e.output, e.note, e.filePath, new Date(e.createdAt).toISOString()]);

interface PlannedItem {
  incoming: IncomingItem;
  target: ItemRow | null;
  /** The project id it has or will have: a row id, or `new:<index>`. */
  id: string;
  number: number;
  /** Final values: for an update the changed fields only; for a create all it sets. */
  values: Partial<ItemValues>;
  phaseId: string | null | undefined;
  ownerId: string | null | undefined;
  externalId: string | null | undefined;
  blockers: string[] | undefined;
  evidence: IncomingEvidence[];
  changes: string[];
}

interface PlannedPhase {
  ref: string;
  name: string;
  target: PhaseRow | null;
  id: string;
  data: Record<string, unknown>;
  dependsOn: string[] | undefined;
  changes: string[];
}

interface PlannedCriterion {
  incoming: IncomingCriterion;
  targetId: string | null;
  id: string;
  position: number;
  changes: string[];
  evidence: IncomingEvidence[];
}

interface PlannedGate {
  name: string;
  target: GateRow | null;
  id: string;
  data: Record<string, unknown>;
  approverIds: string[] | undefined;
  criteria: PlannedCriterion[];
  changes: string[];
}

function count(actions: Action[]): Count {
  return { create: actions.filter((a) => a === "create").length, update: actions.filter((a) => a === "update").length, unchanged: actions.filter((a) => a === "unchanged").length };
}

const action = (target: unknown, changes: string[]): Action => (!target ? "create" : changes.length ? "update" : "unchanged");

/** Everything the import would do, computed from the project's state; throws the 4xx an inconsistent result deserves. */
function plan(state: State, project: Project, incoming: IncomingRegister, options: ImportOptions) {
  const warnings: string[] = [];
  const key = (n: number) => itemKey(project.keyPrefix, n);

  // Owners by name.
  const ownerIds = new Map(state.owners.map((o) => [o.name.toLowerCase(), o.id]));
  const ownersToCreate = incoming.owners.filter((o, i, all) => !ownerIds.has(o.name.toLowerCase()) && all.findIndex((x) => x.name.toLowerCase() === o.name.toLowerCase()) === i);
  for (const o of ownersToCreate) ownerIds.set(o.name.toLowerCase(), `${NEW}owner:${o.name.toLowerCase()}`);
  const ownerId = (name: string | null | undefined) => (name === undefined ? undefined : name === null || !name.trim() ? null : (ownerIds.get(name.toLowerCase()) ?? null));

  // Phases by external id, else name.
  const claimedPhases = new Set<string>();
  const phaseByExternal = new Map(state.phases.filter((p) => p.externalId).map((p) => [p.externalId!, p]));
  let nextPhasePosition = state.phases.reduce((max, p) => Math.max(max, p.position + 1), 0);
  const phases: PlannedPhase[] = incoming.phases.map((p, index) => {
    let target = p.externalId ? phaseByExternal.get(p.externalId) : undefined;
    if (target && claimedPhases.has(target.id)) target = undefined;
    target ??= state.phases.find((t) => !claimedPhases.has(t.id) && t.name.toLowerCase() === p.name.toLowerCase() && (t.externalId === null || p.externalId === null || t.externalId === p.externalId));
    if (target) claimedPhases.add(target.id);
    const defaultOwnerId = ownerId(p.owner);
    const data: Record<string, unknown> = { name: p.name, ...(p.values ?? {}), ...(defaultOwnerId !== undefined ? { defaultOwnerId } : {}) };
    if (p.externalId !== null) data.externalId = p.externalId;
    if (!target) {
      data.position ??= nextPhasePosition++;
      return { ref: p.ref, name: p.name, target: null, id: `${NEW}phase:${index}`, data, dependsOn: undefined, changes: [] };
    }
    if (!p.values) delete data.name; // A CSV names a phase only to find it.
    const changes = Object.keys(data).filter((k) => !same((target as unknown as Record<string, unknown>)[k], data[k]));
    return { ref: p.ref, name: p.name, target, id: target.id, data: Object.fromEntries(changes.map((k) => [k, data[k]])), dependsOn: undefined, changes };
  });
  const phaseIdByRef = new Map(phases.map((p) => [p.ref, p.id]));
  const phaseName = new Map([...state.phases.map((p) => [p.id, p.name] as const), ...phases.map((p) => [p.id, p.name] as const)]);
  incoming.phases.forEach((p, i) => {
    if (!p.dependsOn) return;
    const planned = phases[i]!;
    const wanted = [...new Set(p.dependsOn.map((r) => phaseIdByRef.get(r)!))].sort();
    planned.dependsOn = wanted;
    const current = state.phaseDeps.filter((d) => d.phaseId === planned.id).map((d) => d.dependsOnId).sort();
    if (!planned.target || !same(current, wanted)) planned.changes.push("dependsOn");
  });
  const replacedPhaseDeps = new Set(phases.filter((p) => p.dependsOn).map((p) => p.id));
  const phaseEdges: Edge[] = state.phaseDeps.filter((d) => !replacedPhaseDeps.has(d.phaseId)).map((d) => ({ from: d.phaseId, to: d.dependsOnId }));
  for (const p of phases) {
    for (const to of p.dependsOn ?? []) {
      const cycle = cycleIfAdded(phaseEdges, { from: p.id, to });
      if (cycle) {
        const named = cycle.map((id) => phaseName.get(id) ?? id);
        throw new AppError("dependency_cycle", `The phases' dependencies would make a cycle: ${named.join(" → ")}.`, { cycle: named });
      }
      phaseEdges.push({ from: p.id, to });
    }
  }

  // Items: by external id first (over the whole file), then by number for the rest.
  const byExternal = new Map(state.items.filter((i) => i.externalId).map((i) => [i.externalId!, i]));
  const byNumber = new Map(state.items.map((i) => [i.number, i]));
  const targets: (ItemRow | null)[] = incoming.items.map(() => null);
  const claimed = new Set<string>();
  incoming.items.forEach((item, i) => {
    const t = item.externalId ? byExternal.get(item.externalId) : undefined;
    if (t && !claimed.has(t.id)) {
      targets[i] = t;
      claimed.add(t.id);
    }
  });
  incoming.items.forEach((item, i) => {
    if (targets[i] || item.number === null) return;
    const t = byNumber.get(item.number);
    // An item with another external id is another item, whatever its number.
    if (t && !claimed.has(t.id) && (t.externalId === null || t.externalId === item.externalId)) {
      targets[i] = t;
      claimed.add(t.id);
    }
  });

  // Numbers for new items: the file's when the project does not use it, else the next free one.
  const used = new Set(state.items.map((i) => i.number));
  const numbers: number[] = incoming.items.map((item, i) => {
    if (targets[i]) return targets[i]!.number;
    if (item.number !== null && !used.has(item.number)) {
      used.add(item.number);
      return item.number;
    }
    return 0;
  });
  let cursor = 1;
  numbers.forEach((n, i) => {
    if (n) return;
    while (used.has(cursor)) cursor++;
    used.add(cursor);
    numbers[i] = cursor;
  });

  let nextPosition = state.items.reduce((max, i) => Math.max(max, i.position), 0) + 1;
  const idByFileNumber = new Map<number, string>();
  const items: PlannedItem[] = incoming.items.map((item, index) => {
    const target = targets[index]!;
    const id = target?.id ?? `${NEW}item:${index}`;
    if (item.number !== null) idByFileNumber.set(item.number, id);
    const phaseId = item.phase === undefined ? undefined : item.phase === null ? null : (phaseIdByRef.get(item.phase) ?? null);
    const owner = ownerId(item.owner);
    const values: Partial<ItemValues> = { ...item.values };
    const before = target ? itemValues(target) : null;
    const status = values.status ?? before?.status ?? "open";
    if (!options.exactClosedAt && !values.closedAt) {
      const wasClosed = before ? isClosed(before.status) : false;
      if (isClosed(status) && !wasClosed) values.closedAt = new Date().toISOString();
      else if (!isClosed(status)) values.closedAt = null;
      else if (before) values.closedAt = before.closedAt;
    }
    if (!target) {
      values.kind ??= options.defaultKind;
      values.position ??= nextPosition++;
      return { incoming: item, target: null, id, number: numbers[index]!, values, phaseId, ownerId: owner, externalId: item.externalId, blockers: undefined, evidence: item.evidence ?? [], changes: [] };
    }
    const changed = (Object.keys(values) as (keyof ItemValues)[]).filter((k) => !same(before![k], values[k]));
    const changes: string[] = [...changed];
    if (phaseId !== undefined && phaseId !== target.phaseId) changes.push("phase");
    if (owner !== undefined && owner !== target.ownerId) changes.push("owner");
    const externalId = item.externalId !== null && item.externalId !== target.externalId ? item.externalId : undefined;
    if (externalId !== undefined) changes.push("externalId");
    const have = new Set(state.evidence.filter((e) => e.itemId === target.id).map(evidenceSignature));
    const evidence = (item.evidence ?? []).filter((e) => !have.has(evidenceSignature(e)));
    if (evidence.length) changes.push("evidence");
    return {
      incoming: item,
      target,
      id,
      number: numbers[index]!,
      values: Object.fromEntries(changed.map((k) => [k, values[k]])) as Partial<ItemValues>,
      phaseId: changes.includes("phase") ? phaseId : undefined,
      ownerId: changes.includes("owner") ? owner : undefined,
      externalId,
      blockers: undefined,
      evidence,
      changes,
    };
  });

  // Blockers: the file's list replaces the item's.
  const keyOf = new Map<string, string>([...state.items.map((i) => [i.id, key(i.number)] as const), ...items.map((p) => [p.id, key(p.number)] as const)]);
  for (const p of items) {
    if (!p.incoming.blockedBy) continue;
    const wanted = [...new Set(p.incoming.blockedBy.map((n) => idByFileNumber.get(n)).filter((id): id is string => Boolean(id)))].sort();
    p.blockers = wanted;
    const current = state.itemDeps.filter((d) => d.blockedId === p.id).map((d) => d.blockerId).sort();
    if (p.target && !same(current, wanted)) p.changes.push("blockedBy");
  }
  const replacedBlockers = new Set(items.filter((p) => p.blockers).map((p) => p.id));
  const blockersOf = new Map<string, string[]>();
  const itemEdges: Edge[] = [];
  for (const d of state.itemDeps) {
    if (replacedBlockers.has(d.blockedId)) continue;
    itemEdges.push({ from: d.blockedId, to: d.blockerId });
    blockersOf.set(d.blockedId, [...(blockersOf.get(d.blockedId) ?? []), d.blockerId]);
  }
  for (const p of items) {
    for (const to of p.blockers ?? []) {
      const cycle = cycleIfAdded(itemEdges, { from: p.id, to });
      if (cycle) {
        const named = cycle.map((id) => keyOf.get(id) ?? id);
        throw new AppError("dependency_cycle", `The items' dependencies would make a cycle: ${named.join(" → ")}.`, { cycle: named });
      }
      itemEdges.push({ from: p.id, to });
    }
    if (p.blockers) blockersOf.set(p.id, p.blockers);
  }
  // The blocker rule, for items this import marks done (created items keep the state the file records).
  const finalStatus = new Map<string, string>(state.items.map((i) => [i.id, i.status]));
  for (const p of items) finalStatus.set(p.id, p.values.status ?? p.target?.status ?? "open");
  for (const p of items) {
    if (!p.target || p.values.status !== "done") continue;
    const open = (blockersOf.get(p.id) ?? []).filter((b) => !isClosed(finalStatus.get(b) ?? "open")).map((b) => keyOf.get(b)!).sort();
    if (open.length) {
      throw new AppError("blocked_by_open_items", `${key(p.number)} (${p.incoming.label}) can’t be done while ${open.join(", ")} ${open.length === 1 ? "is" : "are"} open.`, { key: key(p.number), blockedBy: open });
    }
  }

  // Gates by external id, else name; their criteria by title.
  const members = new Map(state.members.map((m) => [m.email.toLowerCase(), m.id]));
  const claimedGates = new Set<string>();
  const gates: PlannedGate[] = incoming.gates.map((g, index) => {
    let target = g.externalId ? state.gates.find((t) => t.externalId === g.externalId && !claimedGates.has(t.id)) : undefined;
    target ??= state.gates.find((t) => !claimedGates.has(t.id) && t.name.toLowerCase() === g.name.toLowerCase() && (t.externalId === null || g.externalId === null || t.externalId === g.externalId));
    if (target) claimedGates.add(target.id);
    const id = target?.id ?? `${NEW}gate:${index}`;
    const approverIds = [...new Set(g.approvers.map((email) => members.get(email.toLowerCase())).filter((uid): uid is string => Boolean(uid)))].sort();
    const unknown = g.approvers.filter((email) => !members.has(email.toLowerCase()));
    if (unknown.length) warnings.push(`Gate “${g.name}”: ${unknown.join(", ")} ${unknown.length === 1 ? "is not a member" : "are not members"} of this workspace and will not be approvers.`);
    const data: Record<string, unknown> = { name: g.name, description: g.description, targetDate: g.targetDate, position: g.position, requiredApprovals: g.requiredApprovals, ...(g.externalId !== null ? { externalId: g.externalId } : {}) };
    const current = target ? { ...target, targetDate: day(target.targetDate) } : null;
    const changes = current ? Object.keys(data).filter((k) => !same((current as unknown as Record<string, unknown>)[k], data[k])) : [];
    const currentApprovers = target ? target.approvers.map((a) => a.userId).sort() : [];
    if (target && !same(currentApprovers, approverIds)) changes.push("approvers");
    const claimedCriteria = new Set<string>();
    const criteria: PlannedCriterion[] = g.criteria.map((c, position) => {
      const t = target?.criteria.find((x) => !claimedCriteria.has(x.id) && x.title === c.title);
      if (t) claimedCriteria.add(t.id);
      const cid = t?.id ?? `${NEW}criterion:${index}:${position}`;
      if (!t) return { incoming: c, targetId: null, id: cid, position, changes: [], evidence: c.evidence };
      const rule = resolveRule(c.rule, phaseIdByRef);
      const cchanges = (["description", "type", "required"] as const).filter((k) => t[k] !== c[k]);
      const ruleChanged = !same(t.rule, rule);
      const have = new Set(state.evidence.filter((e) => e.criterionId === t.id).map(evidenceSignature));
      const evidence = c.evidence.filter((e) => !have.has(evidenceSignature(e)));
      return { incoming: c, targetId: t.id, id: cid, position, changes: [...cchanges, ...(ruleChanged ? ["rule"] : []), ...(t.position !== position ? ["position"] : []), ...(evidence.length ? ["evidence"] : [])], evidence };
    });
    const criteriaChanged = criteria.filter((c) => !c.targetId || c.changes.length).length;
    if (target && criteriaChanged) changes.push("criteria");
    return { name: g.name, target: target ?? null, id, data: target ? Object.fromEntries(changes.filter((k) => k in data).map((k) => [k, data[k]])) : data, approverIds: target && !changes.includes("approvers") ? undefined : approverIds, criteria, changes };
  });

  const evidenceCount = items.reduce((n, p) => n + p.evidence.length, 0) + gates.reduce((n, g) => n + g.criteria.reduce((m, c) => m + c.evidence.length, 0), 0);
  const describe = Boolean(incoming.description?.trim()) && !project.description.trim();
  const preview = {
    owners: [...incoming.owners.map((o) => ({ name: o.name, action: (ownersToCreate.includes(o) ? "create" : "unchanged") as "create" | "unchanged" }))],
    phases: phases.map((p) => ({ ref: p.ref, name: p.name, action: action(p.target, p.changes), changes: p.changes })),
    items: items.map((p) => ({ label: p.incoming.label, key: key(p.number), externalId: p.target?.externalId ?? p.externalId ?? null, title: p.values.title ?? p.target?.title ?? "", action: action(p.target, p.changes), changes: p.changes })),
    gates: gates.map((g) => ({ name: g.name, action: action(g.target, g.changes), changes: g.changes, criteria: count(g.criteria.map((c) => action(c.targetId, c.changes))) })),
    totals: {
      owners: count(incoming.owners.map((o) => (ownersToCreate.includes(o) ? "create" : "unchanged"))),
      phases: count(phases.map((p) => action(p.target, p.changes))),
      items: count(items.map((p) => action(p.target, p.changes))),
      gates: count(gates.map((g) => action(g.target, g.changes))),
      evidence: evidenceCount,
      description: describe,
    },
    warnings,
  };
  return { preview, ownersToCreate, phases, items, gates, describe };
}

/** A rule of the file (phase by ref) as the database keeps it (phase by id), validated. */
function resolveRule(rule: Record<string, unknown> | null, phaseIdByRef: Map<string, string>): Prisma.InputJsonObject | null {
  if (!rule) return null;
  const filter = (rule.filter ?? {}) as Record<string, unknown>;
  const phase = typeof filter.phase === "string" ? phaseIdByRef.get(filter.phase) : undefined;
  const resolved = { ...rule, filter: { ...filter, ...(phase ? { phase } : {}) } };
  return gateRule.parse(resolved) as Prisma.InputJsonObject;
}

export type RegisterPreview = ReturnType<typeof plan>["preview"];

/** What importing would do, without writing anything. */
export async function planRegister({ ctx, project, incoming, options }: { ctx: WorkspaceContext; project: Project; incoming: IncomingRegister; options: ImportOptions }): Promise<RegisterPreview> {
  const state = await loadState(ctx.db, project.id);
  return plan(state, project, incoming, options).preview;
}

const toDate = (value: string | null | undefined) => (value === undefined ? undefined : value === null ? null : new Date(value.length === 10 ? `${value}T00:00:00Z` : value));

function itemData(values: Partial<ItemValues>) {
  const { dueDate, closedAt, ...rest } = values;
  return { ...rest, ...(dueDate !== undefined ? { dueDate: toDate(dueDate) } : {}), ...(closedAt !== undefined ? { closedAt: toDate(closedAt) } : {}) };
}

/**
 * Imports in one transaction and records the import (its file, checksum and
 * totals) as a PlanImport row. Any error leaves the project as it was.
 */
export async function applyRegister({
  ctx,
  project,
  incoming,
  options,
  source,
  fileName,
}: {
  ctx: WorkspaceContext;
  project: Project;
  incoming: IncomingRegister;
  options: ImportOptions;
  source: string;
  fileName: string | null;
}): Promise<RegisterPreview> {
  const preview = await ctx.db.$transaction(
    async (tx) => {
      // Locks the project row first: concurrent item creation waits, so numbers stay unique.
      await tx.project.update({ where: { id: project.id }, data: { nextItemNumber: { increment: 0 } }, select: { id: true } });
      const state = await loadState(tx, project.id);
      const planned = plan(state, project, incoming, options);
      const workspaceId = ctx.workspace.id;
      const ids = new Map<string, string>();
      const real = (id: string | null | undefined) => (id === null || id === undefined ? id : (ids.get(id) ?? id));

      for (const owner of planned.ownersToCreate) {
        const created = await tx.owner.create({ data: { workspaceId, name: owner.name, kind: owner.kind, email: owner.email } });
        ids.set(`${NEW}owner:${owner.name.toLowerCase()}`, created.id);
      }
      const resolveOwner = (data: Record<string, unknown>) => ("defaultOwnerId" in data ? { ...data, defaultOwnerId: real(data.defaultOwnerId as string | null) } : data);

      for (const phase of planned.phases) {
        if (!phase.target) {
          const created = await tx.phase.create({ data: { workspaceId, projectId: project.id, ...(resolveOwner(phase.data) as { name: string; position: number }) } });
          ids.set(phase.id, created.id);
        } else if (Object.keys(phase.data).length) {
          await tx.phase.updateMany({ where: { id: phase.id }, data: resolveOwner(phase.data) });
        }
      }
      for (const phase of planned.phases) {
        if (!phase.dependsOn || (phase.target && !phase.changes.includes("dependsOn"))) continue;
        const phaseId = real(phase.id)!;
        await tx.phaseDependency.deleteMany({ where: { phaseId } });
        if (phase.dependsOn.length) await tx.phaseDependency.createMany({ data: phase.dependsOn.map((d) => ({ workspaceId, phaseId, dependsOnId: real(d)! })) });
      }

      const createdBy = actorUserId(ctx);
      const numberById = new Map<string, number>([...state.items.map((i) => [i.id, i.number] as const), ...planned.items.map((p) => [p.id, p.number] as const)]);
      const keyOfId = (id: string) => itemKey(project.keyPrefix, numberById.get(id) ?? 0);
      const history: { itemId: string; changes: FieldChange[] }[] = [];
      for (const item of planned.items) {
        const phaseId = real(item.phaseId);
        const ownerId = real(item.ownerId);
        if (!item.target) {
          const created = await tx.item.create({
            data: {
              workspaceId,
              projectId: project.id,
              number: item.number,
              title: item.values.title ?? "Untitled",
              ...itemData(item.values),
              phaseId: phaseId ?? null,
              ownerId: ownerId ?? null,
              externalId: item.externalId ?? null,
              createdById: createdBy,
            },
          });
          ids.set(item.id, created.id);
          history.push({ itemId: created.id, changes: [] });
          continue;
        }
        if (!item.changes.length) continue;
        const data = { ...itemData(item.values), ...(phaseId !== undefined ? { phaseId } : {}), ...(ownerId !== undefined ? { ownerId } : {}), ...(item.externalId !== undefined ? { externalId: item.externalId } : {}) };
        const tracked = diffItem(item.target as unknown as Record<string, unknown>, data);
        const versioned = Object.keys(data).length > 0 || item.changes.includes("blockedBy");
        if (versioned) await tx.item.updateMany({ where: { id: item.id }, data: { ...data, version: { increment: 1 } } });
        const blockedBy = item.changes.includes("blockedBy")
          ? [{ field: "blockedBy", from: state.itemDeps.filter((d) => d.blockedId === item.id).map((d) => keyOfId(d.blockerId)).sort(), to: (item.blockers ?? []).map(keyOfId).sort() }]
          : [];
        const added = item.evidence.length ? [{ field: "evidence", from: null, to: `${item.evidence.length} imported` }] : [];
        const changes = [...tracked, ...blockedBy, ...added];
        if (changes.length) history.push({ itemId: item.id, changes });
      }
      await recordItemActivities(tx, ctx, project.id, "item.imported", history);
      for (const item of planned.items) {
        if (!item.blockers || (item.target && !item.changes.includes("blockedBy"))) continue;
        const blockedId = real(item.id)!;
        await tx.itemDependency.deleteMany({ where: { blockedId } });
        if (item.blockers.length) await tx.itemDependency.createMany({ data: item.blockers.map((b) => ({ workspaceId, blockerId: real(b)!, blockedId })) });
      }
      const maxNumber = Math.max(0, ...planned.items.map((p) => p.number));
      await tx.project.updateMany({ where: { id: project.id, nextItemNumber: { lte: maxNumber } }, data: { nextItemNumber: maxNumber + 1 } });

      const members = new Map(state.members.map((m) => [m.email.toLowerCase(), m.id]));
      const evidenceRows = (list: IncomingEvidence[], target: { itemId: string } | { criterionId: string }) =>
        list.map((e) => ({ workspaceId, projectId: project.id, ...target, kind: e.kind, url: e.url, command: e.command, output: e.output, note: e.note, filePath: e.filePath, createdAt: new Date(e.createdAt), createdById: e.createdBy ? (members.get(e.createdBy.toLowerCase()) ?? null) : null }));
      const evidence = planned.items.flatMap((p) => evidenceRows(p.evidence, { itemId: real(p.id)! }));

      const phaseIdByRef = new Map(planned.phases.map((p) => [p.ref, real(p.id)!]));
      for (const gate of planned.gates) {
        let gateId = gate.id;
        if (!gate.target) {
          const created = await tx.gate.create({ data: { workspaceId, projectId: project.id, ...(gate.data as { name: string }), targetDate: toDate(gate.data.targetDate as string | null) ?? null } });
          gateId = created.id;
        } else if (Object.keys(gate.data).length) {
          const data = { ...gate.data, ...("targetDate" in gate.data ? { targetDate: toDate(gate.data.targetDate as string | null) } : {}) };
          await tx.gate.updateMany({ where: { id: gateId }, data });
        }
        if (gate.approverIds) {
          await tx.gateApprover.deleteMany({ where: { gateId } });
          if (gate.approverIds.length) await tx.gateApprover.createMany({ data: gate.approverIds.map((userId) => ({ workspaceId, gateId, userId })) });
        }
        // Criteria the file does not list keep their place after the file's.
        const kept = gate.target ? gate.target.criteria.filter((c) => !gate.criteria.some((p) => p.targetId === c.id)) : [];
        for (const c of gate.criteria) {
          const rule = resolveRule(c.incoming.rule, phaseIdByRef);
          let criterionId = c.targetId;
          if (!criterionId) {
            const created = await tx.criterion.create({ data: { workspaceId, gateId, position: c.position, title: c.incoming.title, description: c.incoming.description, type: c.incoming.type, required: c.incoming.required, ...(rule ? { rule } : {}) } });
            criterionId = created.id;
          } else if (c.changes.some((k) => k !== "evidence")) {
            await tx.criterion.updateMany({ where: { id: criterionId }, data: { position: c.position, description: c.incoming.description, type: c.incoming.type, required: c.incoming.required, rule: rule ?? Prisma.DbNull } });
          }
          evidence.push(...evidenceRows(c.evidence, { criterionId }));
        }
        for (const [offset, c] of kept.entries()) {
          const position = gate.criteria.length + offset;
          if (c.position !== position) await tx.criterion.updateMany({ where: { id: c.id }, data: { position } });
        }
      }
      if (evidence.length) await tx.evidence.createMany({ data: evidence });

      if (planned.describe) await tx.project.updateMany({ where: { id: project.id }, data: { description: incoming.description! } });
      const summary = planned.preview.totals;
      await tx.planImport.create({
        data: { workspaceId, projectId: project.id, format: options.format, fileName, source, sha256: createHash("sha256").update(source).digest("hex"), summary, createdById: createdBy },
      });
      await recordAuditEvent(tx, ctx, { action: "register.imported", targetType: "project", targetId: project.id, metadata: { format: options.format, fileName, ...summary } });
      return planned.preview;
    },
    { timeout: 120_000, maxWait: 20_000 },
  );
  await publishChange({ workspaceId: ctx.workspace.id, projectId: project.id, type: "project", ref: project.id });
  return preview;
}
