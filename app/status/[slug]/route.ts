import { renderStatusPage } from "@/lib/public/pages";
import { publicRoute } from "@/lib/public/respond";

/** The public status page of a published project. Server-rendered HTML, no script. */
export const GET = publicRoute<{ slug: string }>("page", (p) => p.slug, ({ status }) => ({ body: renderStatusPage(status) }));
export const HEAD = GET;
