import type { z } from "zod";
import { findUnstorableText } from "@/lib/domain/storable-text";
import { AppError } from "@/lib/errors";

export const MAX_JSON_BODY_BYTES = 1_000_000;

/**
 * Reads a JSON body with a size limit and a content type check, then parses it
 * with `schema`. Errors are AppErrors: 413, 415, 400 (malformed JSON) and 422
 * (schema, via ZodError, or text the database cannot store)
 * naming the field.
 */
export async function readJson<S extends z.ZodType>(req: Request, schema: S, maxBytes = MAX_JSON_BODY_BYTES): Promise<z.infer<S>> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as application/json.");
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const buffer = await req.arrayBuffer();
  if (buffer.byteLength > maxBytes) throw tooLarge(maxBytes);
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(buffer));
  } catch {
    throw new AppError("invalid_json", "The request body is not valid JSON.");
  }
  return refuseUnstorable(schema.parse(data), "(body)");
}

function tooLarge(maxBytes: number) {
  return new AppError("payload_too_large", `The request body is larger than ${maxBytes} bytes.`);
}

/** Parses query parameters with `schema` (422 naming the parameter on failure). */
export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(req.url).searchParams.entries());
  return refuseUnstorable(schema.parse(params), "(query)");
}

/** Validated input with a NUL or a lone surrogate anywhere is a 422 naming where (lib/domain/storable-text.ts). */
function refuseUnstorable<T>(value: T, root: string): T {
  const found = findUnstorableText(value);
  if (found) {
    const path = found.path.map(String).join(".") || root;
    throw new AppError("validation_failed", `Invalid ${path}: ${found.reason}.`, [{ path, message: found.reason }]);
  }
  return value;
}
