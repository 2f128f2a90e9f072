"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import type { BatchPlanOutput } from "@/lib/validation/batches";
import { type BatchSelection, selectionQuery } from "./batch-model";

/**
 * The batch plan of a selection. It lives under the project's key, so live
 * updates (an item's files or status changed) plan it again; while another
 * selection loads, the last plan stays on screen.
 */
export function useBatches(ws: string, project: string, selection: BatchSelection) {
  const query = selectionQuery(selection);
  return useQuery({
    queryKey: [...queryKeys.project(ws, project), "batches", query],
    queryFn: () => api<BatchPlanOutput>(`/api/v1/workspaces/${ws}/projects/${project}/batches${query ? `?${query}` : ""}`),
    placeholderData: keepPreviousData,
  });
}
