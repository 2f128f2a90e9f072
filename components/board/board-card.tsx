import { CalendarDays, Flag, UserRound } from "lucide-react";
import Link from "next/link";
import { SeverityBadge } from "@/components/projects/severity";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { ItemDto } from "@/lib/validation/item";
import { isOverdue } from "./board-model";

const MAX_LABELS = 3;

function formatDue(date: string, today: string): string {
  const day = date.slice(0, 10);
  const sameYear = day.slice(0, 4) === today.slice(0, 4);
  return new Intl.DateTimeFormat("en", { month: "short", day: "numeric", year: sameYear ? undefined : "numeric", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

interface BoardCardProps {
  item: ItemDto;
  href: string;
  /** YYYY-MM-DD in the viewer's time zone, for the overdue check. */
  today: string;
  /** The drag handle, for people who may move cards. */
  handle?: React.ReactNode;
  /** Shown under the pointer while dragging (no link, raised). */
  overlay?: boolean;
  busy?: boolean;
}

/** A card: key, severity, blocker flag, title (a link to the item), owner, due date and labels. */
export function BoardCard({ item, href, today, handle, overlay, busy }: BoardCardProps) {
  const overdue = isOverdue(item, today);
  const labels = item.labels.slice(0, MAX_LABELS);
  return (
    <div
      aria-busy={busy || undefined}
      className={cn(
        "relative flex rounded-md border border-zinc-200 bg-white text-left shadow-sm transition-shadow hover:border-zinc-300 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:border-zinc-600",
        overlay && "rotate-1 shadow-lg ring-2 ring-brand-500/40",
        busy && "opacity-70",
      )}
    >
      {handle}
      <div className={cn("min-w-0 flex-1 space-y-2 py-2.5 pr-3", handle ? "pl-1" : "pl-3")}>
        <div className="flex flex-wrap items-center gap-1.5">
          <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{item.key}</span>
          <SeverityBadge severity={item.severity} />
          {item.blocker ? (
            <Badge tone="red">
              <Flag aria-hidden className="mr-1 size-3" />
              Blocker
            </Badge>
          ) : null}
        </div>
        {overlay ? (
          <p className="text-sm font-medium break-words">{item.title}</p>
        ) : (
          <Link
            href={href}
            className="block text-sm font-medium break-words text-zinc-900 before:absolute before:inset-0 before:rounded-md hover:underline dark:text-zinc-100"
          >
            {item.title}
          </Link>
        )}
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
          <span className="inline-flex min-w-0 items-center gap-1">
            <UserRound aria-hidden className="size-3.5 shrink-0" />
            <span className="truncate">{item.owner?.name ?? "Unassigned"}</span>
          </span>
          {item.dueDate ? (
            <span className={cn("inline-flex items-center gap-1", overdue && "font-medium text-red-600 dark:text-red-400")}>
              <CalendarDays aria-hidden className="size-3.5 shrink-0" />
              <span className="sr-only">Due </span>
              <time dateTime={item.dueDate.slice(0, 10)}>{formatDue(item.dueDate, today)}</time>
              {overdue ? <span className="sr-only"> (overdue)</span> : null}
            </span>
          ) : null}
        </div>
        {labels.length ? (
          <ul aria-label="Labels" className="flex flex-wrap gap-1">
            {labels.map((label) => (
              <li key={label}>
                <Badge className="max-w-40">
                  <span className="min-w-0 truncate">{label}</span>
                </Badge>
              </li>
            ))}
            {item.labels.length > MAX_LABELS ? (
              <li>
                <Badge>
                  +{item.labels.length - MAX_LABELS}
                  <span className="sr-only"> more labels</span>
                </Badge>
              </li>
            ) : null}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
