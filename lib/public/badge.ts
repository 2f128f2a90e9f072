/**
 * The release badge (shields.io's own renderer, badge-maker) and the shields
 * endpoint JSON. Pure.
 */
import { makeBadge } from "badge-maker";
import type { PublicStatus } from "@/lib/services/public/load-public-status";
import { OUTCOME } from "./outcomes";

export const BADGE_STYLES = ["flat", "flat-square", "for-the-badge", "plastic"] as const;
export type BadgeStyle = (typeof BADGE_STYLES)[number];
export const BADGE_SIZES = { small: 1, medium: 1.5, large: 2 } as const;
export type BadgeSize = keyof typeof BADGE_SIZES;

/** What the badge says: the decision in effect, else the recommendation when shown (marked so), else that none is recorded. */
export function badgeMessage(status: PublicStatus): { message: string; color: string } {
  if (status.decision) return { message: OUTCOME[status.decision.outcome].label, color: OUTCOME[status.decision.outcome].badgeColor };
  if (status.recommendation) return { message: `${OUTCOME[status.recommendation.outcome].label} (recommended)`, color: OUTCOME[status.recommendation.outcome].badgeColor };
  return { message: "no decision", color: "lightgrey" };
}

/** An SVG badge; `size` scales it (the SVG keeps its drawing and gains a viewBox). */
export function renderBadge({ label, message, color, style, size }: { label: string; message: string; color: string; style: BadgeStyle; size: BadgeSize }): string {
  const svg = makeBadge({ label, message, color, style });
  const scale = BADGE_SIZES[size];
  if (scale === 1) return svg;
  return svg.replace(/^<svg([^>]*?) width="([\d.]+)" height="([\d.]+)"/, (_m, attrs: string, w: string, h: string) => {
    const width = Number(w);
    const height = Number(h);
    return `<svg${attrs} width="${width * scale}" height="${height * scale}" viewBox="0 0 ${width} ${height}"`;
  });
}

/** https://shields.io/badges/endpoint-badge */
export function shieldsEndpoint(status: PublicStatus, label = "release") {
  const { message, color } = badgeMessage(status);
  return { schemaVersion: 1, label, message, color, cacheSeconds: 60 };
}
