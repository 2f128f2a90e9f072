import type { Metadata } from "next";
import { GatesView } from "@/components/gates/gates-view";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/workspace";

export const metadata: Metadata = { title: "Gates" };

export default async function GatesPage({ params }: { params: Promise<{ workspace: string; project: string }> }) {
  const { workspace, project } = await params;
  const ctx = await requireWorkspace(workspace, "gates.read");
  const role = ctx.member.role;
  const userId = ctx.actor.type === "user" ? ctx.actor.userId : "";
  return <GatesView workspace={workspace} project={project} userId={userId} canMark={can(role, "gates.write")} canEdit={can(role, "gates.write")} canDecide={can(role, "gates.decide")} />;
}
