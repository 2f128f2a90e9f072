import { Flag } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { STATUS_LABEL, statusLabel, type ItemStatus } from "./format";

export const STATUS_TONE = {
  open: "neutral",
  in_progress: "blue",
  blocked: "red",
  in_review: "brand",
  done: "green",
  deferred: "amber",
  wont_fix: "neutral",
} as const satisfies Record<ItemStatus, string>;

export function StatusBadge({ status }: { status: string }) {
  const tone = status in STATUS_LABEL ? STATUS_TONE[status as ItemStatus] : "neutral";
  return <Badge tone={tone} className="whitespace-nowrap">{statusLabel(status)}</Badge>;
}

export function BlockerBadge() {
  return (
    <Badge tone="red" className="gap-1 whitespace-nowrap">
      <Flag aria-hidden className="size-3" /> Blocker
    </Badge>
  );
}
