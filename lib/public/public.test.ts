import { describe, expect, it } from "vitest";
import type { PublicStatus } from "@/lib/services/public/load-public-status";
import { DEFAULT_SHOW } from "@/lib/validation/public-status";
import { badgeMessage, renderBadge, shieldsEndpoint } from "./badge";
import { html } from "./html";
import { renderEmbed, renderStatusPage } from "./pages";
import { etagMatches, strongEtag } from "./respond";
import { statusSummary } from "./summary";

const base: PublicStatus = {
  slug: "demo",
  project: { name: "Open <Claude> & Co" },
  gate: { name: "Release Gates", targetDate: "2026-12-16" },
  decision: { outcome: "no_go", decidedAt: "2026-12-01T10:00:00.000Z" },
  recommendation: { outcome: "go_with_risks" },
  phases: [
    { name: "Phase 0", total: 4, done: 4 },
    { name: "Phase 1", total: 10, done: 3 },
    { name: "Phase 2", total: 5, done: 0 },
  ],
  updatedAt: "2026-12-02T08:00:00.000Z",
  show: DEFAULT_SHOW,
  embedOrigins: [],
};

describe("html", () => {
  it("escapes every value unless it is html itself", () => {
    const evil = `<script>alert("x")</script>' onload='x`;
    expect(html`<p title="${evil}">${evil}${html`<b>${"&"}</b>`}${["<i>", null, false]}</p>`.value).toBe(
      "<p title=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onload=&#39;x\">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onload=&#39;x<b>&amp;</b>&lt;i&gt;</p>",
    );
  });
});

describe("the status page and the embed", () => {
  it("show what is shown, escaped, and nothing that is not", () => {
    const page = renderStatusPage(base);
    expect(page).toContain("Open &lt;Claude&gt; &amp; Co");
    expect(page).toContain("No-Go");
    expect(page).toContain("Go with known risks");
    expect(page).toContain('<progress value="3" max="10"');
    expect(page).not.toContain("<script");
    expect(page).not.toContain("Open items by severity");
    const embed = renderEmbed(base, { sections: ["decision", "phases", "severityCounts"], theme: "dark", pageUrl: "https://rr.example/status/demo" });
    expect(embed).toContain('<html lang="en" class="dark">');
    expect(embed).toContain("Phase 1");
    expect(embed).not.toContain("Recommended now");
  });
});

describe("badges", () => {
  it("say the decision, else the recommendation marked so, else none", () => {
    expect(badgeMessage(base)).toEqual({ message: "No-Go", color: "red" });
    expect(badgeMessage({ ...base, decision: null })).toEqual({ message: "Go with known risks (recommended)", color: "yellow" });
    expect(badgeMessage({ ...base, decision: undefined, recommendation: undefined })).toEqual({ message: "no decision", color: "lightgrey" });
    expect(shieldsEndpoint(base)).toEqual({ schemaVersion: 1, label: "release", message: "No-Go", color: "red", cacheSeconds: 60 });
  });

  it("draw in the chosen style and size", () => {
    const small = renderBadge({ label: "release", message: "Go", color: "brightgreen", style: "flat", size: "small" });
    const large = renderBadge({ label: "release", message: "Go", color: "brightgreen", style: "flat", size: "large" });
    const width = (svg: string) => Number(svg.match(/^<svg[^>]* width="([\d.]+)"/)![1]);
    expect(small).toContain("release: Go");
    expect(width(large)).toBe(width(small) * 2);
    expect(large).toContain(`viewBox="0 0 ${width(small)} 20"`);
    expect(renderBadge({ label: "release", message: "Go", color: "brightgreen", style: "for-the-badge", size: "small" })).toContain("RELEASE");
  });
});

describe("summary.json", () => {
  it("has Statuspage's shape: page, phases as components, an indicator", () => {
    const summary = statusSummary(base, "https://rr.example/status/demo");
    expect(summary.page).toEqual({ id: "demo", name: "Open <Claude> & Co", url: "https://rr.example/status/demo", time_zone: "Etc/UTC", updated_at: base.updatedAt });
    expect(summary.components.map((c) => c.status)).toEqual(["operational", "degraded_performance", "partial_outage"]);
    expect(summary.status).toEqual({ indicator: "major", description: "No-Go" });
    expect(summary.readiness).not.toHaveProperty("openBySeverity");
    expect(statusSummary({ ...base, decision: null, recommendation: { outcome: "go" } }, "").status).toEqual({ indicator: "none", description: "Go (recommended)" });
  });
});

describe("entity tags", () => {
  it("are strong, and If-None-Match compares them weakly", () => {
    const tag = strongEtag("body");
    expect(tag).toMatch(/^"[\w-]{32}"$/);
    expect(etagMatches(tag, tag)).toBe(true);
    expect(etagMatches(`"other", W/${tag}`, tag)).toBe(true);
    expect(etagMatches("*", tag)).toBe(true);
    expect(etagMatches('"other"', tag)).toBe(false);
    expect(etagMatches(null, tag)).toBe(false);
  });
});
