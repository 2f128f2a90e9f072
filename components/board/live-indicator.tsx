import { cn } from "@/components/ui/cn";
import type { LiveState } from "@/lib/client/use-project-events";

const STATES: Record<LiveState, { label: string; dot: string; title: string }> = {
  live: { label: "Live", dot: "bg-emerald-500", title: "Changes by others appear here as they happen." },
  connecting: { label: "Connecting…", dot: "animate-pulse bg-amber-400", title: "Connecting to live updates." },
  offline: { label: "Offline", dot: "bg-zinc-400", title: "Live updates stopped. Reload the page to see changes by others." },
};

/** A tiny "Live" badge: whether changes by others reach this board as they happen. */
export function LiveIndicator({ state }: { state: LiveState }) {
  const { label, dot, title } = STATES[state];
  return (
    <span role="status" title={title} className="inline-flex items-center gap-1.5 text-xs font-medium text-zinc-500 dark:text-zinc-400">
      <span aria-hidden className={cn("size-2 rounded-full", dot)} />
      {label}
    </span>
  );
}
