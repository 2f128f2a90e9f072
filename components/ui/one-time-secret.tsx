import { Alert } from "./alert";
import { CopyButton } from "./copy-button";

/** A secret (API key, invitation link) shown once, with a copy button. */
export function OneTimeSecret({ title, hint, value, copyLabel, testId }: { title: string; hint: string; value: string; copyLabel: string; testId: string }) {
  return (
    <Alert tone="success" title={title}>
      <p className="mb-2">{hint}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code className="min-w-0 flex-1 break-all rounded bg-white/70 px-2 py-1 text-xs dark:bg-zinc-900/70" data-testid={testId}>{value}</code>
        <CopyButton value={value} label={copyLabel} />
      </div>
    </Alert>
  );
}
