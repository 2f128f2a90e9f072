import type { Metadata } from "next";
import { PhasesView } from "@/components/phases/phases-view";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/workspace";

export const metadata: Metadata = { title: "Phases" };

export default async function PhasesPage({ params }: { params: Promise<{ workspace: string; project: string }> }) {
  const { workspace, project } = await params;
  const ctx = await requireWorkspace(workspace, "items.read");
  return <PhasesView workspace={workspace} project={project} canEdit={can(ctx.member.role, "items.write")} />;
}
