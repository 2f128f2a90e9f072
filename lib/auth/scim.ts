import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { findActiveScimToken } from "@/lib/db/global/sso";
import { scopedDb } from "@/lib/db/scoped";
import { requestInfo, type RouteParams } from "@/lib/http/route";
import { REQUEST_ID_HEADER } from "@/lib/http/request-id";
import { appOrigin } from "@/lib/http/urls";
import { logger } from "@/lib/logger";
import { annotateRequest } from "@/lib/observability/runtime.mjs";
import { scimErrorResponse, ScimError } from "@/lib/scim/protocol";
import { bearerToken } from "./api-key-secret";
import type { WorkspaceContext } from "./context";

/**
 * The SCIM endpoint's way to a WorkspaceContext (beside requireWorkspace and
 * withWorkspace in ./workspace.ts): the bearer token is the workspace's SCIM
 * token, and everything it reaches is that workspace's. Errors are SCIM's.
 */
export function generateScimToken(): { token: string; prefix: string; hash: string } {
  const prefix = `rrscim_${randomBytes(6).toString("hex")}`;
  const token = `${prefix}_${randomBytes(32).toString("base64url")}`;
  return { token, prefix, hash: hashScimToken(token) };
}

export function hashScimToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

type RouteContext<P> = { params: Promise<P> };

export function withScim<P extends RouteParams>(handler: (args: { req: Request; params: P; ctx: WorkspaceContext; base: string }) => Promise<Response>) {
  return async (req: Request, context: RouteContext<P>): Promise<Response> => {
    const request = await requestInfo(req);
    let response: Response;
    try {
      const token = bearerToken(req.headers.get("authorization"));
      const found = token ? await findActiveScimToken(hashScimToken(token)) : null;
      if (!found) {
        response = scimErrorResponse(401, "Send the workspace's SCIM token as Authorization: Bearer <token>.");
        response.headers.set("www-authenticate", 'Bearer realm="Readyroom SCIM"');
      } else {
        annotateRequest({ workspaceId: found.workspace.id });
        const ctx: WorkspaceContext = {
          workspace: found.workspace,
          member: { role: "admin" },
          actor: { type: "system", name: `SCIM token ${found.name}` },
          db: await scopedDb(found.workspace.id),
          request,
        };
        const base = `${appOrigin(req)}/api/scim/v2`;
        response = await handler({ req, params: (await context?.params) ?? ({} as P), ctx, base });
      }
    } catch (error) {
      if (error instanceof ScimError) response = scimErrorResponse(error.status, error.message, error.scimType);
      // Two provisioning calls for the same person at once: the loser is told it exists.
      else if ((error as { code?: unknown }).code === "P2002") response = scimErrorResponse(409, "A user or group with this name already exists.", "uniqueness");
      else {
        logger.error({ requestId: request.id, err: error }, "unhandled SCIM error");
        response = scimErrorResponse(500, `Something went wrong on our side (request ${request.id}).`);
      }
    }
    response.headers.set(REQUEST_ID_HEADER, request.id);
    response.headers.set("cache-control", "no-store");
    return response;
  };
}
