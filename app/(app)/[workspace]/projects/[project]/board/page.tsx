import type { Metadata } from "next";
import { Suspense } from "react";
import { BoardSkeleton } from "@/components/board/board-skeleton";
import { BoardView } from "@/components/board/board-view";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/workspace";

export const metadata: Metadata = { title: "Board" };

export default async function BoardPage({ params }: { params: Promise<{ workspace: string; project: string }> }) {
  const { workspace, project } = await params;
  const ctx = await requireWorkspace(workspace, "items.read");
  return (
    // The board reads its grouping and filters from the URL on the client.
    <Suspense fallback={<BoardSkeleton />}>
      <BoardView ws={workspace} project={project} canEdit={can(ctx.member.role, "items.write")} />
    </Suspense>
  );
}
