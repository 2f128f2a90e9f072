import { appOrigin } from "@/lib/http/urls";
import { publicPreflight, publicRoute } from "@/lib/public/respond";
import { statusSummary } from "@/lib/public/summary";

/** Statuspage-style summary (page, components = phases, status) with the release readiness. CORS *. */
export const GET = publicRoute<{ slug: string }>("json", (p) => p.slug, ({ req, status }) => ({ body: JSON.stringify(statusSummary(status, `${appOrigin(req)}/status/${status.slug}`)) }));
export const HEAD = GET;
export const OPTIONS = publicPreflight;
