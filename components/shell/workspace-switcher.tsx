"use client";

import { Check, ChevronsUpDown, Plus } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";

export interface SwitcherWorkspace {
  slug: string;
  name: string;
  role: string;
}

export function WorkspaceSwitcher({ current, workspaces }: { current: SwitcherWorkspace; workspaces: SwitcherWorkspace[] }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onClick = (event: MouseEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    document.addEventListener("mousedown", onClick);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onClick);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
        className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left hover:bg-zinc-100 dark:hover:bg-zinc-800"
      >
        <span aria-hidden className="flex size-7 shrink-0 items-center justify-center rounded-md bg-brand-600 text-xs font-semibold text-white">
          {current.name.slice(0, 1).toUpperCase()}
        </span>
        <span className="min-w-0 flex-1">
          <span className="sr-only">Switch workspace, current: </span>
          <span className="block truncate text-sm font-semibold">{current.name}</span>
          <span className="block truncate text-xs capitalize text-zinc-500 dark:text-zinc-400">{current.role}</span>
        </span>
        <ChevronsUpDown aria-hidden className="size-4 text-zinc-400" />
      </button>
      {open ? (
        <div role="menu" className="absolute inset-x-0 top-full z-30 mt-1 rounded-md border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-800 dark:bg-zinc-900">
          <p className="px-2 py-1 text-xs font-medium text-zinc-500 dark:text-zinc-400">Workspaces</p>
          {workspaces.map((w) => (
            <Link
              key={w.slug}
              role="menuitem"
              href={`/${w.slug}`}
              onClick={() => setOpen(false)}
              className={cn("flex items-center gap-2 rounded px-2 py-1.5 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800")}
            >
              <span className="min-w-0 flex-1 truncate">{w.name}</span>
              {w.slug === current.slug ? <Check aria-hidden className="size-4 text-brand-600 dark:text-brand-100" /> : null}
            </Link>
          ))}
          <div className="my-1 border-t border-zinc-200 dark:border-zinc-800" />
          <Link role="menuitem" href="/new" onClick={() => setOpen(false)} className="flex items-center gap-2 rounded px-2 py-1.5 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
            <Plus aria-hidden className="size-4" /> Create workspace
          </Link>
        </div>
      ) : null}
    </div>
  );
}
