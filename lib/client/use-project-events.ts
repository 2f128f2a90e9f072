"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { queryKeys } from "./query-keys";

export type LiveState = "connecting" | "live" | "offline";

/**
 * Subscribes to a project's change stream (Server-Sent Events backed by
 * PostgreSQL LISTEN/NOTIFY) and refetches what changed: every open register,
 * board and item page of the project updates within a few seconds.
 */
export function useProjectEvents(ws: string, project: string): LiveState {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");
  useEffect(() => {
    const source = new EventSource(`/api/v1/workspaces/${ws}/projects/${project}/events`);
    let opened = false;
    source.onopen = () => {
      setState("live");
      // After a reconnect, changes made while offline were missed: refetch.
      if (opened) void client.invalidateQueries({ queryKey: queryKeys.project(ws, project) });
      opened = true;
    };
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? "offline" : "connecting");
    source.addEventListener("change", () => {
      // Everything under this project's key: items, the open item, phases, views.
      void client.invalidateQueries({ queryKey: queryKeys.project(ws, project) });
    });
    return () => source.close();
  }, [client, ws, project]);
  return state;
}
