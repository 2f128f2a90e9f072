import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { REGISTER_SCHEMA, REGISTER_VERSION, type RegisterEvidence, type RegisterV1 } from "@/lib/domain/exchange/register-json";
import { itemKey } from "../items/item-dto";
import { getProjectInWorkspace } from "../projects/get-project";

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

type EvidenceRow = { kind: RegisterEvidence["kind"]; url: string | null; command: string | null; output: string | null; note: string | null; filePath: string | null; createdAt: Date; createdById: string | null };

/**
 * A project's register as a `readyroom.register` v1 document
 * (docs/register-json-v1.md): owners, phases, items with their evidence,
 * dependencies, and gates with their criteria. Everything is ordered, so two
 * exports of the same register are the same apart from `exportedAt`.
 */
export async function exportRegister({ ctx, projectSlug, now = new Date() }: { ctx: WorkspaceContext; projectSlug: string; now?: Date }): Promise<{ register: RegisterV1; project: { id: string; slug: string; name: string } }> {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const db = ctx.db;
  const [phases, phaseDeps, items, itemDeps, gates, evidence] = await Promise.all([
    db.phase.findMany({ where: { projectId: project.id }, orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }] }),
    db.phaseDependency.findMany({ where: { phase: { projectId: project.id } }, select: { phaseId: true, dependsOnId: true } }),
    db.item.findMany({ where: { projectId: project.id }, orderBy: { number: "asc" } }),
    db.itemDependency.findMany({ where: { blocked: { projectId: project.id } }, select: { blocker: { select: { number: true } }, blocked: { select: { number: true } } } }),
    db.gate.findMany({
      where: { projectId: project.id },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      include: { criteria: { orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }] }, approvers: { select: { userId: true } } },
    }),
    db.evidence.findMany({ where: { projectId: project.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
  ]);
  const ownerIds = new Set([...phases.map((p) => p.defaultOwnerId), ...items.map((i) => i.ownerId)].filter((id): id is string => Boolean(id)));
  const owners = ownerIds.size ? await db.owner.findMany({ where: { id: { in: [...ownerIds] } }, orderBy: { name: "asc" } }) : [];
  const ownerName = new Map(owners.map((o) => [o.id, o.name]));
  const userIds = [...new Set([...evidence.map((e) => e.createdById), ...gates.flatMap((g) => g.approvers.map((a) => a.userId))].filter((id): id is string => Boolean(id)))];
  const users = userIds.length ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }) : [];
  const email = new Map(users.map((u) => [u.id, u.email]));

  // A phase's ref is its external id, else `#<n>` by order (never one an external id already uses).
  const taken = new Set(phases.map((p) => p.externalId).filter(Boolean));
  const refs = new Map<string, string>();
  phases.forEach((p, i) => {
    let ref = p.externalId ?? `#${i + 1}`;
    while (!p.externalId && taken.has(ref)) ref = `${ref}'`;
    taken.add(ref);
    refs.set(p.id, ref);
  });
  const toEvidence = (e: EvidenceRow): RegisterEvidence => ({
    kind: e.kind,
    url: e.url,
    command: e.command,
    output: e.output,
    note: e.note,
    filePath: e.filePath,
    createdAt: e.createdAt.toISOString(),
    createdBy: e.createdById ? (email.get(e.createdById) ?? null) : null,
  });
  const evidenceBy = new Map<string, RegisterEvidence[]>();
  for (const e of evidence) {
    const owner = e.itemId ?? e.criterionId;
    if (!owner) continue;
    const list = evidenceBy.get(owner);
    if (list) list.push(toEvidence(e));
    else evidenceBy.set(owner, [toEvidence(e)]);
  }
  const evidenceOf = (id: string) => evidenceBy.get(id) ?? [];
  const dependsOn = (phaseId: string) =>
    phaseDeps
      .filter((d) => d.phaseId === phaseId)
      .map((d) => refs.get(d.dependsOnId)!)
      .sort();
  const phaseFilter = (rule: unknown): Record<string, unknown> | null => {
    if (!rule || typeof rule !== "object") return null;
    const r = rule as { filter?: { phase?: string } };
    if (!r.filter?.phase) return r as Record<string, unknown>;
    return { ...r, filter: { ...r.filter, phase: refs.get(r.filter.phase) ?? r.filter.phase } };
  };

  const register: RegisterV1 = {
    schema: REGISTER_SCHEMA,
    version: REGISTER_VERSION,
    exportedAt: now.toISOString(),
    project: { name: project.name, keyPrefix: project.keyPrefix, description: project.description },
    owners: owners.map((o) => ({ name: o.name, kind: o.kind, email: o.email })),
    phases: phases.map((p) => ({
      ref: refs.get(p.id)!,
      externalId: p.externalId,
      name: p.name,
      position: p.position,
      objective: p.objective,
      deliverables: p.deliverables,
      acceptanceCriteria: p.acceptanceCriteria,
      exitCriteria: p.exitCriteria,
      risks: p.risks,
      estimate: p.estimate,
      estimateDays: p.estimateDays,
      owner: p.defaultOwnerId ? (ownerName.get(p.defaultOwnerId) ?? null) : null,
      dependsOn: dependsOn(p.id),
    })),
    items: items.map((i) => ({
      number: i.number,
      key: itemKey(project.keyPrefix, i.number),
      externalId: i.externalId,
      title: i.title,
      description: i.description,
      kind: i.kind,
      severity: i.severity,
      status: i.status,
      blocker: i.blocker,
      phase: i.phaseId ? (refs.get(i.phaseId) ?? null) : null,
      owner: i.ownerId ? (ownerName.get(i.ownerId) ?? null) : null,
      effort: i.effort,
      dueDate: day(i.dueDate),
      impact: i.impact,
      reproSteps: i.reproSteps,
      rootCause: i.rootCause,
      recommendedFix: i.recommendedFix,
      fixPrUrl: i.fixPrUrl,
      files: i.files,
      auditRefs: i.auditRefs,
      acceptanceCriteria: i.acceptanceCriteria,
      verificationCommand: i.verificationCommand,
      labels: i.labels,
      position: i.position,
      closedAt: i.closedAt?.toISOString() ?? null,
      evidence: evidenceOf(i.id),
    })),
    dependencies: itemDeps.map((d) => ({ blocker: d.blocker.number, blocked: d.blocked.number })).sort((a, b) => a.blocked - b.blocked || a.blocker - b.blocker),
    gates: gates.map((g) => ({
      externalId: g.externalId,
      name: g.name,
      description: g.description,
      targetDate: day(g.targetDate),
      position: g.position,
      requiredApprovals: g.requiredApprovals,
      approvers: g.approvers.map((a) => email.get(a.userId)).filter((e): e is string => Boolean(e)).sort(),
      criteria: g.criteria.map((c) => ({
        title: c.title,
        description: c.description,
        type: c.type,
        required: c.required,
        rule: c.type === "rule" ? phaseFilter(c.rule) : null,
        evidence: evidenceOf(c.id),
      })),
    })),
  };
  return { register, project: { id: project.id, slug: project.slug, name: project.name } };
}
