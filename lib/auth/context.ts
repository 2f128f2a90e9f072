import type { Role } from "@/lib/generated/prisma/enums";
import type { ScopedDb } from "@/lib/db/scoped";

/**
 * The context every workspace service receives. Only requireWorkspace and
 * withWorkspace (lib/auth/workspace.ts) build one, after checking membership.
 */
export interface WorkspaceContext {
  workspace: { id: string; slug: string; name: string };
  member: { role: Role };
  actor:
    | { type: "user"; userId: string; email: string }
    | { type: "apiKey"; apiKeyId: string; name: string }
    /** An operator at the command line (readyroom CLI, seed). */
    | { type: "system"; name: string };
  db: ScopedDb;
  request: { id: string; ip?: string; userAgent?: string };
}

export function actorFields(ctx: WorkspaceContext): { actorUserId: string | null; actorApiKeyId: string | null } {
  if (ctx.actor.type === "user") return { actorUserId: ctx.actor.userId, actorApiKeyId: null };
  if (ctx.actor.type === "apiKey") return { actorUserId: null, actorApiKeyId: ctx.actor.apiKeyId };
  return { actorUserId: null, actorApiKeyId: null };
}

export function actorUserId(ctx: WorkspaceContext): string | null {
  return ctx.actor.type === "user" ? ctx.actor.userId : null;
}
