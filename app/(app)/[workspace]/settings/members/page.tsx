import type { Metadata } from "next";
import { MembersPanel } from "@/components/workspace/members-panel";
import { PageHeader } from "@/components/ui/page-header";
import { assignableRoles, can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/workspace";
import { listInvitations } from "@/lib/services/invitations/list-invitations";
import { listMembers } from "@/lib/services/members/list-members";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await requireWorkspace(workspace, "members.read");
  const canManage = can(ctx.member.role, "members.manage");
  const [members, invitations] = await Promise.all([listMembers({ ctx }), canManage ? listInvitations({ ctx }) : Promise.resolve(null)]);
  return (
    <>
      <PageHeader title="Members" description="Who can see and change this workspace, and with which role." />
      <MembersPanel
        workspace={workspace}
        me={ctx.actor.type === "user" ? ctx.actor.userId : ""}
        myRole={ctx.member.role}
        members={members}
        invitations={invitations?.map((inv) => ({ id: inv.id, email: inv.email, role: inv.role, status: inv.status, expiresAt: inv.expiresAt.toISOString() })) ?? null}
        assignable={assignableRoles(ctx.member.role)}
      />
    </>
  );
}
