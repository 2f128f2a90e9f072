import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { pageOrigin } from "@/lib/http/page-origin";
import { ProjectSettingsForm } from "@/components/projects/project-settings-form";
import { PublicStatusSettings } from "@/components/projects/public-status-settings";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/workspace";
import { NotFoundError } from "@/lib/errors";
import { getProjectInWorkspace } from "@/lib/services/projects/get-project";

export const metadata: Metadata = { title: "Project settings" };

export default async function ProjectSettingsPage({ params }: { params: Promise<{ workspace: string; project: string }> }) {
  const { workspace, project: slug } = await params;
  const ctx = await requireWorkspace(workspace, "projects.update");
  const project = await getProjectInWorkspace({ ctx, slug }).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const origin = await pageOrigin();
  return (
    <>
      <h2 className="mb-4 text-lg font-semibold">Project settings</h2>
      <div className="space-y-6">
        <PublicStatusSettings workspace={workspace} project={{ slug: project.slug, name: project.name }} origin={origin} canPublish={can(ctx.member.role, "projects.publish")} />
        <ProjectSettingsForm
          workspace={workspace}
          project={{ slug: project.slug, name: project.name, description: project.description, keyPrefix: project.keyPrefix }}
          canDelete={can(ctx.member.role, "projects.delete")}
        />
      </div>
    </>
  );
}
