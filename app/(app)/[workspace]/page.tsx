import { FolderKanban } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { CreateProjectButton } from "@/components/projects/create-project-button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/workspace";
import { listProjects, projectItemCounts } from "@/lib/services/projects/list-projects";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await requireWorkspace(workspace, "projects.read");
  const [projects, counts] = await Promise.all([listProjects({ ctx }), projectItemCounts({ ctx })]);
  const canCreate = can(ctx.member.role, "projects.create");

  return (
    <>
      <PageHeader
        title="Projects"
        description={`Release readiness across ${ctx.workspace.name}.`}
        actions={canCreate ? <CreateProjectButton workspace={workspace} /> : null}
      />
      {projects.length === 0 ? (
        <Card>
          <EmptyState
            icon={FolderKanban}
            title="No projects yet"
            description={canCreate ? "Create a project for the release you are preparing: its findings, phases and gate live there." : "Nobody has created a project in this workspace yet."}
            action={canCreate ? <CreateProjectButton workspace={workspace} /> : null}
          />
        </Card>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {projects.map((project) => {
            const c = counts.get(project.id) ?? { total: 0, done: 0, open: 0 };
            const percent = c.total ? Math.round((c.done / c.total) * 100) : 0;
            return (
              <li key={project.id}>
                <Link
                  href={`/${workspace}/projects/${project.slug}`}
                  className="block h-full rounded-lg border border-zinc-200 bg-white p-5 shadow-sm transition hover:border-brand-500/60 hover:shadow dark:border-zinc-800 dark:bg-zinc-900"
                >
                  <div className="flex items-start justify-between gap-3">
                    <h2 className="font-semibold">{project.name}</h2>
                    <span className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">{project.keyPrefix}</span>
                  </div>
                  <p className="mt-1 line-clamp-2 min-h-10 text-sm text-zinc-500 dark:text-zinc-400">{project.description || "No description."}</p>
                  <div className="mt-4">
                    <div className="flex justify-between text-xs text-zinc-500 dark:text-zinc-400">
                      <span>{c.open} open · {c.done} closed</span>
                      <span>{percent}%</span>
                    </div>
                    <div className="mt-1.5 h-1.5 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800" role="progressbar" aria-label={`${project.name} progress`} aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100}>
                      <div className="h-full rounded-full bg-brand-600" style={{ width: `${percent}%` }} />
                    </div>
                  </div>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
