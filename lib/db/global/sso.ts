import { rawDb } from "../client";

/**
 * Enterprise sign-in look-ups that precede any workspace
 * (docs/decisions/0019-enterprise-sso-plan.md). A verified domain belongs to
 * one workspace; these are the only reads of it across workspaces.
 */

/** The workspace that has verified `domain`, or null. */
export async function workspaceOfVerifiedDomain(domain: string): Promise<string | null> {
  const db = await rawDb();
  const row = await db.workspaceDomain.findUnique({ where: { verifiedDomain: domain.toLowerCase() }, select: { workspaceId: true } });
  return row?.workspaceId ?? null;
}
