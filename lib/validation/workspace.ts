import { z } from "zod";
import { name, role, slug, timestamp } from "./common";

/** Workspace slugs are the first segment of app URLs, so they cannot shadow a top-level route. */
export const RESERVED_WORKSPACE_SLUGS = new Set([
  "api", "app", "auth", "signin", "signout", "invite", "invitations", "new", "settings", "status", "embed",
  "badge", "docs", "admin", "_next", "static", "public", "health", "ready", "workspaces", "account",
]);

const workspaceSlug = slug.refine((s) => !RESERVED_WORKSPACE_SLUGS.has(s), "is reserved");

export const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "must be a domain such as example.com");

export const createWorkspaceInput = z.strictObject({ slug: workspaceSlug, name });
export type CreateWorkspaceInput = z.infer<typeof createWorkspaceInput>;

export const updateWorkspaceInput = z
  .strictObject({
    name: name.optional(),
    allowedDomains: z.array(domainName).max(20).optional(),
    domainAutoJoin: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Send at least one field to change.");
export type UpdateWorkspaceInput = z.infer<typeof updateWorkspaceInput>;

export const workspaceOutput = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  allowedDomains: z.array(z.string()),
  domainAutoJoin: z.boolean(),
  createdAt: timestamp,
});

export const workspaceSummaryOutput = z.object({ id: z.string(), slug: z.string(), name: z.string(), role });

export const memberOutput = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role,
  joinedAt: timestamp,
});

export const addMemberInput = z.strictObject({ email: z.string().trim().toLowerCase().pipe(z.email("must be an email address")), role });
export const updateMemberInput = z.strictObject({ role });

/** A workspace as its member reads it: with the caller's role. */
export const workspaceWithRoleOutput = workspaceOutput.extend({ role });
