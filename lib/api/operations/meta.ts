import { z } from "zod";
import { operations } from "@/lib/api/openapi/operation";

export const META_OPERATIONS = operations([
  {
    id: "getOpenApiDocument",
    method: "get",
    path: "/api/v1/openapi.json",
    tag: "Meta",
    summary: "This OpenAPI 3.1 document",
    access: "anyone",
    success: { status: 200, description: "The document.", schema: z.looseObject({ openapi: z.literal("3.1.0"), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) }) },
  },
]);
