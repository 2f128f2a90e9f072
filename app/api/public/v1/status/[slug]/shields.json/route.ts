import { shieldsEndpoint } from "@/lib/public/badge";
import { publicPreflight, publicRoute } from "@/lib/public/respond";

/** The shields.io endpoint schema: https://img.shields.io/endpoint?url=…/shields.json. CORS *. */
export const GET = publicRoute<{ slug: string }>("json", (p) => p.slug, ({ req, status }) => ({ body: JSON.stringify(shieldsEndpoint(status, new URL(req.url).searchParams.get("label")?.trim().slice(0, 40) || "release")) }));
export const HEAD = GET;
export const OPTIONS = publicPreflight;
