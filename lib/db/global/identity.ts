import { randomBytes } from "node:crypto";
import { rawDb } from "../client";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * Identity look-ups that precede any workspace: who the caller is and which
 * workspaces they belong to. These are the only reads across workspaces, and
 * each is keyed by the caller's own user id.
 */
export interface WorkspaceSummary {
  id: string;
  slug: string;
  name: string;
  role: Role;
}

export async function findUser(userId: string) {
  const db = await rawDb();
  return db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, image: true } });
}

export async function findUserByEmail(email: string) {
  const db = await rawDb();
  return db.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, email: true, name: true } });
}

export async function listWorkspacesOfUser(userId: string): Promise<WorkspaceSummary[]> {
  const db = await rawDb();
  const rows = await db.membership.findMany({
    where: { userId },
    select: { role: true, workspace: { select: { id: true, slug: true, name: true } } },
    orderBy: { workspace: { name: "asc" } },
  });
  return rows.map((r) => ({ ...r.workspace, role: r.role }));
}

/** The caller's membership in the workspace with this slug, or null: a missing workspace and another tenant's look the same. */
export async function findMembershipBySlug(userId: string, slug: string) {
  const db = await rawDb();
  const row = await db.membership.findFirst({
    where: { userId, workspace: { slug } },
    select: { role: true, workspace: { select: { id: true, slug: true, name: true } } },
  });
  return row ? { workspace: row.workspace, role: row.role } : null;
}

/** A database session for a user, as Auth.js would create it (demo sign-in only). */
export async function createSession(userId: string, maxAgeSeconds: number) {
  const db = await rawDb();
  const sessionToken = randomBytes(32).toString("base64url");
  const expires = new Date(Date.now() + maxAgeSeconds * 1000);
  await db.session.create({ data: { sessionToken, userId, expires } });
  return { sessionToken, expires };
}

/**
 * Joins a signed-in SSO user to every workspace that lets its email domain join
 * on its own (`domainAutoJoin`), as a member — only where the workspace has
 * also verified the domain by DNS, so that nobody can list a domain they do
 * not control and collect its people.
 */
export async function joinWorkspacesByEmailDomain(userId: string, email: string): Promise<string[]> {
  const domain = email.toLowerCase().split("@")[1];
  if (!domain) return [];
  const db = await rawDb();
  const workspaces = await db.workspace.findMany({
    where: { domainAutoJoin: true, allowedDomains: { has: domain }, domains: { some: { verifiedDomain: domain } }, memberships: { none: { userId } } },
    select: { id: true },
  });
  for (const workspace of workspaces) {
    await db.$transaction([
      db.membership.create({ data: { workspaceId: workspace.id, userId, role: "member" } }),
      db.auditEvent.create({
        data: {
          workspaceId: workspace.id,
          actorUserId: userId,
          action: "member.joined_by_domain",
          targetType: "membership",
          targetId: userId,
          metadata: { domain },
        },
      }),
    ]);
  }
  return workspaces.map((w) => w.id);
}

/** The command line acts as the operator of the deployment; it looks a workspace up by slug alone. */
export async function findWorkspaceForOperator(slug: string) {
  const db = await rawDb();
  return db.workspace.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
}

/** Operators (CLI, seed) create accounts directly; people normally arrive through SSO. */
export async function ensureUser(email: string, name?: string) {
  const db = await rawDb();
  return db.user.upsert({
    where: { email: email.toLowerCase() },
    create: { email: email.toLowerCase(), name: name ?? null },
    update: {},
    select: { id: true, email: true, name: true },
  });
}

/** Every workspace's slug, for jobs that an operator runs across the deployment (daily snapshots). */
export async function listWorkspaceSlugsForOperator(): Promise<string[]> {
  const db = await rawDb();
  return (await db.workspace.findMany({ orderBy: { createdAt: "asc" }, select: { slug: true } })).map((w) => w.slug);
}
