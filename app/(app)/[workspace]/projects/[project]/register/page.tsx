import type { Metadata } from "next";
import { Suspense } from "react";
import { Register } from "@/components/register/register";
import { RegisterSkeleton } from "@/components/register/register-skeleton";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/workspace";

export const metadata: Metadata = { title: "Register" };

export default async function RegisterPage({ params }: { params: Promise<{ workspace: string; project: string }> }) {
  const { workspace, project } = await params;
  const ctx = await requireWorkspace(workspace, "items.read");
  return (
    <section aria-labelledby="register-heading">
      <h2 id="register-heading" className="sr-only">Register</h2>
      {/* The register reads its filters from the URL (useSearchParams), which needs a Suspense boundary. */}
      <Suspense fallback={<RegisterSkeleton />}>
        <Register workspace={ctx.workspace.slug} project={project} canEdit={can(ctx.member.role, "items.write")} />
      </Suspense>
    </section>
  );
}
