import { redirect } from "next/navigation";
import { currentCaller } from "@/lib/auth/caller";
import { listWorkspacesOfUser } from "@/lib/db/global/identity";

/** The front door: sign in, then the first workspace (or create one). */
export default async function Home() {
  const caller = await currentCaller();
  if (!caller || caller.type !== "user") redirect("/signin");
  const workspaces = await listWorkspacesOfUser(caller.userId);
  const first = workspaces[0];
  redirect(first ? `/${first.slug}` : "/new");
}
