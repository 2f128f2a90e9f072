import { Badge } from "@/components/ui/badge";
import type { Severity } from "@/lib/generated/prisma/enums";

export const SEVERITY_TONE = { critical: "red", high: "orange", medium: "amber", low: "blue" } as const satisfies Record<Severity, string>;

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={SEVERITY_TONE[severity]} className="capitalize">{severity}</Badge>;
}
