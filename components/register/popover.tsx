"use client";

import { ChevronDown } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

interface PopoverProps {
  /** The button's text; also the panel's accessible name. */
  label: string;
  /** Shown after the label, e.g. how many values a filter has. */
  count?: number;
  icon?: React.ReactNode;
  align?: "start" | "end";
  /** Highlights the button (a filter that is in use). */
  active?: boolean;
  panelClassName?: string;
  children: (close: () => void) => React.ReactNode;
}

/**
 * A button that opens a small non-modal panel (filters, columns, views).
 * Escape closes it and returns focus to the button; so does a click outside.
 */
export function Popover({ label, count, icon, align = "start", active, panelClassName, children }: PopoverProps) {
  // `refocus`: closing by Escape or from inside the panel returns focus to the button; a click elsewhere does not.
  const [{ open, refocus }, setState] = useState({ open: false, refocus: false });
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open && refocus) buttonRef.current?.focus();
  }, [open, refocus]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setState({ open: false, refocus: false });
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      // A dialog opened from the panel handles its own Escape.
      if (!rootRef.current?.contains(document.activeElement)) return;
      event.preventDefault();
      setState({ open: false, refocus: true });
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  const close = () => setState({ open: false, refocus: true });

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setState((v) => ({ open: !v.open, refocus: false }))}
        className={buttonClass("secondary", "sm", cn(active && "border-brand-500 text-brand-700 dark:border-brand-500 dark:text-brand-100"))}
      >
        {icon}
        {label}
        {count ? (
          <>
            <span aria-hidden className="rounded-full bg-brand-600 px-1.5 text-xs font-semibold text-white">
              {count}
            </span>
            <span className="sr-only">, {count} selected</span>
          </>
        ) : null}
        <ChevronDown aria-hidden className="size-3.5 opacity-60" />
      </button>
      {open ? (
        <div
          id={panelId}
          role="group"
          aria-label={label}
          className={cn(
            "absolute z-30 mt-1 max-h-[min(28rem,70dvh)] w-64 overflow-y-auto rounded-md border border-zinc-200 bg-white p-3 text-sm shadow-lg dark:border-zinc-800 dark:bg-zinc-900",
            align === "end" ? "right-0" : "left-0",
            panelClassName,
          )}
        >
          {children(close)}
        </div>
      ) : null}
    </div>
  );
}

/** A checkbox row inside a popover. */
export function CheckRow({ checked, disabled, onChange, children }: { checked: boolean; disabled?: boolean; onChange: () => void; children: React.ReactNode }) {
  return (
    <label className={cn("flex cursor-pointer items-center gap-2 rounded px-1.5 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800", disabled && "cursor-not-allowed opacity-60")}>
      <input type="checkbox" className="size-4 accent-brand-600" checked={checked} disabled={disabled} onChange={onChange} />
      <span className="min-w-0 flex-1 truncate">{children}</span>
    </label>
  );
}
