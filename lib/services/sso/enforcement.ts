import "server-only";
import { can } from "@/lib/auth/permissions";
import type { WorkspaceContext } from "@/lib/auth/context";
import { endSessionsForEnforcement } from "@/lib/db/global/sso";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { recordAuditEvent } from "../audit/record-audit-event";
import { assertPerson } from "./domains";

/**
 * Requiring SSO (docs/decisions/0019-enterprise-sso-plan.md): members whose
 * address is in a domain of an enabled connection may then sign in only
 * through it. Owners keep every other way in (the break-glass path), audited.
 */
export async function getSsoSettings({ ctx }: { ctx: WorkspaceContext }) {
  const [workspace, connections] = await Promise.all([
    ctx.db.workspace.findFirstOrThrow({ where: { id: ctx.workspace.id }, select: { ssoEnforced: true } }),
    ctx.db.ssoConnection.findMany({ where: { enabled: true }, select: { domains: true } }),
  ]);
  const enforcedDomains = [...new Set(connections.flatMap((c) => c.domains))].sort();
  return { enforced: workspace.ssoEnforced, enforceable: enforcedDomains.length > 0, enforcedDomains };
}

export async function setSsoEnforcement({ ctx, enforced }: { ctx: WorkspaceContext; enforced: boolean }) {
  assertPerson(ctx);
  if (!can(ctx.member.role, "sso.enforce")) throw new ForbiddenError(`Your role (${ctx.member.role}) cannot do this: only owners require SSO.`);
  const before = await getSsoSettings({ ctx });
  if (enforced && !before.enforceable) throw new ConflictError("Enable an identity provider bound to a verified domain before requiring SSO: nobody could sign in otherwise.");
  if (before.enforced === enforced) return before;
  // Turned on: members of the enforced domains sign in again, through the identity provider.
  const sessionsEnded = enforced ? await endSessionsForEnforcement(ctx.workspace.id, before.enforcedDomains) : 0;
  await ctx.db.$transaction(async (tx) => {
    await tx.workspace.update({ where: { id: ctx.workspace.id }, data: { ssoEnforced: enforced } });
    await recordAuditEvent(tx, ctx, { action: enforced ? "sso.enforcement_enabled" : "sso.enforcement_disabled", targetType: "workspace", targetId: ctx.workspace.id, metadata: { domains: before.enforcedDomains, sessionsEnded } });
  });
  return { ...before, enforced };
}
