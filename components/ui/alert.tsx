import { AlertCircle, CheckCircle2, Info } from "lucide-react";
import { cn } from "./cn";

type Tone = "error" | "success" | "info";

const TONES: Record<Tone, string> = {
  error: "border-red-200 bg-red-50 text-red-800 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200",
  success: "border-emerald-200 bg-emerald-50 text-emerald-800 dark:border-emerald-900/60 dark:bg-emerald-950/40 dark:text-emerald-200",
  info: "border-zinc-200 bg-zinc-50 text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300",
};

const ICONS = { error: AlertCircle, success: CheckCircle2, info: Info };

export function Alert({ tone = "error", title, children, requestId, className }: { tone?: Tone; title?: string; children?: React.ReactNode; requestId?: string; className?: string }) {
  const Icon = ICONS[tone];
  return (
    <div role={tone === "error" ? "alert" : "status"} className={cn("flex gap-3 rounded-md border px-3 py-2.5 text-sm", TONES[tone], className)}>
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 space-y-0.5">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div>{children}</div> : null}
        {requestId ? <p className="font-mono text-xs opacity-70">Request id: {requestId}</p> : null}
      </div>
    </div>
  );
}
