import type { Metadata } from "next";
import { Suspense } from "react";
import { BatchColumnsSkeleton } from "@/components/batches/batch-columns";
import { BatchesView } from "@/components/batches/batches-view";
import { requireWorkspace } from "@/lib/auth/workspace";

export const metadata: Metadata = { title: "Batches" };

export default async function BatchesPage({ params }: { params: Promise<{ workspace: string; project: string }> }) {
  const { workspace, project } = await params;
  await requireWorkspace(workspace, "items.read");
  return (
    // The planner reads its selection (phase, items, switches) from the URL on the client.
    <Suspense fallback={<BatchColumnsSkeleton />}>
      <BatchesView workspace={workspace} project={project} />
    </Suspense>
  );
}
