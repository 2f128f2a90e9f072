/**
 * summary.json in the shape of Atlassian Statuspage's `/api/v2/summary.json`
 * (page, components, status, incidents), with the release readiness beside
 * it. Components are the phases when progress by phase is shown. Pure.
 */
import type { PublicStatus } from "@/lib/services/public/load-public-status";
import { OUTCOME } from "./outcomes";

type ComponentStatus = "operational" | "degraded_performance" | "partial_outage";

/** A phase as a component: every item closed is operational, under way degraded, nothing closed yet a partial outage. */
function componentStatus(phase: { total: number; done: number }): ComponentStatus {
  if (phase.total > 0 && phase.done === phase.total) return "operational";
  if (phase.done > 0) return "degraded_performance";
  return phase.total === 0 ? "operational" : "partial_outage";
}

export function statusSummary(status: PublicStatus, pageUrl: string) {
  const outcome = status.decision?.outcome ?? status.recommendation?.outcome ?? null;
  return {
    page: { id: status.slug, name: status.project.name, url: pageUrl, time_zone: "Etc/UTC", updated_at: status.updatedAt },
    components: (status.phases ?? []).map((phase, index) => ({
      id: `phase-${index + 1}`,
      name: phase.name,
      status: componentStatus(phase),
      description: `${phase.done} of ${phase.total} items done`,
      position: index + 1,
      group: false,
      only_show_if_degraded: false,
    })),
    incidents: [],
    scheduled_maintenances: [],
    status: outcome
      ? { indicator: OUTCOME[outcome].indicator, description: status.decision ? OUTCOME[outcome].label : `${OUTCOME[outcome].label} (recommended)` }
      : { indicator: "none", description: "No decision recorded" },
    readiness: {
      gate: status.gate,
      ...(status.decision !== undefined ? { decision: status.decision } : {}),
      ...(status.recommendation !== undefined ? { recommendation: status.recommendation } : {}),
      ...(status.phases ? { phases: status.phases } : {}),
      ...(status.severityCounts ? { openBySeverity: status.severityCounts } : {}),
      ...(status.criteria ? { criteria: status.criteria } : {}),
      ...(status.openBlockers ? { openBlockers: status.openBlockers } : {}),
    },
  };
}
