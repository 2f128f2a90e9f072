import Link from "next/link";
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
      <div className="mb-4 min-w-0">
        <Link href={`/${workspace}`} className="text-sm text-zinc-500 hover:underline dark:text-zinc-400">
          Portfolio
        </Link>
        <h1 className="mt-1 truncate text-2xl font-semibold tracking-tight">{project.name}</h1>
      </div>
      <ProjectTabs workspace={workspace} project={project.slug} />
      {children}
    </>
  );
}
