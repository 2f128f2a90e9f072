import type { Metadata } from "next";
import { ExchangeView } from "@/components/exchange/exchange-view";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/workspace";

export const metadata: Metadata = { title: "Import and export" };

export default async function ImportPage({ params }: { params: Promise<{ workspace: string; project: string }> }) {
  const { workspace, project } = await params;
  const ctx = await requireWorkspace(workspace, "items.read");
  return <ExchangeView workspace={workspace} project={project} canImport={can(ctx.member.role, "items.write")} />;
}
