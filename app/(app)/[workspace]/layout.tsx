import { AppShell } from "@/components/shell/app-shell";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/workspace";
import { findUser, listWorkspacesOfUser } from "@/lib/db/global/identity";
import { countFailedWebhooks } from "@/lib/services/webhooks/manage-webhooks";

export default async function WorkspaceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const ctx = await requireWorkspace(slug);
  const userId = ctx.actor.type === "user" ? ctx.actor.userId : "";
  const [user, workspaces, disabledWebhooks] = await Promise.all([
    findUser(userId),
    listWorkspacesOfUser(userId),
    can(ctx.member.role, "webhooks.manage") ? countFailedWebhooks({ ctx }) : 0,
  ]);
  return (
    <AppShell
      workspace={{ slug: ctx.workspace.slug, name: ctx.workspace.name, role: ctx.member.role }}
      workspaces={workspaces}
      user={{ name: user?.name ?? null, email: user?.email ?? "" }}
      canAdmin={can(ctx.member.role, "members.manage")}
      disabledWebhooks={disabledWebhooks}
    >
      {children}
    </AppShell>
  );
}
