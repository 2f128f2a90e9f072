import { notFound, redirect } from "next/navigation";
import { findMembershipBySlug } from "@/lib/db/global/identity";
import { scopedDb } from "@/lib/db/scoped";
import { AppError, ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { toErrorResponse } from "@/lib/http/errors";
import { idempotent } from "@/lib/http/idempotency";
import { withErrors, type RequestInfo, type RouteParams } from "@/lib/http/route";
import { annotateRequest } from "@/lib/observability/runtime.mjs";
import { currentCaller, limitCaller, requireCaller, type Caller } from "./caller";
import type { WorkspaceContext } from "./context";
import { API_KEY_ROLE, can, type Permission } from "./permissions";

/**
 * The only two ways to get a WorkspaceContext. Both load the workspace through
 * the caller's membership (or the API key's own workspace); anything else,
 * including another tenant's workspace, is "not found".
 */
async function resolveWorkspace(caller: Caller, slug: string, request: RequestInfo): Promise<WorkspaceContext | null> {
  let workspace: WorkspaceContext["workspace"];
  let role: Role;
  let actor: WorkspaceContext["actor"];
  if (caller.type === "apiKey") {
    if (caller.workspace.slug !== slug) return null;
    workspace = caller.workspace;
    role = API_KEY_ROLE[caller.role];
    actor = { type: "apiKey", apiKeyId: caller.apiKeyId, name: caller.name };
  } else {
    const membership = await findMembershipBySlug(caller.userId, slug);
    if (!membership) return null;
    workspace = membership.workspace;
    role = membership.role;
    actor = { type: "user", userId: caller.userId, email: caller.email };
  }
  annotateRequest({ workspaceId: workspace.id, ...(actor.type === "user" ? { userId: actor.userId } : { apiKeyId: actor.apiKeyId }) });
  return { workspace, member: { role }, actor, db: await scopedDb(workspace.id), request };
}

/** For server components: redirects to sign-in when signed out, 404 when not a member. */
export async function requireWorkspace(slug: string, permission: Permission = "workspace.read"): Promise<WorkspaceContext> {
  const caller = await currentCaller();
  if (!caller || caller.type !== "user") redirect(`/signin?callbackUrl=${encodeURIComponent(`/${slug}`)}`);
  const ctx = await resolveWorkspace(caller, slug, { id: crypto.randomUUID() });
  if (!ctx) notFound();
  if (!can(ctx.member.role, permission)) notFound();
  return ctx;
}

export interface WorkspaceRouteOptions {
  permission: Permission;
}

/** The handler's response with the caller's `X-RateLimit-*` headers. */
async function limited(caller: Caller, request: RequestInfo, respond: () => Promise<Response>): Promise<Response> {
  const headers = await limitCaller(caller);
  let response: Response;
  try {
    response = await respond();
  } catch (error) {
    response = toErrorResponse(error, request.id);
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** For route handlers under /api/v1/workspaces/{ws}/… */
export function withWorkspace<P extends RouteParams & { ws: string }>(
  handler: (args: { req: Request; params: P; ctx: WorkspaceContext }) => Promise<Response>,
  options: WorkspaceRouteOptions,
) {
  return withErrors<P>(async ({ req, params, request }) => {
    const caller = await requireCaller(req);
    return limited(caller, request, async () => {
      const ctx = await resolveWorkspace(caller, params.ws, request);
      if (!ctx) throw new NotFoundError("Workspace");
      if (!can(ctx.member.role, options.permission)) {
        throw new ForbiddenError(`Your role (${ctx.member.role}) cannot do this: it needs ${options.permission}.`);
      }
      return idempotent(req, `workspace:${ctx.workspace.id}`, () => handler({ req, params, ctx }));
    });
  });
}

/** For routes that need a signed-in person but no workspace yet (/me, creating a workspace, accepting an invitation). */
export function withUser<P extends RouteParams>(
  handler: (args: { req: Request; params: P; user: Extract<Caller, { type: "user" }>; request: RequestInfo }) => Promise<Response>,
) {
  return withErrors<P>(async ({ req, params, request }) => {
    const caller = await requireCaller(req);
    if (caller.type !== "user") {
      throw new AppError("forbidden", "This endpoint needs a signed-in person; API keys belong to one workspace.");
    }
    annotateRequest({ userId: caller.userId });
    return limited(caller, request, () => idempotent(req, `user:${caller.userId}`, () => handler({ req, params, user: caller, request })));
  });
}
