import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import type { UpdateWorkspaceInput } from "@/lib/validation/workspace";
import { recordAuditEvent } from "../audit/record-audit-event";

/**
 * A workspace may let SSO users of a domain join by themselves, so claiming a
 * domain must mean something: a person may add only the domain of their own
 * (identity-provider verified) email address. Domains already on the list may
 * stay; removing is always allowed.
 */
function assertMayClaim(ctx: WorkspaceContext, current: string[], next: string[]) {
  const added = next.filter((d) => !current.includes(d));
  if (added.length === 0 || ctx.actor.type === "system") return;
  const own = ctx.actor.type === "user" ? ctx.actor.email.toLowerCase().split("@")[1] : undefined;
  const foreign = added.filter((d) => d !== own);
  if (foreign.length > 0) {
    throw new AppError(
      "validation_failed",
      own ? `Only your own email domain (${own}) can be added: Readyroom must know the domain is yours.` : "Only a person can add an email domain.",
      [{ path: "allowedDomains", message: own ? `cannot add ${foreign.join(", ")}: only your own domain (${own}) can be added` : `cannot add ${foreign.join(", ")}` }],
    );
  }
}

export async function updateWorkspace({ ctx, input }: { ctx: WorkspaceContext; input: UpdateWorkspaceInput }) {
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.workspace.findFirstOrThrow({ where: { id: ctx.workspace.id } });
    const data = { ...input, ...(input.allowedDomains ? { allowedDomains: [...new Set(input.allowedDomains)] } : {}) };
    if (data.allowedDomains) assertMayClaim(ctx, before.allowedDomains, data.allowedDomains);
    const updated = await tx.workspace.update({ where: { id: ctx.workspace.id }, data });
    const changes = Object.fromEntries(
      Object.keys(data).map((k) => [k, { from: before[k as keyof typeof before], to: updated[k as keyof typeof updated] }]),
    );
    await recordAuditEvent(tx, ctx, { action: "workspace.updated", targetType: "workspace", targetId: ctx.workspace.id, metadata: JSON.parse(JSON.stringify(changes)) });
    return updated;
  });
}
