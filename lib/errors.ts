/**
 * Typed errors thrown by services and route helpers. One table maps each stable
 * code to its HTTP status; lib/http/errors.ts turns them into the one error shape:
 * `{ "error": { "code", "message", "requestId", "details"? } }`.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  /** A state-changing request with the session cookie from another site (lib/http/cross-origin.ts). */
  cross_site_request: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  version_conflict: 409,
  blocked_by_open_items: 409,
  /** A retry with an Idempotency-Key whose first request is still running. */
  idempotency_in_progress: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  dependency_cycle: 422,
  /** An import file that is not `readyroom.register` version 1 (docs/register-json-v1.md). */
  unsupported_schema: 422,
  /** A CSV file that cannot be read (an unclosed quote, a stray quote…); details name the row. */
  invalid_csv: 422,
  /** An Idempotency-Key used before for a different request. */
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[] | Record<string, unknown>,
    /** Headers the error response carries (`Retry-After`, `X-RateLimit-*`). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string) {
    super("not_found", `${entity} not found.`);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "You do not have permission to do this.") {
    super("forbidden", message);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = "Sign in to continue.") {
    super("unauthorized", message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super("conflict", message, details);
  }
}

export class RateLimitedError extends AppError {
  constructor(message: string, headers: Record<string, string>) {
    super("rate_limited", message, undefined, headers);
  }
}
