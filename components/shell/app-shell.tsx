"use client";

import { Contact, Fingerprint, FolderKanban, KeyRound, LogOut, Menu, ScrollText, Settings, ShieldAlert, Users, Webhook, X } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { signOutAction } from "@/lib/auth/actions";
import { cn } from "@/components/ui/cn";
import { ThemeToggle } from "./theme-toggle";
import { WorkspaceSwitcher, type SwitcherWorkspace } from "./workspace-switcher";

interface ShellProps {
  workspace: SwitcherWorkspace;
  workspaces: SwitcherWorkspace[];
  user: { name: string | null; email: string };
  canAdmin: boolean;
  /** Webhook endpoints disabled after repeated failure (admins only; 0 for everyone else). */
  disabledWebhooks?: number;
  children: React.ReactNode;
}

export function AppShell({ workspace, workspaces, user, canAdmin, disabledWebhooks = 0, children }: ShellProps) {
  const pathname = usePathname();
  // The mobile menu is open for the page it was opened on: navigating closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const menuOpen = openOn === pathname;
  const setMenuOpen = (open: boolean) => setOpenOn(open ? pathname : null);
  const base = `/${workspace.slug}`;
  const nav = [
    { href: base, label: "Portfolio", icon: FolderKanban, exact: false, match: (p: string) => p === base || p.startsWith(`${base}/projects`) },
    { href: `${base}/risks`, label: "Deferred risks", icon: ShieldAlert, match: (p: string) => p.startsWith(`${base}/risks`) },
    { href: `${base}/settings`, label: "Settings", icon: Settings, match: (p: string) => p === `${base}/settings` },
    { href: `${base}/settings/members`, label: "Members", icon: Users, match: (p: string) => p.startsWith(`${base}/settings/members`) },
    { href: `${base}/settings/owners`, label: "Owners", icon: Contact, match: (p: string) => p.startsWith(`${base}/settings/owners`) },
    ...(canAdmin
      ? [
          { href: `${base}/settings/api-keys`, label: "API keys", icon: KeyRound, match: (p: string) => p.startsWith(`${base}/settings/api-keys`) },
          { href: `${base}/settings/sso`, label: "Single sign-on", icon: Fingerprint, match: (p: string) => p.startsWith(`${base}/settings/sso`) },
          { href: `${base}/settings/webhooks`, label: "Webhooks", icon: Webhook, match: (p: string) => p.startsWith(`${base}/settings/webhooks`) },
          { href: `${base}/settings/audit-log`, label: "Audit log", icon: ScrollText, match: (p: string) => p.startsWith(`${base}/settings/audit-log`) },
        ]
      : []),
  ];

  const sidebar = (
    <div className="flex h-full flex-col gap-4 p-3">
      <WorkspaceSwitcher current={workspace} workspaces={workspaces} />
      <nav aria-label="Workspace" className="flex-1">
        <ul className="space-y-0.5">
          {nav.map(({ href, label, icon: Icon, match }) => {
            const active = match(pathname);
            return (
              <li key={href}>
                <Link
                  href={href}
                  aria-current={active ? "page" : undefined}
                  className={cn(
                    "flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100",
                    active && "bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100",
                  )}
                >
                  <Icon aria-hidden className="size-4" />
                  {label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="space-y-3 border-t border-zinc-200 pt-3 dark:border-zinc-800">
        <div className="flex items-center justify-between gap-2 px-1">
          <span className="text-xs text-zinc-500 dark:text-zinc-400">Theme</span>
          <ThemeToggle />
        </div>
        <div className="flex items-center gap-2 px-1">
          <span aria-hidden className="flex size-8 shrink-0 items-center justify-center rounded-full bg-zinc-200 text-xs font-semibold dark:bg-zinc-700">
            {(user.name ?? user.email).slice(0, 1).toUpperCase()}
          </span>
          <div className="min-w-0 flex-1">
            <p className="truncate text-sm font-medium">{user.name ?? user.email}</p>
            <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{user.email}</p>
          </div>
          <form action={signOutAction}>
            <button type="submit" className="rounded-md p-2 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-zinc-100" aria-label="Sign out" title="Sign out">
              <LogOut aria-hidden className="size-4" />
            </button>
          </form>
        </div>
      </div>
    </div>
  );

  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[16rem_1fr]">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-zinc-900">
        Skip to content
      </a>
      <header className="sticky top-0 z-20 flex h-14 items-center gap-3 border-b border-zinc-200 bg-white/90 px-4 backdrop-blur lg:hidden dark:border-zinc-800 dark:bg-zinc-950/90">
        <button
          type="button"
          onClick={() => setMenuOpen(true)}
          aria-label="Open navigation"
          aria-expanded={menuOpen}
          aria-controls="mobile-nav"
          className="rounded-md p-2 hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          <Menu aria-hidden className="size-5" />
        </button>
        <span className="truncate text-sm font-semibold">{workspace.name}</span>
        <span className="ml-auto text-sm font-semibold text-brand-600 dark:text-brand-100">Readyroom</span>
      </header>
      {menuOpen ? (
        <div className="fixed inset-0 z-40 lg:hidden" id="mobile-nav">
          <div className="absolute inset-0 bg-zinc-950/50" onClick={() => setMenuOpen(false)} aria-hidden />
          <aside aria-label="Navigation" className="absolute inset-y-0 left-0 w-72 max-w-[85%] border-r border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
            <button type="button" onClick={() => setMenuOpen(false)} aria-label="Close navigation" className="absolute right-2 top-2 rounded-md p-2 hover:bg-zinc-100 dark:hover:bg-zinc-800">
              <X aria-hidden className="size-4" />
            </button>
            <div className="h-full pt-10">{sidebar}</div>
          </aside>
        </div>
      ) : null}
      <div className="hidden border-r border-zinc-200 bg-white lg:block dark:border-zinc-800 dark:bg-zinc-950">
        <aside aria-label="Navigation" className="sticky top-0 h-dvh">
          {sidebar}
        </aside>
      </div>
      <main id="main" className="min-w-0 px-4 py-6 sm:px-6 lg:px-10 lg:py-8">
        <div className="mx-auto max-w-6xl">
          {disabledWebhooks > 0 && !pathname.startsWith(`${base}/settings/webhooks`) ? (
            <div role="status" className="mb-6 flex flex-wrap items-center justify-between gap-2 rounded-md border border-amber-200 bg-amber-50 px-4 py-2.5 text-sm text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200">
              <span>
                {disabledWebhooks === 1 ? "A webhook endpoint was" : `${disabledWebhooks} webhook endpoints were`} disabled after repeated failed deliveries.
              </span>
              <Link href={`${base}/settings/webhooks`} className="font-medium underline underline-offset-2">
                Review webhooks
              </Link>
            </div>
          ) : null}
          {children}
        </div>
      </main>
    </div>
  );
}
