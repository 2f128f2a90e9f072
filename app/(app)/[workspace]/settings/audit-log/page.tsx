import { Download, ScrollText, SearchX } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { AuditLogFilters } from "@/components/workspace/audit-log-filters";
import { requireWorkspace } from "@/lib/auth/workspace";
import { AUDIT_EXPORT_ROW_LIMIT } from "@/lib/domain/audit/audit-csv";
import { AUDIT_SEARCH_FIELDS, auditLogSearch, searchString, type AuditSearchField } from "@/lib/domain/audit/audit-log-search";
import { AppError } from "@/lib/errors";
import { listApiKeys } from "@/lib/services/api-keys/list-api-keys";
import { listAuditEvents } from "@/lib/services/audit/list-audit-events";
import { listAuditFilterOptions } from "@/lib/services/audit/list-audit-filter-options";
import { listMembers } from "@/lib/services/members/list-members";
import { API_KEY_ACTOR, listAuditEventsQuery } from "@/lib/validation/audit";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50;

export default async function AuditLogPage({ params, searchParams }: { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { workspace } = await params;
  const raw = await searchParams;
  const ctx = await requireWorkspace(workspace, "audit.read");
  const basePath = `/${workspace}/settings/audit-log`;
  const cursor = (Array.isArray(raw.cursor) ? raw.cursor[0] : raw.cursor) ?? "";

  const search = auditLogSearch(raw);
  const errors = { ...search.errors };
  const parsed = listAuditEventsQuery.safeParse({ ...search.query, ...(cursor ? { cursor } : {}), limit: String(PAGE_SIZE) });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (typeof field === "string" && (AUDIT_SEARCH_FIELDS as readonly string[]).includes(field)) errors[field as AuditSearchField] ??= issue.message;
    }
  }
  const valid = parsed.success && Object.keys(errors).length === 0;
  const filtered = Object.keys(search.query).length > 0;

  const [members, keys, options] = await Promise.all([listMembers({ ctx }), listApiKeys({ ctx }), listAuditFilterOptions({ ctx })]);
  let page: Awaited<ReturnType<typeof listAuditEvents>> | null = null;
  let pageError: string | null = null;
  if (valid) {
    try {
      page = await listAuditEvents({ ctx, input: parsed.data });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "validation_failed") throw error;
      pageError = "This page of the log is not there any more. Start again from the newest entries.";
    }
  }

  const names = new Map(members.map((m) => [m.userId, m.name ?? m.email]));
  const keyNames = new Map(keys.map((k) => [k.id, `API key ${k.name} (${k.prefix})`]));
  const fmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium" });
  const exportHref = `/api/v1/workspaces/${workspace}/audit-events/export${searchString(search.query)}`;
  const pageQuery = Object.fromEntries(AUDIT_SEARCH_FIELDS.map((f) => [f, search.values[f]]));

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change in this workspace: who, what, when and from where. Entries cannot be edited."
        actions={
          valid ? (
            <a href={exportHref} download className={buttonClass("secondary", "sm")} title={`The entries the filters select, newest first; at most ${AUDIT_EXPORT_ROW_LIMIT.toLocaleString("en")} rows.`}>
              <Download aria-hidden className="size-4" />
              Export CSV
            </a>
          ) : null
        }
      />
      <AuditLogFilters
        action={basePath}
        values={search.values}
        errors={errors}
        members={members.map((m) => ({ value: m.userId, label: m.name ?? m.email }))}
        apiKeys={keys.map((k) => ({ value: `${API_KEY_ACTOR}:${k.id}`, label: `${k.name} (${k.prefix})${k.revokedAt ? ", revoked" : ""}` }))}
        actions={options.actions}
        targetTypes={options.targetTypes}
      />
      <Card>
        {!valid ? (
          <div className="p-5">
            <Alert title="These filters cannot be applied">Correct the fields marked above, or clear the filters.</Alert>
          </div>
        ) : pageError || !page ? (
          <div className="p-5">
            <Alert title="Page not found" tone="info">
              {pageError} <Link className="font-medium underline" href={`${basePath}${searchString(pageQuery)}`}>Newest entries</Link>
            </Alert>
          </div>
        ) : page.data.length === 0 ? (
          filtered || cursor ? (
            <EmptyState
              icon={SearchX}
              title="No entries match these filters"
              description="Nothing in the log matches this actor, action, object and time range. Widen the dates or remove a filter."
              action={<Link href={basePath} className={buttonClass("secondary", "sm")}>Clear filters</Link>}
            />
          ) : (
            <EmptyState icon={ScrollText} title="Nothing recorded yet" description="Changes to members, projects, keys and the register appear here." />
          )
        ) : (
          <div role="region" aria-label="Audit log entries" tabIndex={0} className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-zinc-200 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
                <tr>
                  <th scope="col" className="px-5 py-2 font-medium">When</th>
                  <th scope="col" className="px-3 py-2 font-medium">Who</th>
                  <th scope="col" className="px-3 py-2 font-medium">Action</th>
                  <th scope="col" className="px-3 py-2 font-medium">Object</th>
                  <th scope="col" className="px-5 py-2 font-medium">Details</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {page.data.map((event) => (
                  <tr key={event.id}>
                    <td className="whitespace-nowrap px-5 py-2.5 text-zinc-500 dark:text-zinc-400">
                      <time dateTime={event.createdAt.toISOString()}>{fmt.format(event.createdAt)}</time>
                    </td>
                    <td className="whitespace-nowrap px-3 py-2.5">
                      {event.actorUserId ? (names.get(event.actorUserId) ?? "Former member") : event.actorApiKeyId ? (keyNames.get(event.actorApiKeyId) ?? "API key") : "System"}
                    </td>
                    <td className="px-3 py-2.5 font-mono text-xs">{event.action}</td>
                    <td className="px-3 py-2.5 font-mono text-xs text-zinc-500 dark:text-zinc-400">
                      {event.targetType}
                      {event.targetId ? <span className="block max-w-48 truncate" title={event.targetId}>{event.targetId}</span> : null}
                    </td>
                    <td className="max-w-md truncate px-5 py-2.5 font-mono text-xs text-zinc-500 dark:text-zinc-400" title={JSON.stringify(event.metadata)}>{JSON.stringify(event.metadata)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {page?.nextCursor ? (
        <div className="mt-4 flex justify-end">
          <Link className={buttonClass("secondary", "sm")} href={`${basePath}${searchString(pageQuery, { cursor: page.nextCursor })}`}>Older entries</Link>
        </div>
      ) : null}
    </>
  );
}
