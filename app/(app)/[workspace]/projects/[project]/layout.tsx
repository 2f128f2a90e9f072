import { notFound } from "next/navigation";
import { ProjectTabs } from "@/components/projects/project-tabs";
import { requireWorkspace } from "@/lib/auth/workspace";
import { NotFoundError } from "@/lib/errors";
import { getProjectInWorkspace } from "@/lib/services/projects/get-project";

export default async function ProjectLayout({ children, params }: { children: React.ReactNode; params: Promise<{ workspace: string; project: string }> }) {
  const { workspace, project: slug } = await params;
  const ctx = await requireWorkspace(workspace, "projects.read");
  const project = await getProjectInWorkspace({ ctx, slug }).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <>
      <ProjectTabs workspace={workspace} project={project.slug} />
      {children}
    </>
  );
}
