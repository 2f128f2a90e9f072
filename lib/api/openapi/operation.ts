/**
 * One documented /api/v1 operation: its method and path, the zod schemas the
 * route handler validates with (path params, query, body) and the schema its
 * success response is parsed through. lib/api/openapi/document.ts turns the
 * list in lib/api/operations into the OpenAPI 3.1 document; a test holds that
 * list equal to the route handlers in app/api/v1 (docs/decisions/0010-api.md).
 */
import type { z } from "zod";
import type { Permission } from "@/lib/auth/permissions";
import type { ErrorCode } from "@/lib/errors";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export const API_TAGS = {
  Account: "The signed-in user and their invitations.",
  Workspaces: "Workspaces, members, invitations, owners, API keys and the audit log.",
  Projects: "Projects, their public status settings, exports and batches.",
  Items: "The issue register: items, comments, evidence, activity, saved views and live events.",
  Phases: "Phases and their dependencies.",
  Gates: "Release gates, criteria, checks, manual marks, decisions, sign-offs, deferred risks and trends.",
  Imports: "Markdown plans, register JSON and tracker CSV.",
  Webhooks:
    "Endpoints that receive events: `item.created`, `item.updated`, `gate.evaluation_changed`, `decision.recorded`, `deferred_risk.overdue` (and `webhook.test`). Each delivery is a POST of `{ type, timestamp, data }` signed per Standard Webhooks: verify `webhook-signature` over `webhook-id.webhook-timestamp.body` with the endpoint's secret (any Standard Webhooks library does this), reject old timestamps, and drop repeated `webhook-id`s.",
  "Single sign-on": "Email domains verified by DNS and the workspace's own identity providers (OpenID Connect, SAML 2.0).",
  Meta: "This document.",
} as const;
export type ApiTag = keyof typeof API_TAGS;

export interface ApiResponse {
  status: number;
  description: string;
  /** The body's schema; none for 204 and for bodies that are not JSON and have no schema (contentType says what they are). */
  schema?: z.ZodType;
  contentType?: string;
  /** Headers of this answer beyond the rate limit's (an export's row count, say). */
  headers?: z.ZodObject;
}

export interface ApiOperation {
  /** operationId: a verb and a noun, unique. */
  id: string;
  method: HttpMethod;
  /** The OpenAPI path, with `{param}` where the route folder has `[param]`. */
  path: string;
  tag: ApiTag;
  summary: string;
  description?: string;
  /** Who may call it: a workspace permission, any signed-in caller, or anyone. */
  access: Permission | "signed-in" | "anyone";
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  success: ApiResponse;
  /** Other success answers, e.g. 201 when a preview endpoint is asked to apply. */
  alsoSuccess?: ApiResponse[];
  /** Errors this operation can answer beyond the ones every operation can (see document.ts). */
  errors?: ErrorCode[];
}

/** Declares operations with their types checked; the list is the API's contract. */
export function operations<const T extends readonly ApiOperation[]>(list: T): T {
  return list;
}
