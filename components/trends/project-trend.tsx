"use client";

import { useQuery } from "@tanstack/react-query";
import { CalendarClock, TrendingDown } from "lucide-react";
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDay } from "@/components/items/format";
import { OutcomeBadge } from "@/components/gates/gate-parts";
import type { Outcome } from "@/components/gates/types";
import { Card, CardHeader } from "@/components/ui/card";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";

interface TrendDay {
  day: string;
  total: number;
  open: number;
  closed: number;
  openBySeverity: Record<"critical" | "high" | "medium" | "low", number>;
  byStatus: Record<string, number>;
  recommendation: Outcome | null;
}

interface Forecast {
  gate: { id: string; name: string; targetDate: string | null };
  recommendation: Outcome;
  date: string | null;
  ratePerDay: number;
  remaining: number;
  windowDays: number;
  method: string;
  unmetOtherCriteria: number;
}

interface TrendResponse {
  days: TrendDay[];
  forecast: Forecast | null;
}

/** Severity colours, the same as the severity badges. */
const SERIES = [
  { key: "critical", label: "Critical", color: "#dc2626" },
  { key: "high", label: "High", color: "#ea580c" },
  { key: "medium", label: "Medium", color: "#d97706" },
  { key: "low", label: "Low", color: "#0284c7" },
] as const;

const shortDay = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });

function ForecastPanel({ forecast }: { forecast: Forecast }) {
  const late = forecast.date && forecast.gate.targetDate && forecast.date > forecast.gate.targetDate;
  return (
    <div className="space-y-3 rounded-md border border-zinc-200 p-4 dark:border-zinc-800" data-testid="go-forecast">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-zinc-500 dark:text-zinc-400">{forecast.gate.name} now</span>
        <OutcomeBadge outcome={forecast.recommendation} />
      </div>
      <div>
        <p className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Forecast for Go</p>
        <p className="mt-1 text-2xl font-semibold">{forecast.remaining === 0 ? "Ready now" : forecast.date ? formatDay(forecast.date) : "No forecast yet"}</p>
        {forecast.gate.targetDate ? (
          <p className={late ? "text-xs font-semibold text-red-600 dark:text-red-400" : "text-xs text-zinc-500 dark:text-zinc-400"}>
            Target {formatDay(forecast.gate.targetDate)}
            {late ? " — the forecast is later than the target" : ""}
          </p>
        ) : null}
      </div>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{forecast.method}</p>
      {forecast.unmetOtherCriteria > 0 ? (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {forecast.unmetOtherCriteria} manual or CI criteri{forecast.unmetOtherCriteria === 1 ? "on" : "a"} must also pass; the forecast cannot see when.
        </p>
      ) : null}
    </div>
  );
}

/** The project's daily snapshots as a chart of open items by severity, and a forecast date for Go. */
export function ProjectTrend({ workspace, project }: { workspace: string; project: string }) {
  const trend = useQuery({
    queryKey: [...queryKeys.project(workspace, project), "trend"],
    queryFn: () => api<TrendResponse>(`/api/v1/workspaces/${workspace}/projects/${project}/trend?days=90`),
  });

  let body: React.ReactNode;
  if (trend.isPending) {
    body = (
      <div role="status" className="grid gap-4 p-5 lg:grid-cols-3">
        <span className="sr-only">Loading the trend…</span>
        <Skeleton className="h-56 lg:col-span-2" />
        <Skeleton className="h-56" />
      </div>
    );
  } else if (!trend.data) {
    body = (
      <div className="p-5">
        <QueryError title="The trend could not be loaded." error={trend.error} isFetching={trend.isFetching} onRetry={() => void trend.refetch()} />
      </div>
    );
  } else {
    const { days, forecast } = trend.data;
    const data = days.map((d) => ({ day: d.day, ...d.openBySeverity }));
    const first = days[0];
    const last = days.at(-1);
    const summary = first && last ? `Open items went from ${first.open} on ${formatDay(first.day)} to ${last.open} on ${formatDay(last.day)}.` : "";
    body = (
      <div className="grid gap-4 p-5 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          {days.length < 2 ? (
            <div className="flex h-56 flex-col items-center justify-center rounded-md border border-dashed border-zinc-300 px-6 text-center dark:border-zinc-700">
              <TrendingDown aria-hidden className="mb-2 size-6 text-zinc-400" />
              <p className="text-sm font-medium">The chart fills in day by day</p>
              <p className="mt-1 max-w-sm text-sm text-zinc-500 dark:text-zinc-400">
                Readyroom records the register’s open items every day. Today: {last?.open ?? 0} open of {last?.total ?? 0}.
              </p>
            </div>
          ) : (
            <figure>
              <div role="img" aria-label={`Open items by severity over the last ${days.length} days. ${summary}`} className="h-56">
                <ResponsiveContainer width="100%" height="100%">
                  <AreaChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
                    <CartesianGrid strokeDasharray="3 3" stroke="currentColor" className="text-zinc-200 dark:text-zinc-800" vertical={false} />
                    <XAxis dataKey="day" tickFormatter={(d: string) => shortDay.format(new Date(`${d}T00:00:00Z`))} tick={{ fontSize: 12, fill: "currentColor" }} className="text-zinc-500" minTickGap={24} />
                    <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "currentColor" }} className="text-zinc-500" />
                    <Tooltip labelFormatter={(d) => formatDay(String(d))} contentStyle={{ fontSize: 12, borderRadius: 6 }} />
                    <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={(item) => SERIES.findIndex((s) => s.key === item.dataKey)} />
                    {SERIES.map((s) => (
                      <Area key={s.key} type="monotone" dataKey={s.key} name={s.label} stackId="open" stroke={s.color} fill={s.color} fillOpacity={0.35} isAnimationActive={false} />
                    ))}
                  </AreaChart>
                </ResponsiveContainer>
              </div>
              <figcaption className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">{summary}</figcaption>
            </figure>
          )}
        </div>
        {forecast ? (
          <ForecastPanel forecast={forecast} />
        ) : (
          <div className="flex flex-col items-center justify-center rounded-md border border-dashed border-zinc-300 p-4 text-center dark:border-zinc-700">
            <CalendarClock aria-hidden className="mb-2 size-6 text-zinc-400" />
            <p className="text-sm text-zinc-500 dark:text-zinc-400">A forecast for Go appears once the project has a release gate.</p>
          </div>
        )}
      </div>
    );
  }

  return (
    <Card className="mb-6">
      <CardHeader title="Trend and forecast" description="Open items by severity, day by day, and when Go is likely at the current pace." />
      {body}
    </Card>
  );
}
