import { FolderKanban } from "lucide-react";
import type { Metadata } from "next";
import { CreateProjectButton } from "@/components/projects/create-project-button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/workspace";
import { getPortfolio } from "@/lib/services/portfolio/get-portfolio";
import { PortfolioView } from "@/components/portfolio/portfolio-view";
import { Suspense } from "react";

export const metadata: Metadata = { title: "Portfolio" };

export default async function ProjectsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await requireWorkspace(workspace, "projects.read");
  const portfolio = await getPortfolio({ ctx });
  const canCreate = can(ctx.member.role, "projects.create");

  return (
    <>
      <PageHeader
        title="Portfolio"
        description={`Go / No-Go across ${ctx.workspace.name}: each project's gate, what Readyroom recommends now, and what was decided.`}
        actions={canCreate ? <CreateProjectButton workspace={workspace} /> : null}
      />
      {portfolio.projects.length === 0 ? (
        <Card>
          <EmptyState
            icon={FolderKanban}
            title="No projects yet"
            description={canCreate ? "Create a project for the release you are preparing: its findings, phases and gate live there." : "Nobody has created a project in this workspace yet."}
            action={canCreate ? <CreateProjectButton workspace={workspace} /> : null}
          />
        </Card>
      ) : (
        <Suspense>
          <PortfolioView workspace={workspace} projects={portfolio.projects} risks={portfolio.risks} openRisks={portfolio.openRisks} />
        </Suspense>
      )}
    </>
  );
}
