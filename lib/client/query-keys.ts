/** TanStack Query keys, one place, so live updates can invalidate exactly what a change touches. */
export const queryKeys = {
  project: (ws: string, project: string) => ["project", ws, project] as const,
  items: (ws: string, project: string, query = "") => ["project", ws, project, "items", query] as const,
  allItems: (ws: string, project: string) => ["project", ws, project, "items"] as const,
  item: (ws: string, project: string, key: string) => ["project", ws, project, "item", key] as const,
  itemPart: (ws: string, project: string, key: string, part: "evidence" | "comments" | "activity") =>
    ["project", ws, project, "item", key, part] as const,
  phases: (ws: string, project: string) => ["project", ws, project, "phases"] as const,
  views: (ws: string, project: string, surface: string) => ["project", ws, project, "views", surface] as const,
  owners: (ws: string) => ["workspace", ws, "owners"] as const,
  members: (ws: string) => ["workspace", ws, "members"] as const,
};
