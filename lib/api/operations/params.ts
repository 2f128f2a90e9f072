/** Path parameters and response shapes shared by the operations, documented once. */
import { z } from "zod";

const segment = (description: string) => z.string().min(1).max(200).meta({ description });

export const wsParam = segment("The workspace's slug.");
export const projectParam = segment("The project's slug within the workspace.");

export const workspacePath = z.object({ ws: wsParam });
export const projectPath = z.object({ ws: wsParam, project: projectParam });
/** A project path plus more segments. */
export function projectPathWith<S extends Record<string, z.ZodType>>(more: S) {
  return projectPath.extend(more);
}
export function workspacePathWith<S extends Record<string, z.ZodType>>(more: S) {
  return workspacePath.extend(more);
}
export { segment };

/** A list response: `{ data: [...] }`. */
export const list = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });
/** A success with no body. */
export const noContent = { status: 204, description: "Done; no body." } as const;
