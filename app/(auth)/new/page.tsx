import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { CreateWorkspaceForm } from "@/components/workspace/create-workspace-form";
import { currentCaller } from "@/lib/auth/caller";
import { listWorkspacesOfUser } from "@/lib/db/global/identity";

export const metadata: Metadata = { title: "Create a workspace" };

export default async function NewWorkspacePage() {
  const caller = await currentCaller();
  if (!caller || caller.type !== "user") redirect("/signin?callbackUrl=/new");
  const workspaces = await listWorkspacesOfUser(caller.userId);
  return (
    <Card className="p-6 sm:p-8">
      <h1 className="text-xl font-semibold tracking-tight">Create a workspace</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-500 dark:text-zinc-400">
        A workspace holds your team&apos;s projects and members. You will be its owner.
      </p>
      <CreateWorkspaceForm />
      {workspaces.length > 0 ? (
        <p className="mt-6 text-center text-sm text-zinc-500 dark:text-zinc-400">
          Or go back to <Link className="font-medium text-brand-600 dark:text-brand-100 hover:underline" href={`/${workspaces[0]!.slug}`}>{workspaces[0]!.name}</Link>
        </p>
      ) : (
        <p className="mt-6 text-center text-xs text-zinc-500 dark:text-zinc-400">Were you invited? Open the invitation link you received instead.</p>
      )}
    </Card>
  );
}
