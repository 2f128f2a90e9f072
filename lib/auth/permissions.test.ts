import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/generated/prisma/enums";
import { API_KEY_ROLE, PERMISSIONS, ROLES, assignableRoles, can, type Permission } from "./permissions";

const ALL = Object.keys(PERMISSIONS) as Permission[];
/** Permissions that only look at data. `audit.read` is deliberately not among them: it is for admins. */
const READS: Permission[] = ["workspace.read", "members.read", "projects.read", "items.read", "gates.read"];

describe("permission table", () => {
  it("names every role in ROLES", () => {
    expect([...ROLES].sort()).toEqual(["admin", "member", "owner", "viewer"]);
  });

  it("lets an owner do everything", () => {
    for (const permission of ALL) expect(can("owner", permission), permission).toBe(true);
  });

  it("lets every role read workspace data", () => {
    for (const role of ROLES) for (const permission of READS) expect(can(role, permission), `${role} ${permission}`).toBe(true);
  });

  it("lets a viewer read but never write", () => {
    const viewerMay = ALL.filter((p) => can("viewer", p)).sort();
    expect(viewerMay).toEqual([...READS].sort());
    for (const permission of ["projects.create", "projects.update", "projects.delete", "items.write", "gates.write", "gates.decide", "workspace.update", "members.manage"] as const) {
      expect(can("viewer", permission), permission).toBe(false);
    }
  });

  it("lets a member work on projects, items and gates", () => {
    for (const permission of ["projects.create", "projects.update", "items.write", "gates.write"] as const) {
      expect(can("member", permission), permission).toBe(true);
    }
  });

  it("does not let a member manage the workspace, its people, keys, or decide gates", () => {
    for (const permission of [
      "members.manage",
      "invitations.manage",
      "gates.decide",
      "apiKeys.manage",
      "webhooks.manage",
      "audit.read",
      "workspace.update",
      "workspace.delete",
      "projects.delete",
    ] as const) {
      expect(can("member", permission), permission).toBe(false);
    }
  });

  it("lets an admin do everything but delete the workspace and require SSO (which owners may bypass)", () => {
    expect(can("admin", "workspace.delete")).toBe(false);
    expect(ALL.filter((p) => !can("admin", p))).toEqual(["workspace.delete", "sso.enforce"]);
    expect(PERMISSIONS["workspace.delete"]).toEqual(["owner"]);
    expect(PERMISSIONS["sso.enforce"]).toEqual(["owner"]);
  });

  it("never grants a lower role something a higher role lacks", () => {
    const rank: Record<Role, number> = { owner: 3, admin: 2, member: 1, viewer: 0 };
    for (const permission of ALL) {
      for (const lower of ROLES) {
        for (const higher of ROLES) {
          if (rank[higher] > rank[lower] && can(lower, permission)) expect(can(higher, permission), `${higher} ${permission}`).toBe(true);
        }
      }
    }
  });
});

describe("assignableRoles", () => {
  it("lets an owner grant every role, including owner", () => {
    expect([...assignableRoles("owner")].sort()).toEqual(["admin", "member", "owner", "viewer"]);
  });

  it("lets an admin grant admin, member and viewer but not owner", () => {
    expect([...assignableRoles("admin")].sort()).toEqual(["admin", "member", "viewer"]);
    expect(assignableRoles("admin")).not.toContain("owner");
  });

  it("lets members and viewers grant nothing", () => {
    expect(assignableRoles("member")).toEqual([]);
    expect(assignableRoles("viewer")).toEqual([]);
  });
});

describe("API_KEY_ROLE", () => {
  it("maps read → viewer, write → member, admin → admin", () => {
    expect(API_KEY_ROLE).toEqual({ read: "viewer", write: "member", admin: "admin" });
  });

  it("never gives an API key the owner role", () => {
    expect(Object.values(API_KEY_ROLE)).not.toContain("owner");
    for (const role of Object.values(API_KEY_ROLE)) expect(can(role, "workspace.delete")).toBe(false);
  });

  it("keeps a read key from writing and a write key from deleting projects", () => {
    expect(can(API_KEY_ROLE.read, "projects.create")).toBe(false);
    expect(can(API_KEY_ROLE.read, "projects.read")).toBe(true);
    expect(can(API_KEY_ROLE.write, "projects.create")).toBe(true);
    expect(can(API_KEY_ROLE.write, "projects.delete")).toBe(false);
    expect(can(API_KEY_ROLE.admin, "apiKeys.manage")).toBe(true);
  });
});
