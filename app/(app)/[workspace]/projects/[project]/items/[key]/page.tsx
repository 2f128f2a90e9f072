import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ItemPage } from "@/components/items/item-page";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/workspace";
import { itemKey } from "@/lib/validation/item";

type Params = Promise<{ workspace: string; project: string; key: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { key } = await params;
  return { title: decodeURIComponent(key) };
}

export default async function ItemDetailPage({ params }: { params: Params }) {
  const { workspace, project, key: rawKey } = await params;
  const ctx = await requireWorkspace(workspace, "items.read");
  const key = decodeURIComponent(rawKey);
  if (!itemKey.safeParse(key).success) notFound();
  return <ItemPage workspace={ctx.workspace.slug} project={project} itemKey={key} canEdit={can(ctx.member.role, "items.write")} />;
}
