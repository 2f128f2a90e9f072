import { Badge } from "@/components/ui/badge";
import { ACTION, type Action } from "./exchange-model";

export function ActionBadge({ action }: { action: Action }) {
  return <Badge tone={ACTION[action].tone}>{ACTION[action].label}</Badge>;
}
