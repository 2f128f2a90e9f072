"use client";

import { useMutation, useMutationState, useQueryClient } from "@tanstack/react-query";
import { api, ApiError } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import type { ItemDto } from "@/lib/validation/item";
import { describeMoveError, type MoveFailure, type MovePlan } from "./board-model";

export interface MoveVariables {
  /** The item as it was before the move: what a refusal restores. */
  item: ItemDto;
  plan: MovePlan;
}

function replaceItem(items: ItemDto[] | undefined, next: ItemDto): ItemDto[] | undefined {
  return items?.map((item) => (item.id === next.id ? next : item));
}

function currentFromConflict(error: unknown): ItemDto | undefined {
  if (!(error instanceof ApiError) || error.code !== "version_conflict") return undefined;
  const current = (error.details as { current?: unknown } | undefined)?.current;
  return current && typeof current === "object" && "id" in current && "key" in current ? (current as ItemDto) : undefined;
}

const moveKey = (ws: string, project: string) => ["board-move", ws, project] as const;

/**
 * Moves a card: the cache shows the move at once, the PATCH confirms it, and
 * a refusal puts the card back and reports why.
 */
export function useBoardMove(options: {
  ws: string;
  project: string;
  itemsKey: readonly unknown[];
  onFailed: (failure: MoveFailure, item: ItemDto) => void;
}) {
  const { ws, project, itemsKey, onFailed } = options;
  const client = useQueryClient();
  return useMutation({
    mutationKey: moveKey(ws, project),
    mutationFn: ({ item, plan }: MoveVariables) =>
      api<ItemDto>(`/api/v1/workspaces/${ws}/projects/${project}/items/${encodeURIComponent(item.key)}`, { method: "PATCH", body: plan.patch }),
    onMutate: async ({ plan }) => {
      // A refetch landing after the optimistic update would put the card back where it was.
      await client.cancelQueries({ queryKey: itemsKey });
      client.setQueryData<ItemDto[]>(itemsKey, (items) => replaceItem(items, plan.optimistic));
    },
    onSuccess: (updated) => {
      client.setQueryData<ItemDto[]>(itemsKey, (items) => replaceItem(items, updated));
    },
    onError: (error, { item }) => {
      const failure = describeMoveError(error, item.key);
      client.setQueryData<ItemDto[]>(itemsKey, (items) => replaceItem(items, currentFromConflict(error) ?? item));
      if (failure.refetch) void client.invalidateQueries({ queryKey: queryKeys.allItems(ws, project) });
      onFailed(failure, item);
    },
    onSettled: () => {
      // The register and the item page read other keys under the project: they refetch when next shown.
      void client.invalidateQueries({ queryKey: queryKeys.project(ws, project), refetchType: "none" });
    },
  });
}

/** Ids of the cards whose move is still on its way to the server: they cannot be moved again until it answers. */
export function usePendingMoves(ws: string, project: string): Set<string> {
  const ids = useMutationState({
    filters: { mutationKey: moveKey(ws, project), status: "pending" },
    select: (mutation) => (mutation.state.variables as MoveVariables | undefined)?.item.id,
  });
  return new Set(ids.filter((id): id is string => typeof id === "string"));
}
