import type { Outcome } from "@/lib/domain/gates";

/** How the public surfaces name and colour an outcome. */
export const OUTCOME: Record<Outcome, { label: string; tone: "go" | "risk" | "nogo"; badgeColor: string; indicator: "none" | "minor" | "major" }> = {
  go: { label: "Go", tone: "go", badgeColor: "brightgreen", indicator: "none" },
  go_with_risks: { label: "Go with known risks", tone: "risk", badgeColor: "yellow", indicator: "minor" },
  no_go: { label: "No-Go", tone: "nogo", badgeColor: "red", indicator: "major" },
};
