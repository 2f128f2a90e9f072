import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";

export async function listApiKeys({ ctx }: { ctx: WorkspaceContext }) {
  return ctx.db.apiKey.findMany({ orderBy: { createdAt: "desc" } });
}
