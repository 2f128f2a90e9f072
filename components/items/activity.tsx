"use client";

import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { api, ApiError } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import { describeActivity, formatDateTime, formatRelative, type ActivityEntry } from "./format";
import { Section } from "./section";
import { itemApi } from "./use-project-data";
import { useNow } from "./use-now";

/** Every change to the item, newest first: "Max changed status from open to in progress · 2 min ago". */
export function ActivitySection({ workspace, project, itemKey }: { workspace: string; project: string; itemKey: string }) {
  const now = useNow();
  const activity = useQuery({
    queryKey: queryKeys.itemPart(workspace, project, itemKey, "activity"),
    queryFn: () => api<{ data: ActivityEntry[] }>(`${itemApi(workspace, project, itemKey)}/activity`),
  });

  return (
    <Section id="activity" title="History">
      {activity.isPending ? (
        <div className="space-y-2" role="status" aria-label="Loading history">
          <Skeleton className="h-4" />
          <Skeleton className="h-4 w-3/4" />
          <Skeleton className="h-4 w-5/6" />
        </div>
      ) : activity.isError ? (
        <div className="space-y-2">
          <Alert title="History could not be loaded.">{activity.error instanceof ApiError ? activity.error.message : "Something went wrong."}</Alert>
          <Button variant="secondary" size="sm" pending={activity.isFetching} onClick={() => void activity.refetch()}>Retry</Button>
        </div>
      ) : activity.data.data.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No changes recorded yet.</p>
      ) : (
        <ol className="space-y-2.5 border-l border-zinc-200 pl-4 dark:border-zinc-800">
          {activity.data.data.map((entry) => (
            <li key={entry.id} className="relative text-sm">
              <span aria-hidden className="absolute -left-[1.3rem] top-1.5 size-2 rounded-full bg-zinc-300 ring-2 ring-white dark:bg-zinc-600 dark:ring-zinc-900" />
              <span className="font-medium">{entry.actor?.name ?? "Someone"}</span> <span className="text-zinc-700 dark:text-zinc-300">{describeActivity(entry)}</span>
              <span className="text-zinc-500 dark:text-zinc-400">
                {" · "}
                <time dateTime={entry.createdAt} title={formatDateTime(entry.createdAt)}>{formatRelative(entry.createdAt, now)}</time>
              </span>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
