import { FileCode2, Hourglass, Link2 } from "lucide-react";
import Link from "next/link";
import { StatusBadge } from "@/components/items/status-badge";
import { Badge } from "@/components/ui/badge";
import { Skeleton } from "@/components/ui/skeleton";
import type { BatchItemOutput, BatchPlanOutput } from "@/lib/validation/batches";
import { waitReasons } from "./batch-model";

/** The most files a card lists before "and N more". */
const MAX_FILES = 6;

const columnClass = "flex w-[min(19rem,85vw)] shrink-0 snap-start flex-col rounded-lg border border-zinc-200 bg-zinc-100/70 dark:border-zinc-800 dark:bg-zinc-900/50";

function ItemCard({ item, href, showPhase }: { item: BatchItemOutput; href: string; showPhase: boolean }) {
  const files = item.files.slice(0, MAX_FILES);
  return (
    <li className="relative space-y-2 rounded-md border border-zinc-200 bg-white px-3 py-2.5 shadow-sm hover:border-zinc-300 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:border-zinc-600" data-testid="batch-item">
      <div className="flex flex-wrap items-center gap-1.5">
        <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{item.key}</span>
        {item.status !== "open" ? <StatusBadge status={item.status} /> : null}
        {showPhase && item.phase ? <Badge className="max-w-full truncate">{item.phase.name}</Badge> : null}
      </div>
      <Link href={href} className="block text-sm font-medium break-words text-zinc-900 before:absolute before:inset-0 before:rounded-md hover:underline dark:text-zinc-100">
        {item.title}
      </Link>
      {files.length ? (
        <ul aria-label={`Files ${item.key} touches`} className="space-y-0.5">
          {files.map((file) => (
            <li key={file} className="flex min-w-0 items-start gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
              <FileCode2 aria-hidden className="mt-px size-3.5 shrink-0" />
              <span className="font-mono break-all">{file}</span>
            </li>
          ))}
          {item.files.length > MAX_FILES ? <li className="pl-5 text-xs text-zinc-500 dark:text-zinc-400">and {item.files.length - MAX_FILES} more</li> : null}
        </ul>
      ) : (
        <p className="text-xs text-zinc-500 italic dark:text-zinc-400">No files listed</p>
      )}
      {item.blockedOutside.length ? (
        <p className="flex items-start gap-1.5 text-xs text-amber-800 dark:text-amber-300">
          <Link2 aria-hidden className="mt-px size-3.5 shrink-0" />
          <span>
            Also blocked by {item.blockedOutside.map((b) => b.key).join(", ")}, outside this selection
          </span>
        </p>
      ) : null}
    </li>
  );
}

/**
 * The batches side by side, each a column of cards, run left to right. Under
 * each column: the items it could not take and why (a shared file, a blocker,
 * the phases' order) — the conflicts that forced the split.
 */
export function BatchColumns({ plan, itemHref }: { plan: BatchPlanOutput; itemHref: (key: string) => string }) {
  const items = new Map(plan.batches.flatMap((b) => b.items.map((i) => [i.key, i] as const)));
  const showPhase = new Set([...items.values()].map((i) => i.phase?.id ?? null)).size > 1;
  const keyLink = (key: string) => (
    <Link href={itemHref(key)} className="font-mono font-medium text-zinc-900 hover:underline dark:text-zinc-100">
      {key}
    </Link>
  );
  return (
    <ol aria-label="Batches, run in order" className="flex snap-x gap-3 overflow-x-auto pb-2">
      {plan.batches.map((batch) => {
        const waits = waitReasons(batch.deferred, items);
        const headingId = `batch-${batch.number}-heading`;
        return (
          <li key={batch.number} className={columnClass} data-testid="batch-column">
            <section aria-labelledby={headingId} className="flex flex-1 flex-col">
              <div className="flex items-baseline justify-between gap-2 px-3 pt-3 pb-2">
                <h3 id={headingId} className="text-sm font-semibold">
                  Batch {batch.number}
                </h3>
                <span className="text-xs text-zinc-500 dark:text-zinc-400">
                  {batch.items.length} {batch.items.length === 1 ? "item" : "items"} in parallel
                </span>
              </div>
              <ul className="space-y-2 px-2">
                {batch.items.map((item) => (
                  <ItemCard key={item.key} item={item} href={itemHref(item.key)} showPhase={showPhase} />
                ))}
              </ul>
              <div className="mt-auto px-3 pt-3 pb-3">
                {waits.length ? (
                  <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200" data-testid="batch-split">
                    <p className="mb-1 flex items-center gap-1.5 font-semibold">
                      <Hourglass aria-hidden className="size-3.5" /> Held back to a later batch
                    </p>
                    <ul className="space-y-1">
                      {waits.map((wait) => (
                        <li key={wait.key}>
                          {keyLink(wait.key)} waits: {wait.reasons.join("; ")}.
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
              </div>
            </section>
          </li>
        );
      })}
    </ol>
  );
}

/** The columns' shape while the plan loads. */
export function BatchColumnsSkeleton() {
  return (
    <div role="status" className="flex gap-3 overflow-hidden" data-testid="batches-loading">
      <span className="sr-only">Planning the batches…</span>
      {[4, 3, 2].map((cards, column) => (
        <div key={column} className={`${columnClass} space-y-2 p-2`}>
          <Skeleton className="mx-1 my-1.5 h-4 w-24" />
          {Array.from({ length: cards }, (_, card) => (
            <Skeleton key={card} className="h-24" />
          ))}
        </div>
      ))}
    </div>
  );
}
