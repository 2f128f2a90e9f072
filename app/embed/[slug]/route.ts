import { appOrigin } from "@/lib/http/urls";
import { EMBED_SECTIONS, renderEmbed } from "@/lib/public/pages";
import { publicRoute } from "@/lib/public/respond";
import type { PublicSection } from "@/lib/validation/public-status";

/**
 * The compact widget for iframes: `?sections=decision,recommendation,phases,severityCounts`
 * (default: every section the project shows) and `?theme=light|dark`. Framed
 * only by the origins the project lists.
 */
export const GET = publicRoute<{ slug: string }>(
  "embed",
  (p) => p.slug,
  ({ req, status }) => {
    const query = new URL(req.url).searchParams;
    const asked = query.get("sections")?.split(",").map((s) => s.trim());
    const sections = asked ? EMBED_SECTIONS.filter((s) => asked.includes(s)) : EMBED_SECTIONS;
    const theme = query.get("theme");
    return {
      body: renderEmbed(status, {
        sections: sections as PublicSection[],
        theme: theme === "light" || theme === "dark" ? theme : "auto",
        pageUrl: `${appOrigin(req)}/status/${status.slug}`,
      }),
    };
  },
);
export const HEAD = GET;
