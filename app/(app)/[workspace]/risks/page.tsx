import type { Metadata } from "next";
import { DeferredRisks } from "@/components/risks/deferred-risks";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/workspace";

export const metadata: Metadata = { title: "Deferred risks" };

export default async function DeferredRisksPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await requireWorkspace(workspace, "gates.read");
  return (
    <>
      <PageHeader
        title="Deferred risks"
        description={`What ${ctx.workspace.name}’s “Go with known risks” decisions accepted, across every project: who owns each risk and when it is due. Overdue ones are in red.`}
      />
      <Card>
        <DeferredRisks workspace={workspace} canResolve={can(ctx.member.role, "gates.write")} />
      </Card>
    </>
  );
}
