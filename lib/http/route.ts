import { headers } from "next/headers";
import { REQUEST_ID_HEADER, resolveRequestId } from "./request-id";
import { toErrorResponse } from "./errors";

/**
 * Every route handler is wrapped: it gets a request id, its errors become the
 * one error shape, and every response carries the id. Handlers have no
 * try/catch of their own.
 */
export type RouteParams = Record<string, string | string[] | undefined>;
export interface RouteContext<P extends RouteParams> {
  params: Promise<P>;
}

export interface RequestInfo {
  id: string;
  ip?: string;
  userAgent?: string;
}

export async function requestInfo(req: Request): Promise<RequestInfo> {
  const h = await headers();
  return {
    id: resolveRequestId(h.get(REQUEST_ID_HEADER) ?? req.headers.get(REQUEST_ID_HEADER)),
    ip: h.get("x-readyroom-client-ip") ?? undefined,
    userAgent: h.get("user-agent")?.slice(0, 300) ?? undefined,
  };
}

export function withErrors<P extends RouteParams>(
  handler: (args: { req: Request; params: P; request: RequestInfo }) => Promise<Response>,
) {
  return async (req: Request, context: RouteContext<P>): Promise<Response> => {
    const request = await requestInfo(req);
    let response: Response;
    try {
      response = await handler({ req, params: (await context?.params) ?? ({} as P), request });
    } catch (error) {
      response = toErrorResponse(error, request.id);
    }
    response.headers.set(REQUEST_ID_HEADER, request.id);
    if (!response.headers.has("cache-control")) response.headers.set("cache-control", "private, no-store");
    return response;
  };
}
