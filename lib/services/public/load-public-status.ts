import "server-only";
import { systemWorkspaceContext } from "@/lib/auth/system";
import { findPublishedProject } from "@/lib/db/global/public-projects";
import type { CriterionState, Outcome } from "@/lib/domain/gates";
import { isClosed } from "@/lib/domain/items";
import type { Severity } from "@/lib/generated/prisma/enums";
import { CLOSED_STATUSES } from "@/lib/validation/item";
import { type PublicSection, readPublicSettings } from "@/lib/validation/public-status";
import { evaluateGate } from "../gates/evaluate-gate";

/**
 * What a published project shows, and nothing more: a section the admins did
 * not opt in to is absent (not empty), and its data is not even read. Item
 * descriptions, evidence, owners and emails are never read here.
 */
export interface PublicStatus {
  slug: string;
  project: { name: string };
  gate: { name: string; targetDate: string | null } | null;
  /** The last decision in effect (fully signed off), when shown. */
  decision?: { outcome: Outcome; decidedAt: string } | null;
  recommendation?: { outcome: Outcome } | null;
  phases?: { name: string; total: number; done: number }[];
  severityCounts?: Record<Severity, number>;
  criteria?: { title: string; required: boolean; state: CriterionState }[];
  /** Titles of the open items flagged as release blockers (at most 10). */
  openBlockers?: string[];
  /** The latest change to anything shown. */
  updatedAt: string;
  /** Sections shown, and where the embed may be framed. */
  show: Record<PublicSection, boolean>;
  embedOrigins: string[];
}

const MAX_BLOCKER_TITLES = 10;
const SEVERITIES: Severity[] = ["critical", "high", "medium", "low"];

/** Reads a published project's public status; null for a slug that is unknown or not published (the two are not told apart). */
export async function loadPublicStatus(publicSlug: string): Promise<PublicStatus | null> {
  const project = await findPublishedProject(publicSlug);
  if (!project) return null;
  const { show, embedOrigins } = readPublicSettings(project.publicSettings);
  const ctx = await systemWorkspaceContext(project.workspace.slug, "public-status");
  const db = ctx.db;
  const projectId = project.id;

  const [gate, latestItem] = await Promise.all([
    db.gate.findFirst({
      where: { projectId },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: {
        id: true,
        name: true,
        targetDate: true,
        updatedAt: true,
        decisions: { orderBy: { createdAt: "desc" }, take: 20, select: { outcome: true, createdAt: true, requiredApprovals: true, _count: { select: { approvals: true } } } },
      },
    }),
    db.item.aggregate({ where: { projectId }, _max: { updatedAt: true } }),
  ]);

  const status: PublicStatus = {
    slug: publicSlug,
    project: { name: project.name },
    gate: gate ? { name: gate.name, targetDate: gate.targetDate ? gate.targetDate.toISOString().slice(0, 10) : null } : null,
    updatedAt: "",
    show,
    embedOrigins,
  };
  const effective = gate?.decisions.find((d) => d._count.approvals >= d.requiredApprovals) ?? null;
  if (show.decision) status.decision = effective ? { outcome: effective.outcome, decidedAt: effective.createdAt.toISOString() } : null;

  const evaluation = gate && (show.recommendation || show.criteria) ? await evaluateGate({ ctx, projectSlug: project.slug, gateId: gate.id }) : null;
  if (show.recommendation) status.recommendation = evaluation ? { outcome: evaluation.recommendation.outcome } : null;
  if (show.criteria) status.criteria = (evaluation?.criteria ?? []).map((c) => ({ title: c.title, required: c.required, state: c.state }));

  if (show.phases) {
    const [phases, groups] = await Promise.all([
      db.phase.findMany({ where: { projectId }, orderBy: { position: "asc" }, select: { id: true, name: true } }),
      db.item.groupBy({ by: ["phaseId", "status"], where: { projectId, phaseId: { not: null } }, _count: { _all: true } }),
    ]);
    status.phases = phases.map((p) => {
      const rows = groups.filter((g) => g.phaseId === p.id);
      return { name: p.name, total: rows.reduce((n, g) => n + g._count._all, 0), done: rows.filter((g) => isClosed(g.status)).reduce((n, g) => n + g._count._all, 0) };
    });
  }
  if (show.severityCounts) {
    const groups = await db.item.groupBy({ by: ["severity"], where: { projectId, status: { notIn: [...CLOSED_STATUSES, "deferred"] } }, _count: { _all: true } });
    status.severityCounts = Object.fromEntries(SEVERITIES.map((s) => [s, groups.find((g) => g.severity === s)?._count._all ?? 0])) as Record<Severity, number>;
  }
  if (show.itemTitles) {
    const blockers = await db.item.findMany({ where: { projectId, blocker: true, status: { notIn: [...CLOSED_STATUSES, "deferred"] } }, orderBy: { number: "asc" }, take: MAX_BLOCKER_TITLES, select: { title: true } });
    status.openBlockers = blockers.map((b) => b.title);
  }

  const times = [project.updatedAt, latestItem._max.updatedAt, gate?.updatedAt, gate?.decisions[0]?.createdAt].filter((t): t is Date => Boolean(t)).map((t) => t.getTime());
  status.updatedAt = new Date(Math.max(...times)).toISOString();
  return status;
}
