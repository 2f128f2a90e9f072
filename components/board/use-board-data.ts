"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import type { ItemDto, ItemListDto } from "@/lib/validation/item";
import type { PhaseOutput } from "@/lib/validation/phase";
import { bucketsFor, buildBoard, itemsPageQuery, type BoardLayout, type BoardSettings, type GroupField, type OwnerOption } from "./board-model";

/** More pages than this means something is wrong with the cursor; stop rather than loop. */
const MAX_PAGES = 100;

async function fetchAllItems(base: string, filters: string): Promise<ItemDto[]> {
  const items: ItemDto[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result: ItemListDto = await api<ItemListDto>(`${base}/items?${itemsPageQuery(filters, cursor)}`);
    items.push(...result.data);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/** The cache holds what the API returned (`{ data }`), like every other user of these keys. */
interface ListResponse<T> {
  data: T[];
}

export interface BoardData {
  itemsKey: readonly unknown[];
  items: ItemDto[];
  itemsById: ReadonlyMap<string, ItemDto>;
  layout: BoardLayout | null;
  isPending: boolean;
  error: unknown;
  retrying: boolean;
  retry: () => void;
}

/** Everything the board shows: all items matching the filters, and the phases or owners its columns need. */
export function useBoardData(ws: string, project: string, settings: BoardSettings): BoardData {
  const base = `/api/v1/workspaces/${ws}/projects/${project}`;
  const uses = (field: GroupField) => settings.group === field || settings.lanes === field;
  const itemsKey = queryKeys.items(ws, project, `board:${settings.filters}`);

  const items = useQuery({ queryKey: itemsKey, queryFn: () => fetchAllItems(base, settings.filters) });
  const phases = useQuery({
    queryKey: queryKeys.phases(ws, project),
    queryFn: () => api<ListResponse<PhaseOutput>>(`${base}/phases`),
    enabled: uses("phase"),
  });
  const owners = useQuery({
    queryKey: queryKeys.owners(ws),
    queryFn: () => api<ListResponse<OwnerOption>>(`/api/v1/workspaces/${ws}/owners`),
    enabled: uses("owner"),
  });

  const data = items.data;
  const phaseList = phases.data?.data;
  const ownerList = owners.data?.data;
  const { group, lanes, filters } = settings;

  const layout = useMemo(() => {
    if (!data) return null;
    const source = { items: data, phases: phaseList, owners: ownerList, filters };
    return buildBoard(data, group, lanes, { columns: bucketsFor(group, source), lanes: lanes ? bucketsFor(lanes, source) : null });
  }, [data, phaseList, ownerList, group, lanes, filters]);

  const itemsById = useMemo(() => new Map((data ?? []).map((item) => [item.id, item])), [data]);

  const needed = [items, ...(uses("phase") ? [phases] : []), ...(uses("owner") ? [owners] : [])];
  const failed = needed.filter((query) => query.isError);
  return {
    itemsKey,
    items: data ?? [],
    itemsById,
    layout,
    isPending: needed.some((query) => query.isPending),
    error: failed[0]?.error ?? null,
    retrying: failed.some((query) => query.isFetching),
    retry: () => failed.forEach((query) => void query.refetch()),
  };
}
