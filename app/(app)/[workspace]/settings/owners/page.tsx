import type { Metadata } from "next";
import { OwnersPanel } from "@/components/workspace/owners-panel";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/workspace";
import { listMembers } from "@/lib/services/members/list-members";
import { listOwners } from "@/lib/services/owners/owners";
import { ownerOutput } from "@/lib/validation/owner";

export const metadata: Metadata = { title: "Owners" };

export default async function OwnersPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await requireWorkspace(workspace, "items.read");
  const canEdit = can(ctx.member.role, "items.write");
  const [owners, members] = await Promise.all([listOwners({ ctx }), listMembers({ ctx })]);
  return (
    <>
      <PageHeader title="Owners" description="Who items and phases can be assigned to: members, teams, vendors and automated agents." />
      <OwnersPanel
        workspace={workspace}
        canEdit={canEdit}
        owners={ownerOutput.array().parse(owners)}
        members={members.map((m) => ({ userId: m.userId, email: m.email, name: m.name }))}
      />
    </>
  );
}
