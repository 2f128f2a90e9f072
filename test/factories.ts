import { randomBytes } from "node:crypto";
import { systemWorkspaceContext } from "@/lib/auth/system";
import { ensureUser } from "@/lib/db/global/identity";
import { insertWorkspaceWithOwner } from "@/lib/db/global/workspaces";
import type { Role } from "@/lib/generated/prisma/enums";
import { createApiKey } from "@/lib/services/api-keys/create-api-key";
import { createItem } from "@/lib/services/items/create-item";
import { createOwner } from "@/lib/services/owners/owners";
import { createPhase } from "@/lib/services/phases/create-phase";
import { createProject } from "@/lib/services/projects/create-project";
import { createPhaseInput } from "@/lib/validation/phase";
import type { WorkspaceContext } from "@/lib/auth/context";

/**
 * Test data factories: every test file makes its own users and workspaces with
 * unique names, so files never depend on each other or on a clean database.
 */
export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

export interface TestUser {
  id: string;
  email: string;
}

export async function createUser(prefix = "user"): Promise<TestUser> {
  const handle = unique(prefix);
  const user = await ensureUser(`${handle}@test.readyroom.dev`, handle);
  return { id: user.id, email: user.email };
}

export interface TestWorkspace {
  slug: string;
  id: string;
  owner: TestUser;
  ctx: WorkspaceContext;
  members: Record<Role, TestUser>;
}

/** A workspace with one user of every role. */
export async function createWorkspace(prefix = "ws"): Promise<TestWorkspace> {
  const owner = await createUser(`${prefix}-owner`);
  const slug = unique(prefix);
  const workspace = await insertWorkspaceWithOwner({ slug, name: `Workspace ${slug}`, ownerUserId: owner.id });
  const ctx = await systemWorkspaceContext(slug, "test");
  const members = { owner } as Record<Role, TestUser>;
  for (const role of ["admin", "member", "viewer"] as const) {
    const user = await createUser(`${prefix}-${role}`);
    await ctx.db.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role } });
    members[role] = user;
  }
  return { slug, id: workspace.id, owner, ctx, members };
}

export async function createTestProject(ws: TestWorkspace, overrides: Partial<{ slug: string; name: string; keyPrefix: string }> = {}) {
  const slug = overrides.slug ?? unique("proj");
  return createProject({
    ctx: ws.ctx,
    input: { slug, name: overrides.name ?? `Project ${slug}`, description: "", keyPrefix: overrides.keyPrefix ?? `P${randomBytes(3).toString("hex").toUpperCase().replace(/[^A-Z0-9]/g, "X")}` },
  });
}

/** A project modelled on the fixture plans: a critical Phase 1 fix, a low Phase 3 polish item, and an owner who can take the deferral. */
export async function createReleaseRegister(ws: TestWorkspace) {
  const project = await createTestProject(ws);
  const owner = await createOwner({ ctx: ws.ctx, input: { name: `Polish ${project.slug}`, kind: "team" } });
  const phase1 = await createPhase({ ctx: ws.ctx, projectSlug: project.slug, input: createPhaseInput.parse({ name: "Phase 1" }) });
  const phase3 = await createPhase({ ctx: ws.ctx, projectSlug: project.slug, input: createPhaseInput.parse({ name: "Phase 3" }) });
  const fix = await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Fix token storage", phaseId: phase1.id, severity: "critical" } });
  const polish = await createItem({ ctx: ws.ctx, projectSlug: project.slug, input: { title: "Dark mode", phaseId: phase3.id, severity: "low" } });
  return { project, owner, phase1, phase3, fix, polish };
}

export async function createTestApiKey(ws: TestWorkspace, role: "read" | "write" | "admin" = "write") {
  const { key, apiKey } = await createApiKey({ ctx: ws.ctx, input: { name: unique("key"), role } });
  return { key, id: apiKey.id };
}

export const as = {
  user: (user: TestUser) => ({ user: { id: user.id, email: user.email } }),
  apiKey: (key: string) => ({ apiKey: key }),
};

/** A domain the workspace has verified, as if DNS had shown its record (lib/services/sso/domains.ts checks DNS for real). */
export async function verifyTestDomain(ws: TestWorkspace, domain: string) {
  return ws.ctx.db.workspaceDomain.create({
    data: { workspaceId: ws.id, domain, token: unique("token"), verifiedAt: new Date(), verifiedDomain: domain },
  });
}
