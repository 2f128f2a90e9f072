import { openApiDocument } from "@/lib/api/openapi/document";
import { withErrors } from "@/lib/http/route";

/** The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the routes validate with. Public, like the API reference. */
export const GET = withErrors(async () => Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } }));
