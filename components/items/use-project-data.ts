"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import type { PhaseOutput } from "@/lib/validation/phase";

export interface OwnerOption {
  id: string;
  name: string;
  kind: string;
}

export function projectApi(ws: string, project: string): string {
  return `/api/v1/workspaces/${encodeURIComponent(ws)}/projects/${encodeURIComponent(project)}`;
}

export function itemApi(ws: string, project: string, key: string): string {
  return `${projectApi(ws, project)}/items/${encodeURIComponent(key)}`;
}

export function itemHref(ws: string, project: string, key: string): string {
  return `/${ws}/projects/${project}/items/${encodeURIComponent(key)}`;
}

/** The project's phases in their order, for filters and pickers. */
export function usePhases(ws: string, project: string) {
  return useQuery({
    queryKey: queryKeys.phases(ws, project),
    queryFn: () => api<{ data: PhaseOutput[] }>(`${projectApi(ws, project)}/phases`),
    select: (res) => [...res.data].sort((a, b) => a.position - b.position),
  });
}

/** The workspace's owners (members, teams, vendors, agents), by name. */
export function useOwners(ws: string) {
  return useQuery({
    queryKey: queryKeys.owners(ws),
    queryFn: () => api<{ data: OwnerOption[] }>(`/api/v1/workspaces/${encodeURIComponent(ws)}/owners`),
    select: (res) => [...res.data].sort((a, b) => a.name.localeCompare(b.name)),
  });
}
