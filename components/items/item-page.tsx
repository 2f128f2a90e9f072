"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, SearchX } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DangerZone } from "@/components/ui/danger-zone";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { api, ApiError } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import { useProjectEvents } from "@/lib/client/use-project-events";
import type { ItemDto } from "@/lib/validation/item";
import { ActivitySection } from "./activity";
import { CommentsSection } from "./comments";
import { EvidenceSection } from "./evidence";
import { ItemEditor } from "./item-editor";
import { itemApi } from "./use-project-data";

interface Props {
  workspace: string;
  project: string;
  itemKey: string;
  canEdit: boolean;
}

function ItemSkeleton() {
  return (
    <div role="status" aria-label="Loading item" className="space-y-6">
      <div className="space-y-2">
        <div className="flex gap-2">
          <Skeleton className="h-5 w-20 rounded-full" />
          <Skeleton className="h-5 w-16 rounded-full" />
        </div>
        <Skeleton className="h-8 w-2/3" />
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-6">
          <Skeleton className="h-48" />
          <Skeleton className="h-64" />
        </div>
        <Skeleton className="h-96" />
      </div>
    </div>
  );
}

/** The item page: its fields (editable in place for editors), evidence, comments and history, kept live. */
export function ItemPage({ workspace, project, itemKey, canEdit }: Props) {
  const router = useRouter();
  const client = useQueryClient();
  useProjectEvents(workspace, project);
  const registerHref = `/${workspace}/projects/${project}/register`;
  const item = useQuery({
    queryKey: queryKeys.item(workspace, project, itemKey),
    queryFn: () => api<ItemDto>(itemApi(workspace, project, itemKey)),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 1,
  });

  const back = (
    <Link href={registerHref} className="mb-4 inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-900 hover:underline dark:text-zinc-400 dark:hover:text-zinc-100">
      <ArrowLeft aria-hidden className="size-4" /> Register
    </Link>
  );

  // A 404 wins over data already shown: the item was deleted while open.
  if (item.error instanceof ApiError && item.error.status === 404) {
    return (
      <>
        {back}
        <Card>
          <EmptyState
            icon={SearchX}
            title={`${itemKey} not found`}
            description="There is no item with this key in the project. It may have been deleted, or the link may be wrong."
            action={<Link href={registerHref} className={buttonClass("secondary")}>Back to the register</Link>}
          />
        </Card>
      </>
    );
  }

  if (item.isPending) {
    return (
      <>
        {back}
        <ItemSkeleton />
      </>
    );
  }

  if (item.isError && !item.data) {
    const error = item.error instanceof ApiError ? item.error : null;
    return (
      <>
        {back}
        <div className="max-w-lg space-y-3">
          <Alert title={`${itemKey} could not be loaded.`} requestId={error && error.status >= 500 ? error.requestId : undefined}>
            {error ? error.message : "Something went wrong. Try again."}
          </Alert>
          <Button variant="secondary" pending={item.isFetching} onClick={() => void item.refetch()}>Retry</Button>
        </div>
      </>
    );
  }

  const data = item.data;
  return (
    <>
      {back}
      {item.isRefetchError ? (
        <Alert className="mb-4" title="This item could not be refreshed.">
          Showing what was loaded before.{" "}
          <button type="button" className="font-medium underline underline-offset-2" onClick={() => void item.refetch()}>Retry</button>
        </Alert>
      ) : null}
      <ItemEditor workspace={workspace} project={project} item={data} canEdit={canEdit} />
      <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-6">
          <EvidenceSection workspace={workspace} project={project} itemKey={data.key} canEdit={canEdit} />
          <CommentsSection workspace={workspace} project={project} itemKey={data.key} canEdit={canEdit} />
        </div>
        <div className="min-w-0">
          <ActivitySection workspace={workspace} project={project} itemKey={data.key} />
        </div>
      </div>
      {canEdit ? (
        <div className="mt-6">
          <DangerZone
            title="Delete item"
            description="Deletes the item with its evidence, comments and history. Items it blocks are no longer blocked by it. This cannot be undone."
            confirmation={data.key}
            dialogTitle={`Delete ${data.key}?`}
            dialogDescription={data.title}
            onConfirm={() => api(itemApi(workspace, project, data.key), { method: "DELETE" })}
            onDone={() => {
              client.removeQueries({ queryKey: queryKeys.item(workspace, project, data.key) });
              void client.invalidateQueries({ queryKey: queryKeys.allItems(workspace, project) });
              router.push(registerHref);
            }}
          />
        </div>
      ) : null}
    </>
  );
}
