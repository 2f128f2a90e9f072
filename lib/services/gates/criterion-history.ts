import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { getProjectInWorkspace } from "../projects/get-project";
import { findCriterion } from "./record-criterion-result";

/** How many marks, results and evidence entries the history lists (newest first). */
export const HISTORY_LIMIT = 100;

/**
 * Everything recorded against one criterion, newest first: people's marks
 * (manual), posted results (check) and the criterion's evidence, each with who
 * recorded it — a person's name or an API key's name — and when. The latest
 * mark or result is the one that counts; the earlier ones stay here.
 */
export async function listCriterionHistory({ ctx, projectSlug, gateId, criterionId }: { ctx: WorkspaceContext; projectSlug: string; gateId: string; criterionId: string }) {
  const project = await getProjectInWorkspace({ ctx, slug: projectSlug });
  const criterion = await findCriterion(ctx, project.id, gateId, criterionId);
  const [marks, checks, evidence] = await Promise.all([
    ctx.db.criterionMark.findMany({ where: { criterionId }, orderBy: { createdAt: "desc" }, take: HISTORY_LIMIT }),
    ctx.db.checkResult.findMany({ where: { criterionId }, orderBy: { createdAt: "desc" }, take: HISTORY_LIMIT }),
    ctx.db.evidence.findMany({ where: { criterionId }, orderBy: { createdAt: "desc" }, take: HISTORY_LIMIT }),
  ]);
  const userIds = [...marks.map((m) => m.markedById), ...checks.map((c) => c.createdById), ...evidence.map((e) => e.createdById)].filter((id): id is string => Boolean(id));
  const keyIds = [...checks.map((c) => c.apiKeyId), ...evidence.map((e) => e.apiKeyId)].filter((id): id is string => Boolean(id));
  const [users, keys] = await Promise.all([
    ctx.db.user.findMany({ where: { id: { in: [...new Set(userIds)] } }, select: { id: true, name: true, email: true } }),
    ctx.db.apiKey.findMany({ where: { id: { in: [...new Set(keyIds)] } }, select: { id: true, name: true } }),
  ]);
  const userNames = new Map(users.map((u) => [u.id, u.name ?? u.email]));
  const keyNames = new Map(keys.map((k) => [k.id, k.name]));
  const by = (userId: string | null, apiKeyId: string | null) => {
    if (userId) return { type: "user" as const, name: userNames.get(userId) ?? "Former member" };
    if (apiKeyId) return { type: "apiKey" as const, name: keyNames.get(apiKeyId) ?? "Revoked API key" };
    return null;
  };
  return {
    criterion: { id: criterion.id, title: criterion.title, type: criterion.type },
    marks: marks.map((m) => ({ id: m.id, result: m.result, justification: m.justification, by: by(m.markedById, null), at: m.createdAt.toISOString() })),
    checks: checks.map((c) => ({ id: c.id, status: c.status, summary: c.summary, url: c.url, commitSha: c.commitSha, buildRef: c.buildRef, by: by(c.createdById, c.apiKeyId), at: c.createdAt.toISOString() })),
    evidence: evidence.map((e) => ({ id: e.id, kind: e.kind, url: e.url, command: e.command, note: e.note, filePath: e.filePath, by: by(e.createdById, e.apiKeyId), at: e.createdAt.toISOString() })),
  };
}
