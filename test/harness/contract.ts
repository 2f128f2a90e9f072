/**
 * Contract checks: a real response from a route handler, validated against
 * the OpenAPI document (not the zod schema it was built from) with Ajv's JSON
 * Schema 2020-12, the dialect of OpenAPI 3.1. Each check is recorded, so a
 * contract test file can require that every operation of its area was seen.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { expect } from "vitest";
import { openApiDocument } from "@/lib/api/openapi/document";
import type { ApiTag } from "@/lib/api/openapi/operation";
import { API_OPERATIONS } from "@/lib/api/operations";
import type { RouteResult } from "./call-route";

const DOCUMENT_ID = "readyroom-openapi";
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(openApiDocument() as object, DOCUMENT_ID);

const compiled = new Map<string, ValidateFunction>();
const seen = new Set<string>();

const pointer = (...segments: string[]) => segments.map((s) => encodeURIComponent(s.replaceAll("~", "~0").replaceAll("/", "~1"))).join("/");

/** Checks a response against the document's entry for this operation and status; an undocumented status fails. */
export function expectContract(operationId: string, response: Pick<RouteResult, "status" | "body">): void {
  const op = API_OPERATIONS.find((o) => o.id === operationId);
  if (!op) throw new Error(`No operation ${operationId} in lib/api/operations.`);
  const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };
  const documented = doc.paths[op.path]?.[op.method]?.responses[String(response.status)];
  expect(documented, `${operationId} answered ${response.status}, which the document does not list (body: ${JSON.stringify(response.body)?.slice(0, 300)})`).toBeDefined();
  const json = documented!.content?.["application/json"];
  if (json?.schema) {
    const ref = `${DOCUMENT_ID}#/${pointer("paths", op.path, op.method, "responses", String(response.status), "content", "application/json", "schema")}`;
    let validate = compiled.get(ref);
    if (!validate) compiled.set(ref, (validate = ajv.compile({ $ref: ref })));
    const ok = validate(response.body);
    expect(ok, `${operationId} ${response.status} does not match the document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(response.body)?.slice(0, 500)}`).toBe(true);
  } else if (response.status === 204) {
    expect(response.body).toBeNull();
  }
  seen.add(`${operationId} ${response.status}`);
}

/** Every operation of these tags was checked with its success status in this file. */
export function expectEveryOperationChecked(...tags: ApiTag[]): void {
  const missing = API_OPERATIONS.filter((o) => tags.includes(o.tag) && !seen.has(`${o.id} ${o.success.status}`)).map((o) => `${o.id} (${o.method.toUpperCase()} ${o.path} → ${o.success.status})`);
  expect(missing, "operations without a contract check of their success response").toEqual([]);
}
