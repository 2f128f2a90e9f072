"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export function ProjectTabs({ workspace, project }: { workspace: string; project: string }) {
  const pathname = usePathname();
  const base = `/${workspace}/projects/${project}`;
  const tabs = [
    { href: base, label: "Overview", active: pathname === base },
    { href: `${base}/register`, label: "Register", active: pathname.startsWith(`${base}/register`) || pathname.startsWith(`${base}/items`) },
    { href: `${base}/board`, label: "Board", active: pathname.startsWith(`${base}/board`) },
    { href: `${base}/phases`, label: "Phases", active: pathname.startsWith(`${base}/phases`) },
    { href: `${base}/batches`, label: "Batches", active: pathname.startsWith(`${base}/batches`) },
    { href: `${base}/gates`, label: "Gates", active: pathname.startsWith(`${base}/gates`) },
    { href: `${base}/import`, label: "Import", active: pathname.startsWith(`${base}/import`) },
  ];
  return (
    <nav aria-label="Project" className="mb-6 relative overflow-x-auto border-b border-zinc-200 dark:border-zinc-800">
      <ul className="flex min-w-max gap-1">
        {tabs.map((tab) => (
          <li key={tab.href}>
            <Link
              href={tab.href}
              aria-current={tab.active ? "page" : undefined}
              className={cn(
                "-mb-px inline-block border-b-2 px-3 py-2 text-sm font-medium",
                tab.active
                  ? "border-brand-600 text-zinc-900 dark:text-zinc-100"
                  : "border-transparent text-zinc-500 hover:border-zinc-300 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200",
              )}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
