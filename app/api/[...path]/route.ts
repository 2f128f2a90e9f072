import { errorResponse } from "@/lib/http/errors";
import { withErrors } from "@/lib/http/route";

/** Unknown /api/* paths answer with the JSON 404, never an HTML page. */
const notFound = withErrors(async ({ request }) => errorResponse("not_found", "No API endpoint at this path.", request.id));

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE, notFound as HEAD, notFound as OPTIONS };
