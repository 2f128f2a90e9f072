import { ScrollText } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspace } from "@/lib/auth/workspace";
import { listAuditEvents } from "@/lib/services/audit/list-audit-events";
import { listMembers } from "@/lib/services/members/list-members";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({ params, searchParams }: { params: Promise<{ workspace: string }>; searchParams: Promise<{ cursor?: string }> }) {
  const { workspace } = await params;
  const { cursor } = await searchParams;
  const ctx = await requireWorkspace(workspace, "audit.read");
  const [page, members] = await Promise.all([listAuditEvents({ ctx, input: { cursor, limit: 50 } }), listMembers({ ctx })]);
  const names = new Map(members.map((m) => [m.userId, m.name ?? m.email]));
  const fmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium" });

  return (
    <>
      <PageHeader title="Audit log" description="Every change in this workspace: who, what, when and from where. Entries cannot be edited." />
      <Card>
        {page.data.length === 0 ? (
          <EmptyState icon={ScrollText} title="Nothing recorded yet" description="Changes to members, projects, keys and the register appear here." />
        ) : (
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-zinc-200 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
                <tr>
                  <th scope="col" className="px-5 py-2 font-medium">When</th>
                  <th scope="col" className="px-3 py-2 font-medium">Who</th>
                  <th scope="col" className="px-3 py-2 font-medium">Action</th>
                  <th scope="col" className="px-5 py-2 font-medium">Details</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {page.data.map((event) => (
                  <tr key={event.id}>
                    <td className="whitespace-nowrap px-5 py-2.5 text-zinc-500 dark:text-zinc-400">{fmt.format(event.createdAt)}</td>
                    <td className="px-3 py-2.5">{event.actorUserId ? (names.get(event.actorUserId) ?? "Former member") : event.actorApiKeyId ? "API key" : "System"}</td>
                    <td className="px-3 py-2.5 font-mono text-xs">{event.action}</td>
                    <td className="max-w-md truncate px-5 py-2.5 font-mono text-xs text-zinc-500 dark:text-zinc-400" title={JSON.stringify(event.metadata)}>{JSON.stringify(event.metadata)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {page.nextCursor ? (
        <div className="mt-4 flex justify-end">
          <Link className={buttonClass("secondary", "sm")} href={`/${workspace}/settings/audit-log?cursor=${page.nextCursor}`}>Older entries</Link>
        </div>
      ) : null}
    </>
  );
}
