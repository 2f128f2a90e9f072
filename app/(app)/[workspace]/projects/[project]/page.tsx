import { CalendarClock, Settings, ShieldCheck } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Markdown } from "@/components/items/markdown";
import { notFound } from "next/navigation";
import { SEVERITY_TONE } from "@/components/projects/severity";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/workspace";
import { NotFoundError } from "@/lib/errors";
import { getProjectOverview } from "@/lib/services/projects/get-project-overview";
import { cn } from "@/components/ui/cn";
import { ProjectTrend } from "@/components/trends/project-trend";

export const metadata: Metadata = { title: "Project" };

const OUTCOME = { go: { label: "Go", tone: "green" }, no_go: { label: "No-Go", tone: "red" }, go_with_risks: { label: "Go with known risks", tone: "amber" } } as const;

function percent(done: number, total: number) {
  return total ? Math.round((done / total) * 100) : 0;
}

/** The description's first paragraph, and the rest (an imported plan's notes can be long) folded away. Markdown. */
function ProjectDescription({ text }: { text: string }) {
  if (!text.trim()) return <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">No description.</p>;
  const cut = text.indexOf("\n\n");
  const lead = cut === -1 ? text : text.slice(0, cut);
  const rest = cut === -1 ? "" : text.slice(cut + 2).trim();
  return (
    <div className="min-w-0 max-w-3xl flex-1 space-y-2">
      <Markdown className="text-zinc-600 dark:text-zinc-400">{lead}</Markdown>
      {rest ? (
        <details className="group rounded-md border border-zinc-200 bg-white px-3 py-2 dark:border-zinc-800 dark:bg-zinc-900">
          <summary className="cursor-pointer text-sm font-medium text-zinc-700 dark:text-zinc-300">More from the description</summary>
          <Markdown className="mt-2">{rest}</Markdown>
        </details>
      ) : null}
    </div>
  );
}

export default async function ProjectOverviewPage({ params }: { params: Promise<{ workspace: string; project: string }> }) {
  const { workspace, project: slug } = await params;
  const ctx = await requireWorkspace(workspace, "projects.read");
  const overview = await getProjectOverview({ ctx, slug }).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const { project, totals, phases, gates } = overview;
  const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

  return (
    <>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <ProjectDescription text={project.description} />
        {can(ctx.member.role, "projects.update") ? (
          <Link href={`/${workspace}/projects/${project.slug}/settings`} className={buttonClass("secondary", "sm")}>
            <Settings aria-hidden className="size-4" /> Project settings
          </Link>
        ) : null}
      </div>

      <section aria-label="Summary" className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Card className="p-4">
          <p className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Progress</p>
          <p className="mt-1 text-2xl font-semibold">{percent(totals.closed, totals.total)}%</p>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">{totals.closed} of {totals.total} items closed · {totals.deferred} deferred</p>
        </Card>
        <Card className="p-4">
          <p className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Open blockers</p>
          <p className={cn("mt-1 text-2xl font-semibold", overview.openBlockers > 0 && "text-red-600 dark:text-red-400")}>{overview.openBlockers}</p>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">Items flagged as release blockers</p>
        </Card>
        <Card className="p-4 sm:col-span-2">
          <p className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Open items by severity</p>
          <ul className="mt-2 flex flex-wrap gap-2">
            {overview.openBySeverity.map(({ severity, count }) => (
              <li key={severity}>
                <Badge tone={SEVERITY_TONE[severity]}>
                  <span className="capitalize">{severity}</span>&nbsp;<span className="font-semibold">{count}</span>
                </Badge>
              </li>
            ))}
          </ul>
        </Card>
      </section>

      <ProjectTrend workspace={workspace} project={project.slug} />

      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title="Phases" description="Stages of the release, in order, with their dependencies." />
          {phases.length === 0 ? (
            <EmptyState icon={CalendarClock} title="No phases yet" description="Phases group the work into ordered stages (Phase 0…5, batches, milestones)." />
          ) : (
            <ol className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {phases.map((phase) => {
                const p = percent(phase.progress.closed, phase.progress.total);
                return (
                  <li key={phase.id} className="px-5 py-4">
                    <div className="flex flex-wrap items-baseline justify-between gap-2">
                      <h3 className="font-medium">{phase.name}</h3>
                      <span className="text-xs text-zinc-500 dark:text-zinc-400">
                        {phase.progress.closed}/{phase.progress.total} closed{phase.estimate ? ` · ${phase.estimate}` : ""}
                      </span>
                    </div>
                    {phase.objective ? <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{phase.objective}</p> : null}
                    <div className="mt-2 h-1.5 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800" role="progressbar" aria-label={`${phase.name} progress`} aria-valuenow={p} aria-valuemin={0} aria-valuemax={100}>
                      <div className="h-full rounded-full bg-brand-600" style={{ width: `${p}%` }} />
                    </div>
                    <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
                      {phase.owner ? <>Owner: {phase.owner}</> : "No default owner"}
                      {phase.dependsOn.length ? <> · After {phase.dependsOn.join(", ")}</> : null}
                    </p>
                  </li>
                );
              })}
            </ol>
          )}
        </Card>

        <Card className="h-fit">
          <CardHeader title="Release gates" description="Criteria that end in a Go / No-Go decision." />
          {gates.length === 0 ? (
            <EmptyState icon={ShieldCheck} title="No gate yet" description="A gate lists the criteria a release must meet." />
          ) : (
            <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {gates.map((gate) => (
                <li key={gate.id} className="px-5 py-4">
                  <div className="flex items-center justify-between gap-2">
                    <h3 className="font-medium">{gate.name}</h3>
                    {gate.lastDecision ? (
                      <Badge tone={OUTCOME[gate.lastDecision.outcome].tone}>{OUTCOME[gate.lastDecision.outcome].label}</Badge>
                    ) : (
                      <Badge>No decision yet</Badge>
                    )}
                  </div>
                  <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
                    {gate.criteria} criteria{gate.targetDate ? ` · target ${dateFormat.format(gate.targetDate)}` : ""}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
