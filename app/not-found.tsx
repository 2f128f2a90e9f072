import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 px-6 text-center">
      <p className="text-sm font-semibold text-brand-600 dark:text-brand-100">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Not found</h1>
      <p className="max-w-md text-sm text-zinc-500 dark:text-zinc-400">
        This page does not exist, or you do not have access to it. If someone sent you a link, ask them to invite you to their workspace.
      </p>
      <Link href="/" className={buttonClass("secondary")}>
        Go to your workspaces
      </Link>
    </main>
  );
}
