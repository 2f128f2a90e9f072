import "server-only";
import { recordBreakGlassSignIn, ssoRequirementFor } from "@/lib/db/global/sso";
import { logger } from "@/lib/logger";

/** The sign-in page's message when a person must use their company's SSO (`/signin?error=SsoRequired`). */
export const SSO_REQUIRED = "SsoRequired";

export type NonSsoSignIn = { allowed: true } | { allowed: false; redirectTo: string };

/**
 * Whether a sign-in by any method other than the workspace's own identity
 * provider (the deployment's providers, demo sign-in) may go ahead for this
 * email. Refused while the workspace that verified the domain enforces SSO;
 * its owners pass (break-glass), and that is audited in the workspace.
 */
export async function nonSsoSignIn(email: string, method: string, request?: { id?: string; ip?: string | null; userAgent?: string | null }): Promise<NonSsoSignIn> {
  const requirement = await ssoRequirementFor(email);
  if (!requirement) return { allowed: true };
  if (requirement.ownerUserId) {
    await recordBreakGlassSignIn({ workspaceId: requirement.workspaceId, userId: requirement.ownerUserId, email: email.toLowerCase(), method, ...(request ? { request } : {}) });
    logger.warn({ workspaceId: requirement.workspaceId, userId: requirement.ownerUserId, method }, "owner signed in around enforced SSO (break-glass)");
    return { allowed: true };
  }
  return { allowed: false, redirectTo: `/signin?${new URLSearchParams({ error: SSO_REQUIRED, email: email.toLowerCase() })}` };
}
