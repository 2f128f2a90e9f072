import { describe, expect, it } from "vitest";
import { z, ZodError } from "zod";
import { AppError, ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { MAX_JSON_BODY_BYTES, readJson } from "./body";
import { toErrorResponse } from "./errors";
import { safeCallbackPath } from "./redirects";
import { REQUEST_ID_HEADER, resolveRequestId } from "./request-id";

describe("safeCallbackPath", () => {
  it.each([
    ["https://evil.com/steal", "/"],
    ["http://evil.com", "/"],
    ["//evil.com", "/"],
    ["//evil.com/path?x=1", "/"],
    ["/\\evil.com", "/"],
    ["javascript:alert(1)", "/"],
    ["JavaScript:alert(document.cookie)", "/"],
    ["data:text/html,<script>alert(1)</script>", "/"],
    ["", "/"],
    [null, "/"],
    [undefined, "/"],
  ])("sends %s to %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });

  it("keeps a same-site path with its query and fragment", () => {
    expect(safeCallbackPath("/acme/projects/web?tab=items&sort=severity")).toBe("/acme/projects/web?tab=items&sort=severity");
    expect(safeCallbackPath("/acme#gates")).toBe("/acme#gates");
    expect(safeCallbackPath("/")).toBe("/");
  });

  it("never returns something a browser would treat as another origin", () => {
    for (const input of ["//evil.com", "https://evil.com", "\\\\evil.com", "/\\evil.com", "  //evil.com"]) {
      const out = safeCallbackPath(input);
      expect(out.startsWith("/")).toBe(true);
      expect(out.startsWith("//")).toBe(false);
      expect(out).not.toContain("evil.com");
    }
  });
});

describe("resolveRequestId", () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  it("keeps a well-formed incoming id", () => {
    expect(resolveRequestId("lb-4f1c2e3d.abc:99")).toBe("lb-4f1c2e3d.abc:99");
    expect(resolveRequestId("abcdefgh")).toBe("abcdefgh");
  });

  it.each([
    ["missing", undefined],
    ["null", null],
    ["empty", ""],
    ["too short", "abc"],
    ["too long", "a".repeat(129)],
    ["spaces", "has spaces in it"],
    ["header injection", "abcdefgh\r\nset-cookie: x=1"],
    ["html", "<script>alert(1)</script>"],
  ])("replaces a %s id with a fresh UUID", (_label, incoming) => {
    const id = resolveRequestId(incoming);
    expect(id).not.toBe(incoming);
    expect(id).toMatch(UUID);
  });

  it("accepts exactly 128 characters and makes a new id each time", () => {
    expect(resolveRequestId("b".repeat(128))).toBe("b".repeat(128));
    expect(resolveRequestId(null)).not.toBe(resolveRequestId(null));
  });
});

function jsonRequest(body: BodyInit, headers: Record<string, string> = { "content-type": "application/json" }) {
  return new Request("http://localhost/api/test", { method: "POST", headers, body });
}

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const schema = z.strictObject({ name: z.string().min(1), count: z.number().int() });

describe("readJson", () => {
  it("parses a valid body with the schema", async () => {
    await expect(readJson(jsonRequest(JSON.stringify({ name: "x", count: 2 })), schema)).resolves.toEqual({ name: "x", count: 2 });
  });

  it("accepts application/json with a charset and +json types", async () => {
    const body = JSON.stringify({ name: "x", count: 1 });
    await expect(readJson(jsonRequest(body, { "content-type": "application/json; charset=utf-8" }), schema)).resolves.toEqual({ name: "x", count: 1 });
    await expect(readJson(jsonRequest(body, { "content-type": "application/merge-patch+json" }), schema)).resolves.toEqual({ name: "x", count: 1 });
  });

  it.each([["text/plain"], ["application/x-www-form-urlencoded"], ["multipart/form-data; boundary=x"], [""]])(
    "refuses content type %j with 415",
    async (type) => {
      const headers: Record<string, string> = type ? { "content-type": type } : {};
      const error = await appError(readJson(jsonRequest(JSON.stringify({ name: "x", count: 1 }), headers), schema));
      expect(error.code).toBe("unsupported_media_type");
      expect(error.status).toBe(415);
    },
  );

  it("refuses a body over MAX_JSON_BODY_BYTES with 413", async () => {
    const big = JSON.stringify({ name: "x".repeat(MAX_JSON_BODY_BYTES), count: 1 });
    const error = await appError(readJson(jsonRequest(big), schema));
    expect(error.code).toBe("payload_too_large");
    expect(error.status).toBe(413);
  });

  it("refuses a declared content-length over the limit before reading", async () => {
    const req = jsonRequest(JSON.stringify({ name: "x", count: 1 }), {
      "content-type": "application/json",
      "content-length": String(MAX_JSON_BODY_BYTES + 1),
    });
    expect(req.headers.get("content-length")).toBe(String(MAX_JSON_BODY_BYTES + 1));
    const error = await appError(readJson(req, schema));
    expect(error.status).toBe(413);
  });

  it("accepts a body of exactly MAX_JSON_BODY_BYTES", async () => {
    const overhead = JSON.stringify({ name: "", count: 1 }).length;
    const body = JSON.stringify({ name: "x".repeat(MAX_JSON_BODY_BYTES - overhead), count: 1 });
    expect(new TextEncoder().encode(body).byteLength).toBe(MAX_JSON_BODY_BYTES);
    await expect(readJson(jsonRequest(body), schema)).resolves.toMatchObject({ count: 1 });
  });

  it.each([["{"], ["{name: 'x'}"], ["not json"], [""], ['{"name":"x",}']])("refuses malformed JSON %j with 400 invalid_json", async (body) => {
    const error = await appError(readJson(jsonRequest(body), schema));
    expect(error.code).toBe("invalid_json");
    expect(error.status).toBe(400);
  });

  it("refuses invalid UTF-8 bytes with 400 invalid_json instead of replacing them", async () => {
    // {"name":"<0xff>","count":1}
    const bytes = new Uint8Array([...new TextEncoder().encode('{"name":"'), 0xff, 0xfe, ...new TextEncoder().encode('","count":1}')]);
    const error = await appError(readJson(jsonRequest(bytes), schema));
    expect(error.code).toBe("invalid_json");
    expect(error.status).toBe(400);
  });

  it("throws the ZodError of the schema for a well-formed body that does not fit", async () => {
    const error = await readJson(jsonRequest(JSON.stringify({ name: "", count: 1.5, extra: true })), schema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    const paths = (error as ZodError).issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["name", "count"]));
  });
});

async function read(response: Response) {
  return { status: response.status, body: (await response.json()) as { error: { code: string; message: string; requestId: string; details?: unknown } }, headers: response.headers };
}

describe("toErrorResponse", () => {
  const requestId = "req-12345678";

  it.each([
    [new NotFoundError("Project"), 404, "not_found", "Project not found."],
    [new ForbiddenError(), 403, "forbidden", "You do not have permission to do this."],
    [new ConflictError("Taken."), 409, "conflict", "Taken."],
    [new AppError("gone", "Expired."), 410, "gone", "Expired."],
    [new AppError("rate_limited", "Slow down."), 429, "rate_limited", "Slow down."],
  ])("maps %s to its status and code", async (error, status, code, message) => {
    const r = await read(toErrorResponse(error, requestId));
    expect(r.status).toBe(status);
    expect(r.body.error).toMatchObject({ code, message, requestId });
    expect(r.headers.get(REQUEST_ID_HEADER)).toBe(requestId);
  });

  it("keeps an AppError's details", async () => {
    const r = await read(toErrorResponse(new ConflictError("Taken.", { field: "slug" }), requestId));
    expect(r.body.error.details).toEqual({ field: "slug" });
  });

  it("maps a ZodError to 422 validation_failed naming the field, with every path in details", async () => {
    const parsed = z.strictObject({ slug: z.string().min(2), nested: z.object({ count: z.number() }) }).safeParse({ slug: "x", nested: { count: "no" } });
    expect(parsed.success).toBe(false);
    const r = await read(toErrorResponse(parsed.error, requestId));
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("validation_failed");
    expect(r.body.error.message).toMatch(/^Invalid slug: /);
    expect(r.body.error.details).toEqual(
      expect.arrayContaining([
        { path: "slug", message: expect.any(String) },
        { path: "nested.count", message: expect.any(String) },
      ]),
    );
    expect(r.headers.get(REQUEST_ID_HEADER)).toBe(requestId);
  });

  it("names the body itself when a ZodError has no path", async () => {
    const parsed = z.strictObject({}).safeParse({ workspaceId: "x" });
    const r = await read(toErrorResponse(parsed.error, requestId));
    expect(r.status).toBe(422);
    expect(r.body.error.details).toEqual([{ path: "(body)", message: expect.stringContaining("workspaceId") }]);
  });

  it("maps Prisma's unique violation P2002 to 409 and missing record P2025 to 404", async () => {
    const unique = Object.assign(new Error("Unique constraint failed on the fields: (`secret_column`)"), { code: "P2002", meta: { target: ["secret_column"] } });
    const r1 = await read(toErrorResponse(unique, requestId));
    expect(r1.status).toBe(409);
    expect(r1.body.error.code).toBe("conflict");
    expect(JSON.stringify(r1.body)).not.toContain("secret_column");

    const r2 = await read(toErrorResponse({ code: "P2025" }, requestId));
    expect(r2.status).toBe(404);
    expect(r2.body.error.code).toBe("not_found");
    expect(r2.headers.get(REQUEST_ID_HEADER)).toBe(requestId);
  });

  it("does not treat any `code` property as a Prisma code", async () => {
    const r = await read(toErrorResponse(Object.assign(new Error("boom"), { code: "EACCES" }), requestId));
    expect(r.status).toBe(500);
  });

  it("maps any other error to 500 internal_error with the request id and no internals", async () => {
    const error = new Error("password=hunter2 at db.internal:5432");
    const response = toErrorResponse(error, requestId);
    expect(response.status).toBe(500);
    expect(response.headers.get(REQUEST_ID_HEADER)).toBe(requestId);
    const text = await response.text();
    const body = JSON.parse(text) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe("internal_error");
    expect(body.error.requestId).toBe(requestId);
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain(error.message);
    expect(text).not.toContain("stack");
    expect(text).not.toContain("at ");
    expect(text).not.toContain("http.test");
  });

  it("maps thrown non-errors to 500 as well", async () => {
    for (const thrown of ["a string", 42, null, undefined, { message: "secret" }]) {
      const response = toErrorResponse(thrown, requestId);
      expect(response.status).toBe(500);
      expect(response.headers.get(REQUEST_ID_HEADER)).toBe(requestId);
      expect(await response.text()).not.toContain("secret");
    }
  });

  it("marks error responses as not cacheable", () => {
    expect(toErrorResponse(new NotFoundError("X"), requestId).headers.get("cache-control")).toBe("no-store");
  });
});
