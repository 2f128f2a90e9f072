import { z } from "zod";
import { slug } from "./common";

/** What a published project shows, each a choice of its admins (docs/decisions/0009-public-status.md). */
export const PUBLIC_SECTIONS = ["decision", "recommendation", "phases", "severityCounts", "criteria", "itemTitles"] as const;
export type PublicSection = (typeof PUBLIC_SECTIONS)[number];

/** Only the gate decision, the recommendation and progress by phase are shown until an admin opts in to more. */
export const DEFAULT_SHOW: Record<PublicSection, boolean> = { decision: true, recommendation: true, phases: true, severityCounts: false, criteria: false, itemTitles: false };

export const SECTION_LABELS: Record<PublicSection, string> = {
  decision: "Gate decision",
  recommendation: "Readyroom's recommendation",
  phases: "Progress by phase",
  severityCounts: "Open items by severity",
  criteria: "Criteria names",
  itemTitles: "Titles of open blockers",
};

const show = z.strictObject(Object.fromEntries(PUBLIC_SECTIONS.map((s) => [s, z.boolean()])) as Record<PublicSection, z.ZodBoolean>);

/** An origin allowed to frame the embed: https (http only for localhost), scheme + host + port, nothing else. */
export const embedOrigin = z
  .string()
  .trim()
  .max(200)
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "is not an origin like https://intranet.example.com" });
      return z.NEVER;
    }
    const local = url.hostname === "localhost" || url.hostname === "127.0.0.1";
    if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
      ctx.addIssue({ code: "custom", message: "must use https (http only for localhost)" });
      return z.NEVER;
    }
    if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash || url.username || url.password) {
      ctx.addIssue({ code: "custom", message: "must be an origin only: no path, query or credentials" });
      return z.NEVER;
    }
    return url.origin;
  });

export const publicSettingsInput = z.strictObject({
  enabled: z.boolean(),
  /** The public address: /status/{slug}. Unique across all workspaces. */
  slug,
  show,
  embedOrigins: z.array(embedOrigin).max(20).default([]),
});
export type PublicSettingsInput = z.infer<typeof publicSettingsInput>;

export interface PublicSettings {
  show: Record<PublicSection, boolean>;
  embedOrigins: string[];
}

/** The stored settings (Project.publicSettings), read leniently: anything missing or malformed is the default, an unknown origin is dropped. */
export function readPublicSettings(stored: unknown): PublicSettings {
  const value = (stored && typeof stored === "object" ? stored : {}) as { show?: Record<string, unknown>; embedOrigins?: unknown };
  const shown = { ...DEFAULT_SHOW };
  for (const section of PUBLIC_SECTIONS) if (typeof value.show?.[section] === "boolean") shown[section] = value.show[section] as boolean;
  const origins = Array.isArray(value.embedOrigins) ? value.embedOrigins.flatMap((o) => { const r = embedOrigin.safeParse(o); return r.success ? [r.data] : []; }) : [];
  return { show: shown, embedOrigins: [...new Set(origins)] };
}

export const publicSettingsOutput = z.object({
  enabled: z.boolean(),
  slug: z.string().nullable(),
  show,
  embedOrigins: z.array(z.string()),
}).meta({ id: "PublicStatusSettings" });
export type PublicSettingsOutput = z.infer<typeof publicSettingsOutput>;
