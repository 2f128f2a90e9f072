import type { Metadata } from "next";
import { WorkspaceSettingsForm } from "@/components/workspace/workspace-settings-form";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/workspace";
import { getWorkspace } from "@/lib/services/workspaces/get-workspace";

export const metadata: Metadata = { title: "Workspace settings" };

export default async function WorkspaceSettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const ctx = await requireWorkspace(slug);
  const workspace = await getWorkspace({ ctx });
  return (
    <>
      <PageHeader title="Workspace settings" description="Name, who may join, and the workspace itself." />
      <WorkspaceSettingsForm
        workspace={{ slug: workspace.slug, name: workspace.name, allowedDomains: workspace.allowedDomains, domainAutoJoin: workspace.domainAutoJoin }}
        canEdit={can(ctx.member.role, "workspace.update")}
        canDelete={can(ctx.member.role, "workspace.delete")}
      />
    </>
  );
}
