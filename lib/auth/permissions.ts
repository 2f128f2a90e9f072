import type { ApiKeyRole, Role } from "@/lib/generated/prisma/enums";

/**
 * The one permission table. Every check in the app names a permission from here;
 * nothing compares role names directly.
 */
export const PERMISSIONS = {
  "workspace.read": ["owner", "admin", "member", "viewer"],
  "workspace.update": ["owner", "admin"],
  "workspace.delete": ["owner"],
  "members.read": ["owner", "admin", "member", "viewer"],
  "members.manage": ["owner", "admin"],
  "invitations.manage": ["owner", "admin"],
  "projects.read": ["owner", "admin", "member", "viewer"],
  "projects.create": ["owner", "admin", "member"],
  "projects.update": ["owner", "admin", "member"],
  "projects.delete": ["owner", "admin"],
  /** Publishing a project's status to the world, and choosing what it shows. */
  "projects.publish": ["owner", "admin"],
  "items.read": ["owner", "admin", "member", "viewer"],
  "items.write": ["owner", "admin", "member"],
  "gates.read": ["owner", "admin", "member", "viewer"],
  "gates.write": ["owner", "admin", "member"],
  "gates.decide": ["owner", "admin"],
  "apiKeys.manage": ["owner", "admin"],
  "webhooks.manage": ["owner", "admin"],
  "audit.read": ["owner", "admin"],
  /** Domains, identity-provider connections, SSO enforcement and SCIM. */
  "sso.manage": ["owner", "admin"],
  /** Requiring SSO for the workspace's domains: owners keep the break-glass path, so only they decide it. */
  "sso.enforce": ["owner"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export const ROLES: readonly Role[] = ["owner", "admin", "member", "viewer"];

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** An API key acts with the workspace role that matches its own. */
export const API_KEY_ROLE: Record<ApiKeyRole, Role> = { read: "viewer", write: "member", admin: "admin" };

/** Which roles a member with `role` may hand out (nobody but an owner makes owners). */
export function assignableRoles(role: Role): Role[] {
  if (role === "owner") return ["owner", "admin", "member", "viewer"];
  if (role === "admin") return ["admin", "member", "viewer"];
  return [];
}
