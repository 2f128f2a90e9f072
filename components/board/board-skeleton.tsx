import { Skeleton } from "@/components/ui/skeleton";

/** The board's shape while its items load. */
export function BoardSkeleton() {
  return (
    <div role="status" aria-label="Loading the board" className="flex gap-3 overflow-hidden">
      {[3, 2, 4, 1].map((cards, column) => (
        <div key={column} className="w-[min(18rem,80vw)] shrink-0 space-y-2 rounded-lg border border-zinc-200 bg-zinc-100/70 p-2 dark:border-zinc-800 dark:bg-zinc-900/50">
          <Skeleton className="mx-1 my-1.5 h-4 w-24" />
          {Array.from({ length: cards }, (_, card) => (
            <Skeleton key={card} className="h-24" />
          ))}
        </div>
      ))}
    </div>
  );
}
