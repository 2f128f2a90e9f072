import { withErrors } from "@/lib/http/route";

/** Liveness: the process answers. No dependency is checked here. */
export const GET = withErrors(async () => Response.json({ status: "ok" }));
