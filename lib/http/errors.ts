import { ZodError } from "zod";
import { AppError, ERROR_STATUS, type ErrorCode, type ErrorDetail } from "@/lib/errors";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { REQUEST_ID_HEADER } from "./request-id";
import { logger } from "@/lib/logger";

export function errorResponse(
  code: ErrorCode,
  message: string,
  requestId: string,
  details?: AppError["details"],
  headers?: HeadersInit,
): Response {
  const body = { error: { code, message, requestId, ...(details ? { details } : {}) } };
  const response = Response.json(body, { status: ERROR_STATUS[code], headers });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  response.headers.set("cache-control", "no-store");
  return response;
}

export function zodDetails(error: ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(body)",
    message: issue.message,
  }));
}

/** Prisma's known request errors carry a `code` such as P2002; nothing else of them reaches a client. */
function prismaCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^P\d{4}$/.test(code) ? code : undefined;
}

/** What a 503 for an unreachable database tells the client to wait. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The one mapping from a thrown value to an HTTP response. */
export function toErrorResponse(error: unknown, requestId: string): Response {
  if (error instanceof AppError) return errorResponse(error.code, error.message, requestId, error.details, error.headers);
  if (error instanceof ZodError) {
    const details = zodDetails(error);
    const first = details[0];
    const message = first ? `Invalid ${first.path}: ${first.message}` : "The request is invalid.";
    return errorResponse("validation_failed", message, requestId, details);
  }
  if (isDatabaseUnavailable(error)) {
    // Not a fault of the request or the code: the client may retry once the database is back (docs/decisions/0018).
    logger.warn({ requestId, err: error }, "database unavailable");
    return errorResponse("service_unavailable", "The service is briefly unavailable. Try again in a few seconds.", requestId, undefined, { "retry-after": String(DATABASE_RETRY_AFTER_SECONDS) });
  }
  switch (prismaCode(error)) {
    case "P2025":
      return errorResponse("not_found", "Not found.", requestId);
    case "P2002":
      return errorResponse("conflict", "A record with the same unique value already exists.", requestId);
    case "P2003":
      return errorResponse("conflict", "The record refers to something that does not exist.", requestId);
  }
  logger.error({ requestId, err: error }, "unhandled error");
  return errorResponse("internal_error", "Something went wrong on our side. Quote the request id if you contact support.", requestId);
}
