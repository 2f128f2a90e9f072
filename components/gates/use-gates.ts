"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import type { DecisionBody } from "./gate-view-model";
import type { Decision, DecisionsResponse, GateEvaluation, GateSummary } from "./types";

/** Under the project's key, so the project's change stream refetches them. */
export const gateKeys = {
  all: (ws: string, project: string) => [...queryKeys.project(ws, project), "gates"] as const,
  evaluation: (ws: string, project: string, gate: string) => [...queryKeys.project(ws, project), "gates", gate, "evaluation"] as const,
  decisions: (ws: string, project: string, gate: string) => [...queryKeys.project(ws, project), "gates", gate, "decisions"] as const,
};

export function gatesUrl(ws: string, project: string, ...rest: string[]): string {
  return [`/api/v1/workspaces/${ws}/projects/${project}/gates`, ...rest.map(encodeURIComponent)].join("/");
}

export function useGates(ws: string, project: string) {
  return useQuery({
    queryKey: gateKeys.all(ws, project),
    queryFn: () => api<{ data: GateSummary[] }>(gatesUrl(ws, project)),
    select: (response) => response.data,
  });
}

export function useEvaluation(ws: string, project: string, gate: string) {
  return useQuery({
    queryKey: gateKeys.evaluation(ws, project, gate),
    queryFn: () => api<GateEvaluation>(gatesUrl(ws, project, gate, "evaluation")),
  });
}

export function useDecisions(ws: string, project: string, gate: string) {
  return useQuery({
    queryKey: gateKeys.decisions(ws, project, gate),
    queryFn: () => api<DecisionsResponse>(gatesUrl(ws, project, gate, "decisions")),
  });
}

export interface MarkBody {
  result: "pass" | "fail";
  justification: string;
  evidenceUrl?: string;
}

export function useMarkCriterion(ws: string, project: string, gate: string, criterion: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MarkBody) => api(gatesUrl(ws, project, gate, "criteria", criterion, "marks"), { method: "POST", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: gateKeys.all(ws, project) }),
  });
}

export function useRecordDecision(ws: string, project: string, gate: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DecisionBody) => api<Decision>(gatesUrl(ws, project, gate, "decisions"), { method: "POST", body }),
    // A 409 means the register moved under the form: refetch so the page shows why.
    onSettled: () => client.invalidateQueries({ queryKey: gateKeys.all(ws, project) }),
  });
}

/** An approver signs the gate's latest decision. */
export function useSignDecision(ws: string, project: string, gate: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (decision: string) => api<Decision>(gatesUrl(ws, project, gate, "decisions", decision, "approvals"), { method: "POST" }),
    onSettled: () => client.invalidateQueries({ queryKey: gateKeys.all(ws, project) }),
  });
}
