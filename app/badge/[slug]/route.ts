import { BADGE_SIZES, BADGE_STYLES, type BadgeSize, type BadgeStyle, badgeMessage, renderBadge } from "@/lib/public/badge";
import { publicRoute } from "@/lib/public/respond";

/** `/badge/{slug}.svg?style=flat|flat-square|for-the-badge|plastic&size=small|medium|large&label=…`: "release | Go". */
export const GET = publicRoute<{ slug: string }>(
  "badge",
  (p) => (p.slug.endsWith(".svg") ? p.slug.slice(0, -4) : null),
  ({ req, status }) => {
    const query = new URL(req.url).searchParams;
    const style = BADGE_STYLES.find((s) => s === query.get("style")) ?? "flat";
    const size = (Object.keys(BADGE_SIZES) as BadgeSize[]).find((s) => s === query.get("size")) ?? "small";
    const label = (query.get("label") ?? "release").trim().slice(0, 40) || "release";
    return { body: renderBadge({ label, ...badgeMessage(status), style: style as BadgeStyle, size }) };
  },
);
export const HEAD = GET;
