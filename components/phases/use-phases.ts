"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import type { CreatePhaseInput, PhaseOutput, UpdatePhaseInput } from "@/lib/validation/phase";

export interface PhasesResponse {
  data: PhaseOutput[];
  criticalPath: { phaseIds: string[]; totalDays: number };
}

export type OwnerKind = "member" | "team" | "vendor" | "agent";

export interface OwnerOption {
  id: string;
  name: string;
  kind: OwnerKind;
}

export function phasesUrl(ws: string, project: string, id?: string): string {
  const base = `/api/v1/workspaces/${ws}/projects/${project}/phases`;
  return id ? `${base}/${encodeURIComponent(id)}` : base;
}

export function usePhases(ws: string, project: string) {
  return useQuery({
    queryKey: queryKeys.phases(ws, project),
    queryFn: () => api<PhasesResponse>(phasesUrl(ws, project)),
  });
}

export function useOwners(ws: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.owners(ws),
    queryFn: () => api<{ data: OwnerOption[] }>(`/api/v1/workspaces/${ws}/owners`),
    select: (response) => response.data,
    enabled,
  });
}

/** The body a create sends: what createPhaseInput takes (defaults filled in by the form). */
export type PhaseDraft = Required<Omit<CreatePhaseInput, "position">>;

export function useSavePhase(ws: string, project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: null; body: PhaseDraft } | { id: string; body: UpdatePhaseInput }) =>
      input.id === null
        ? api<PhaseOutput>(phasesUrl(ws, project), { method: "POST", body: input.body })
        : api<PhaseOutput>(phasesUrl(ws, project, input.id), { method: "PATCH", body: input.body }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.phases(ws, project) }),
  });
}

export function useDeletePhase(ws: string, project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(phasesUrl(ws, project, id), { method: "DELETE" }),
    // Its items move to "no phase": the register, the board and the items change too.
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.project(ws, project) }),
  });
}

function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  next.splice(to, 0, ...next.splice(from, 1));
  return next;
}

/**
 * Moves a phase to a new 0-based position. The list moves at once; moves run
 * one after another (one mutation scope), and the list is refetched when the
 * last of them is done, so quick repeated moves do not flicker back.
 */
export function useMovePhase(ws: string, project: string) {
  const client = useQueryClient();
  const key = queryKeys.phases(ws, project);
  const mutationKey = [...key, "move"] as const;
  const mutation = useMutation({
    mutationKey,
    scope: { id: `phases-move:${ws}:${project}` },
    mutationFn: ({ id, position }: { id: string; position: number; name: string }) =>
      api<PhaseOutput>(phasesUrl(ws, project, id), { method: "PATCH", body: { position } }),
    onError: () => client.invalidateQueries({ queryKey: key }),
    onSettled: () => {
      if (client.isMutating({ mutationKey }) <= 1) return client.invalidateQueries({ queryKey: key });
    },
  });
  return {
    ...mutation,
    move(phase: PhaseOutput, position: number) {
      const current = client.getQueryData<PhasesResponse>(key);
      const from = current?.data.findIndex((p) => p.id === phase.id) ?? -1;
      if (!current || from < 0 || position < 0 || position >= current.data.length || position === from) return;
      void client.cancelQueries({ queryKey: key });
      client.setQueryData<PhasesResponse>(key, {
        ...current,
        data: moved(current.data, from, position).map((p, index) => ({ ...p, position: index })),
      });
      mutation.mutate({ id: phase.id, position, name: phase.name });
    },
  };
}
