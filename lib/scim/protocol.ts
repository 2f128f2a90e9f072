/**
 * SCIM 2.0 (RFC 7643/7644) as Okta and Microsoft Entra ID speak it
 * (docs/decisions/0019-enterprise-sso-plan.md): the schemas, errors, list
 * responses, the `eq` filters they send, and PATCH operations normalised from
 * the shapes both use (op in any case, with or without a path, booleans as
 * strings). Pure: no database, no HTTP.
 */
export const SCIM = {
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
  group: "urn:ietf:params:scim:schemas:core:2.0:Group",
  list: "urn:ietf:params:scim:api:messages:2.0:ListResponse",
  patch: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
  error: "urn:ietf:params:scim:api:messages:2.0:Error",
  serviceProviderConfig: "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
  resourceType: "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
  schema: "urn:ietf:params:scim:schemas:core:2.0:Schema",
} as const;

export const SCIM_CONTENT_TYPE = "application/scim+json";
export const MAX_PAGE = 200;

export type ScimType = "invalidFilter" | "invalidSyntax" | "invalidValue" | "uniqueness" | "mutability" | "noTarget" | "tooMany";

/** A failure the client caused, answered in the SCIM Error schema. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail);
    this.name = "ScimError";
  }
}

export function scimJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": SCIM_CONTENT_TYPE, ...headers } });
}

export function scimErrorResponse(status: number, detail: string, scimType?: ScimType): Response {
  return scimJson({ schemas: [SCIM.error], status: String(status), ...(scimType ? { scimType } : {}), detail }, status);
}

/** `attribute eq "value"`, the only filter Okta and Entra ID send when provisioning. */
export function parseEqFilter(filter: string | null, allowed: readonly string[]): { attribute: string; value: string } | null {
  if (filter === null || filter.trim() === "") return null;
  const match = /^\s*([A-Za-z][\w.]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  if (!match) throw new ScimError(400, `Unsupported filter: only 'attribute eq "value"' on ${allowed.join(", ")} is supported.`, "invalidFilter");
  const attribute = allowed.find((a) => a.toLowerCase() === match[1]!.toLowerCase());
  if (!attribute) throw new ScimError(400, `Unsupported filter attribute ${match[1]}: use ${allowed.join(", ")}.`, "invalidFilter");
  return { attribute, value: match[2]!.replace(/\\(.)/g, "$1") };
}

/** startIndex (1-based) and count, as RFC 7644 §3.4.2.4 reads them: out-of-range values are clamped, not refused. */
export function parsePaging(params: URLSearchParams): { startIndex: number; count: number } {
  const start = Number.parseInt(params.get("startIndex") ?? "1", 10);
  const count = Number.parseInt(params.get("count") ?? String(MAX_PAGE), 10);
  return { startIndex: Number.isFinite(start) && start >= 1 ? start : 1, count: Number.isFinite(count) ? Math.min(Math.max(count, 0), MAX_PAGE) : MAX_PAGE };
}

export function listResponse(resources: unknown[], totalResults: number, startIndex: number) {
  return { schemas: [SCIM.list], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}

/** Entra ID sends `"False"`; Okta sends `false`. */
export function scimBoolean(value: unknown, attribute: string): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === "true";
  throw new ScimError(400, `${attribute} must be true or false.`, "invalidValue");
}

export interface PatchOperation {
  op: "add" | "replace" | "remove";
  /** Lower-cased path, or null for an operation whose value holds the attributes. */
  path: string | null;
  value: unknown;
}

/** The operations of a PatchOp request, with `op` and `path` normalised. */
export function parsePatch(body: unknown): PatchOperation[] {
  const ops = (body as { Operations?: unknown; operations?: unknown } | null)?.Operations ?? (body as { operations?: unknown } | null)?.operations;
  if (!Array.isArray(ops) || ops.length === 0) throw new ScimError(400, "A PATCH needs an Operations array.", "invalidSyntax");
  return ops.map((raw: unknown) => {
    const op = String((raw as { op?: unknown })?.op ?? "").toLowerCase();
    if (op !== "add" && op !== "replace" && op !== "remove") throw new ScimError(400, `Unsupported PATCH op ${JSON.stringify((raw as { op?: unknown })?.op)}: use add, replace or remove.`, "invalidSyntax");
    const path = (raw as { path?: unknown }).path;
    return { op, path: typeof path === "string" && path.trim() ? path.trim().toLowerCase() : null, value: (raw as { value?: unknown }).value };
  });
}

/** Reads a JSON body whatever its content type says (clients send application/json and application/scim+json). */
export async function readScimBody(req: Request): Promise<Record<string, unknown>> {
  const text = await req.text();
  if (text.length > 1_000_000) throw new ScimError(413, "The body is larger than 1 MB.", "tooMany");
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error();
    return value as Record<string, unknown>;
  } catch {
    throw new ScimError(400, "The body is not a JSON object.", "invalidSyntax");
  }
}
