"use client";

import { AlertTriangle, CalendarClock, ShieldAlert } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { inlineSelectClass } from "@/components/ui/field";
import type { PortfolioProject } from "@/lib/services/portfolio/get-portfolio";

type Outcome = "go" | "no_go" | "go_with_risks";

const OUTCOME: Record<Outcome, { label: string; tone: "green" | "red" | "amber"; rank: number }> = {
  no_go: { label: "No-Go", tone: "red", rank: 0 },
  go_with_risks: { label: "Go with known risks", tone: "amber", rank: 1 },
  go: { label: "Go", tone: "green", rank: 2 },
};

const SORTS = {
  attention: "Needs attention first",
  name: "Name",
  critical: "Open critical and high",
  progress: "Progress",
} as const;
type Sort = keyof typeof SORTS;

const FILTERS = { all: "All projects", no_go: "Recommended No-Go", disagree: "Decision out of date", gated: "With a gate" } as const;
type Filter = keyof typeof FILTERS;

interface Risk {
  id: string;
  title: string;
  dueDate: string;
  overdue: boolean;
  owner: string;
  project: { slug: string; name: string };
  itemKey: string | null;
}

function percent(p: { total: number; closed: number }) {
  return p.total ? Math.round((p.closed / p.total) * 100) : 0;
}

function attention(p: PortfolioProject): number {
  // Lower is more urgent: disagreement, then No-Go, then blockers.
  return (p.disagrees ? 0 : 10) + (p.recommendation ? OUTCOME[p.recommendation.outcome].rank : 3) - Math.min(p.openBlockers, 9) / 10;
}

export function sortProjects(projects: PortfolioProject[], sort: Sort): PortfolioProject[] {
  const copy = [...projects];
  const by = {
    attention: (a: PortfolioProject, b: PortfolioProject) => attention(a) - attention(b) || a.name.localeCompare(b.name),
    name: (a: PortfolioProject, b: PortfolioProject) => a.name.localeCompare(b.name),
    critical: (a: PortfolioProject, b: PortfolioProject) => b.openCriticalHigh - a.openCriticalHigh || a.name.localeCompare(b.name),
    progress: (a: PortfolioProject, b: PortfolioProject) => percent(a.progress) - percent(b.progress) || a.name.localeCompare(b.name),
  }[sort];
  return copy.sort(by);
}

export function filterProjects(projects: PortfolioProject[], filter: Filter): PortfolioProject[] {
  if (filter === "no_go") return projects.filter((p) => p.recommendation?.outcome === "no_go");
  if (filter === "disagree") return projects.filter((p) => p.disagrees);
  if (filter === "gated") return projects.filter((p) => p.gate);
  return projects;
}

export function PortfolioView({ workspace, projects, risks, openRisks }: { workspace: string; projects: PortfolioProject[]; risks: Risk[]; openRisks: number }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const sort = (params.get("sort") as Sort) in SORTS ? (params.get("sort") as Sort) : "attention";
  const filter = (params.get("show") as Filter) in FILTERS ? (params.get("show") as Filter) : "all";
  const set = (key: string, value: string, fallback: string) => {
    const next = new URLSearchParams(params);
    if (value === fallback) next.delete(key);
    else next.set(key, value);
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };
  const shown = sortProjects(filterProjects(projects, filter), sort);
  const date = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

  return (
    <div className="grid gap-6 xl:grid-cols-[1fr_20rem]">
      <section aria-label="Projects" className="min-w-0 space-y-4">
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <label className="flex items-center gap-2">
            <span className="text-zinc-500 dark:text-zinc-400">Show</span>
            <select className={inlineSelectClass} value={filter} onChange={(e) => set("show", e.target.value, "all")}>
              {Object.entries(FILTERS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
            </select>
          </label>
          <label className="flex items-center gap-2">
            <span className="text-zinc-500 dark:text-zinc-400">Sort</span>
            <select className={inlineSelectClass} value={sort} onChange={(e) => set("sort", e.target.value, "attention")}>
              {Object.entries(SORTS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
            </select>
          </label>
          <span className="text-zinc-500 dark:text-zinc-400">{shown.length} of {projects.length} projects</span>
        </div>
        {shown.length === 0 ? (
          <Card className="p-8 text-center text-sm text-zinc-500 dark:text-zinc-400">No project matches “{FILTERS[filter]}”.</Card>
        ) : (
          <ul className="space-y-4">
            {shown.map((p) => (
              <li key={p.slug}>
                <Card className={cn("p-5", p.disagrees && "border-amber-300 dark:border-amber-700/70")}>
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div className="min-w-0">
                      <Link href={`/${workspace}/projects/${p.slug}`} className="font-semibold hover:underline">{p.name}</Link>
                      <p className="text-xs text-zinc-500 dark:text-zinc-400">
                        {p.gate ? <>{p.gate.name}{p.gate.targetDate ? ` · target ${date.format(new Date(p.gate.targetDate))}` : ""}</> : "No release gate yet"}
                      </p>
                    </div>
                    <div className="flex flex-wrap items-center gap-2 text-xs">
                      <span className="text-zinc-500 dark:text-zinc-400">Now</span>
                      {p.recommendation ? <Badge tone={OUTCOME[p.recommendation.outcome].tone}>{OUTCOME[p.recommendation.outcome].label}</Badge> : <Badge>—</Badge>}
                      <span className="text-zinc-500 dark:text-zinc-400">Decided</span>
                      {p.lastDecision ? <Badge tone={OUTCOME[p.lastDecision.outcome].tone}>{OUTCOME[p.lastDecision.outcome].label}</Badge> : <Badge>Not yet</Badge>}
                      {p.lastDecision ? <span className="text-zinc-500 dark:text-zinc-400">{date.format(new Date(p.lastDecision.at))}</span> : null}
                      {p.lastDecision && !p.lastDecision.signedOff ? (
                        <Badge tone="amber">Awaiting sign-off {p.lastDecision.approvals}/{p.lastDecision.requiredApprovals}</Badge>
                      ) : null}
                    </div>
                  </div>
                  {p.disagrees && p.lastDecision && p.recommendation ? (
                    <p role="note" className="mt-3 flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-500/10 dark:text-amber-200">
                      <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
                      Decided {OUTCOME[p.lastDecision.outcome].label} on {date.format(new Date(p.lastDecision.at))}; the register has changed and Readyroom now recommends {OUTCOME[p.recommendation.outcome].label}.
                    </p>
                  ) : null}
                  {p.recommendation ? <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">{p.recommendation.reason}</p> : null}
                  <dl className="mt-4 grid grid-cols-3 gap-3 text-sm">
                    <div>
                      <dt className="text-xs text-zinc-500 dark:text-zinc-400">Open blockers</dt>
                      <dd className={cn("text-lg font-semibold", p.openBlockers > 0 && "text-red-600 dark:text-red-400")}>{p.openBlockers}</dd>
                    </div>
                    <div>
                      <dt className="text-xs text-zinc-500 dark:text-zinc-400">Open critical + high</dt>
                      <dd className={cn("text-lg font-semibold", p.openCriticalHigh > 0 && "text-orange-600 dark:text-orange-400")}>{p.openCriticalHigh}</dd>
                    </div>
                    <div>
                      <dt className="text-xs text-zinc-500 dark:text-zinc-400">Closed</dt>
                      <dd className="text-lg font-semibold">{percent(p.progress)}%</dd>
                    </div>
                  </dl>
                  {p.phases.length > 0 ? (
                    <ol aria-label={`${p.name} progress by phase`} className="mt-4 flex gap-1">
                      {p.phases.map((phase) => (
                        <li key={phase.name} className="min-w-0 flex-1" title={`${phase.name}: ${phase.closed}/${phase.total} closed`}>
                          <div className="h-1.5 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800">
                            <div className="h-full bg-brand-600" style={{ width: `${percent({ total: phase.total, closed: phase.closed })}%` }} />
                          </div>
                          <span className="sr-only">{phase.name}: {phase.closed} of {phase.total} closed</span>
                        </li>
                      ))}
                    </ol>
                  ) : null}
                  <div className="mt-4 flex flex-wrap gap-3 text-sm">
                    <Link className="font-medium text-brand-600 dark:text-brand-100 hover:underline" href={`/${workspace}/projects/${p.slug}/gates`}>Gate</Link>
                    <Link className="font-medium text-brand-600 dark:text-brand-100 hover:underline" href={`/${workspace}/projects/${p.slug}/board`}>Board</Link>
                    <Link className="font-medium text-brand-600 dark:text-brand-100 hover:underline" href={`/${workspace}/projects/${p.slug}/register?blocker=true`}>Blockers</Link>
                  </div>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>

      <Card className="h-fit">
        <CardHeader title="Deferred risks due next" description="Accepted with a Go with known risks decision." />
        {risks.length === 0 ? (
          <p className="flex items-center gap-2 px-5 py-6 text-sm text-zinc-500 dark:text-zinc-400"><ShieldAlert aria-hidden className="size-4" /> No deferred risks.</p>
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {risks.map((risk) => {
              const overdue = risk.overdue;
              return (
                <li key={risk.id} className={cn("px-5 py-3 text-sm", overdue && "bg-red-50/60 dark:bg-red-950/20")}>
                  <p className="font-medium">{risk.itemKey ? <Link className="hover:underline" href={`/${workspace}/projects/${risk.project.slug}/items/${risk.itemKey}`}>{risk.title}</Link> : risk.title}</p>
                  <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-zinc-500 dark:text-zinc-400">
                    <span>{risk.project.name}</span>·<span>{risk.owner}</span>·
                    <span className={cn("inline-flex items-center gap-1", overdue && "font-semibold text-red-600 dark:text-red-400")}>
                      <CalendarClock aria-hidden className="size-3.5" />
                      {overdue ? "Overdue since " : "Due "}{date.format(new Date(`${risk.dueDate}T00:00:00Z`))}
                    </span>
                  </p>
                </li>
              );
            })}
          </ul>
        )}
        <p className="border-t border-zinc-200 px-5 py-3 text-sm dark:border-zinc-800">
          <Link href={`/${workspace}/risks`} className="font-medium text-brand-600 dark:text-brand-100 hover:underline">
            {openRisks > risks.length ? `All ${openRisks} deferred risks` : "All deferred risks"}
          </Link>
        </p>
      </Card>
    </div>
  );
}
