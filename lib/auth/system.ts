import { findWorkspaceForOperator } from "@/lib/db/global/identity";
import { scopedDb } from "@/lib/db/scoped";
import { NotFoundError } from "@/lib/errors";
import type { WorkspaceContext } from "./context";

/**
 * The third and last way to build a WorkspaceContext, for the command line only
 * (readyroom CLI, seed): an operator with direct access to the database acts on
 * one workspace as its owner. Nothing served over HTTP imports this file.
 */
export async function systemWorkspaceContext(slug: string, name = "cli"): Promise<WorkspaceContext> {
  const workspace = await findWorkspaceForOperator(slug);
  if (!workspace) throw new NotFoundError("Workspace");
  return {
    workspace,
    member: { role: "owner" },
    actor: { type: "system", name },
    db: await scopedDb(workspace.id),
    request: { id: crypto.randomUUID() },
  };
}
