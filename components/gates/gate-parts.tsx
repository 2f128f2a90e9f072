import { CheckCircle2, CircleDashed, XCircle } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { ApiError } from "@/lib/client/api";
import { OUTCOME_LABEL, OUTCOME_TONE, STATE_LABEL } from "./gate-view-model";
import type { CriterionState, Outcome } from "./types";

export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  return <Badge tone={OUTCOME_TONE[outcome]} className="whitespace-nowrap">{OUTCOME_LABEL[outcome]}</Badge>;
}

const STATE_ICON = { pass: CheckCircle2, fail: XCircle, pending: CircleDashed } as const;
const STATE_COLOR = {
  pass: "text-emerald-600 dark:text-emerald-400",
  fail: "text-red-600 dark:text-red-400",
  pending: "text-zinc-500 dark:text-zinc-400",
} as const;

/** A criterion's state as an icon and a word, never color alone. */
export function StateLabel({ state, className }: { state: CriterionState; className?: string }) {
  const Icon = STATE_ICON[state];
  return (
    <span className={cn("inline-flex items-center gap-1.5 text-sm font-medium", STATE_COLOR[state], className)}>
      <Icon aria-hidden className="size-4 shrink-0" />
      {STATE_LABEL[state]}
    </span>
  );
}

export function errorText(error: unknown): { message: string; requestId?: string } {
  if (error instanceof ApiError) return { message: error.message, requestId: error.status >= 500 ? error.requestId : undefined };
  return { message: "Something went wrong. Try again." };
}

/** The message the API gave for one field, if it named it. */
export function apiFieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldError(field) : undefined;
}
