import { headers } from "next/headers";
import { NotFoundError } from "@/lib/errors";
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

/**
 * Path segments name slugs, ids and keys, none of which can hold U+0000 (a
 * PostgreSQL text value cannot): a path with one names nothing, and must not
 * reach a query, where the database would refuse it with a 500.
 */
function namesNothing(params: RouteParams): boolean {
  return Object.values(params).some((value) => (Array.isArray(value) ? value : [value]).some((segment) => typeof segment === "string" && segment.includes("\u0000")));
}

export function withErrors<P extends RouteParams>(
  handler: (args: { req: Request; params: P; request: RequestInfo }) => Promise<Response>,
) {
  return async (req: Request, context: RouteContext<P>): Promise<Response> => {
    const request = await requestInfo(req);
    let response: Response;
    try {
      const params = (await context?.params) ?? ({} as P);
      if (namesNothing(params)) throw new NotFoundError("Resource");
      response = await handler({ req, params, request });
    } catch (error) {
      response = toErrorResponse(error, request.id);
    }
    response.headers.set(REQUEST_ID_HEADER, request.id);
    if (!response.headers.has("cache-control")) response.headers.set("cache-control", "private, no-store");
    return response;
  };
}
